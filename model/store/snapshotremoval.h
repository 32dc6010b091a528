#pragma once

#include <QString>
#include <QtGlobal>

#include <stdexcept>

namespace sightline {

namespace sql {
class Database;
}

// The snapshot id given to removeSnapshot() does not exist.
class UnknownSnapshotError : public std::runtime_error
{
public:
    explicit UnknownSnapshotError(qint64 id);
    qint64 id() const
    {
        return m_id;
    }

private:
    qint64 m_id;
};

// What removeSnapshot() deleted.
struct SnapshotRemoval
{
    qint64 snapshotId = 0;
    int observations = 0;
    int runResults = 0;
    int schemaVersions = 0;
    int columnEdges = 0;
    int assets = 0; // assets that only this snapshot reported
    int edges = 0; // edges that only this snapshot reported (besides those of removed assets)
    int unretiredAssets = 0; // assets this snapshot had retired that are current again
    int unretiredEdges = 0;
};

// Removes one snapshot and what only it contributed, in one transaction (nothing changes if it
// throws). Throws UnknownSnapshotError or sql::Error.
//
// The workspace keeps, per (asset or edge, source), only the first and the last snapshot that
// reported it, not every snapshot in between. The rule is therefore, per source of the snapshot
// S, with P the newest other snapshot of that source before S and N the oldest one after S:
// - S's measurements go: observations, run results and schema versions it wrote, and the column
//   edges it first reported unless their table-level edge is still reported by another snapshot.
// - A report whose first and last snapshot are both S is deleted; an asset or edge left with no
//   report at all is deleted with everything attached to it (columns, aliases, incidents...).
// - A report last made by S falls back to P (as if P had reported it: whether P did is not
//   stored); one first made by S starts at N instead.
// - Reports that S retired (retired, last reported by P) are current again when S was the newest
//   snapshot of its source; otherwise N did not report them either and they stay retired.
// - An asset whose schema version S wrote gets the columns of its newest remaining schema version
//   back (descriptions kept).
// What S overwrote in place (an asset's name, description, owner, tags, aliases) cannot be
// restored: the newest import's values stay.
SnapshotRemoval removeSnapshot(sql::Database& db, qint64 snapshotId);

// What removeSnapshot() would delete, without changing anything: the same steps, rolled back
// (so it takes the write lock for as long as a removal would). For a confirmation that can say
// what only that snapshot contributed.
SnapshotRemoval previewSnapshotRemoval(sql::Database& db, qint64 snapshotId);

} // namespace sightline
