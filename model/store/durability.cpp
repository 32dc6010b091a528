#include "durability.h"

#include <sqlite3.h>

namespace sightline {

void requireDurableCommits(sql::Database& db)
{
    if (sqlite3_get_autocommit(db.handle()) != 0)
        db.exec("PRAGMA synchronous = FULL");
}

} // namespace sightline
