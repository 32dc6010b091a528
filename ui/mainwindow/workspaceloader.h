#pragma once

#include "incidents/incidentstore.h"

#include "store/workspace.h"
#include "store/workspacebackups.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace sightline {
class LineageGraph;
}

namespace sightline::ui {

// Everything the main window shows about a workspace, read in one go on a worker thread.
struct LoadedWorkspace
{
    QString path;
    std::shared_ptr<const LineageGraph> graph;
    WorkspaceCounts counts;
    QDateTime dataTime;
    QHash<QString, AssetHealth> health; // worst unresolved incident per asset (lineage colours)
    QString error; // set when the file could not be opened; nothing else is then
    // Why it could not be opened, when the workspace said so (not set for other failures).
    std::optional<WorkspaceError::Reason> errorReason;
    QString errorDetail; // WorkspaceError::detail()
    QList<BackupInfo> backups; // a damaged workspace's backups, newest first, for the offer to open one
};

// Opens path with its own connection (so it runs on any thread) and reads assets, edges and
// counts. create: make a new workspace if there is none. Never throws; a file that is not a
// workspace or is from a newer version comes back with error set, and is not modified.
LoadedWorkspace loadWorkspace(const QString& path, bool create, const std::function<bool()>& cancelled = {});

// Copies backup to a new file (restoreBackup(), at target or a free name beside it) and loads that
// copy. The backup and the damaged workspace are only read. An error is reported like
// loadWorkspace()'s.
LoadedWorkspace loadRestoredBackup(const QString& backup, const QString& target,
                                   const std::function<bool()>& cancelled = {});

// Whether the desktop handed us something to import rather than a workspace to open: a folder, or
// a file that is not an SQLite database, unless it is named like a workspace or has a workspace's
// backups beside it (a workspace damaged at its start is still one, and must get the offer to open
// its backup rather than be imported).
bool isInputToImport(const QString& path);

} // namespace sightline::ui
