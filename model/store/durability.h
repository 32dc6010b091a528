#pragma once

#include "store/sqlite.h"

namespace sightline {

// Makes every later commit of this connection durable across a power cut, not only across a
// crash: PRAGMA synchronous = FULL, which in WAL mode syncs the log at each commit (NORMAL, the
// workspace default, syncs it only at checkpoints, so the last commits before a power loss may
// be gone). For connections that write what only people can type: incident triage (statuses,
// assignments, comments) and annotations. Imports and detection, which can be run again, stay at
// NORMAL. Costs one fsync per commit; figures in tests/bench/README.md, "Incident edit
// durability". Inside an open transaction SQLite refuses the change; the connection then keeps
// its setting (the caller's transaction began on a connection it configured).
void requireDurableCommits(sql::Database& db);

} // namespace sightline
