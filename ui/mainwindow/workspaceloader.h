#pragma once

#include "incidents/incidentstore.h"

#include "store/workspace.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>

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
};

// Opens path with its own connection (so it runs on any thread) and reads assets, edges and
// counts. create: make a new workspace if there is none. Never throws; a file that is not a
// workspace or is from a newer version comes back with error set, and is not modified.
LoadedWorkspace loadWorkspace(const QString& path, bool create, const std::function<bool()>& cancelled = {});

} // namespace sightline::ui
