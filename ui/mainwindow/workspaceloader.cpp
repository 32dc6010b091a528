#include "workspaceloader.h"

#include "lineage/lineagegraph.h"

#include <QFile>
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
        result.errorReason = e.reason();
        result.errorDetail = e.detail();
        if (e.reason() == WorkspaceError::Reason::Corrupt)
            result.backups = describeBackups(result.path);
        result.graph.reset();
    } catch (const std::exception& e) {
        result.error = QStringLiteral("%1: %2").arg(result.path, QString::fromUtf8(e.what()));
        result.graph.reset();
    }
    return result;
}

LoadedWorkspace loadRestoredBackup(const QString& backup, const QString& target, const std::function<bool()>& cancelled)
{
    QString copy;
    try {
        copy = restoreBackup(backup, target);
    } catch (const WorkspaceError& e) {
        LoadedWorkspace failed;
        failed.path = QFileInfo(target).absoluteFilePath();
        failed.error = e.message();
        failed.errorReason = e.reason();
        return failed;
    }
    return loadWorkspace(copy, false, cancelled);
}

bool isInputToImport(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    if (info.suffix() == QLatin1String("sightline") || !Workspace::backups(path).isEmpty())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false; // opening it as a workspace reports why it cannot be read
    return !file.read(16).startsWith("SQLite format 3");
}

} // namespace sightline::ui
