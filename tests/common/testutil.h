#pragma once

#include "store/sqlite.h"

#include <QString>
#include <QStringList>

namespace sightline::test {

// ../shared/data as laid out beside the project (CTest passes SIGHTLINE_SHARED_DATA).
QString sharedDataDir();
QString sharedData(const QString& relative);
// ../shared/contracts (JSON Schemas of the command line's output).
QString contractsDir();
// The build tree's root (binaries in bin/, plugins under lib/).
QString buildDir();
// The plugin folder of the build tree.
QString pluginDir();

// SQLite's own dump of every table's content, for "the workspace is unchanged" checks.
QString dumpWorkspace(const QString& path);

// A new workspace file as a build of schema `version` made it: its migrations, run one by one
// (they are never edited once shipped), user_version and application_id set, in WAL mode. The
// caller writes that version's rows through the returned connection.
sql::Database createOldWorkspace(const QString& path, int version);

} // namespace sightline::test
