#include "workspaceloader.h"

#include "lineage/lineagegraph.h"

#include <QFileInfo>

namespace sightline::ui {

LoadedWorkspace loadWorkspace(const QString& path, bool create, const std::function<bool()>& cancelled)
{
    LoadedWorkspace result;
    result.path = QFileInfo(path).absoluteFilePath();
    try {
        std::unique_ptr<Workspace> workspace;
        try {
            workspace =
                Workspace::open(result.path, create ? Workspace::OpenMode::Create : Workspace::OpenMode::ReadWrite);
        } catch (const WorkspaceError& e) {
            // A workspace we may not write (read-only file or folder) can still be browsed.
            if (e.reason() != WorkspaceError::Reason::Io || !QFileInfo::exists(result.path))
                throw;
            workspace = Workspace::open(result.path, Workspace::OpenMode::ReadOnly);
        }
        if (cancelled && cancelled())
            return result;
        result.graph = LineageGraph::fromWorkspace(*workspace);
        result.counts = workspace->counts();
        result.dataTime = workspace->dataTime();
        try {
            result.health = IncidentStore(workspace->db()).health();
        } catch (const std::exception&) {
            result.health.clear(); // no colours is better than no workspace
        }
    } catch (const WorkspaceError& e) {
        result.error = e.message();
        result.graph.reset();
    } catch (const std::exception& e) {
        result.error = QStringLiteral("%1: %2").arg(result.path, QString::fromUtf8(e.what()));
        result.graph.reset();
    }
    return result;
}

} // namespace sightline::ui
