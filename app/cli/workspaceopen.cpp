#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "store/workspace.h"

#include <QFileInfo>

namespace sightline::cli {

std::unique_ptr<Workspace> openExistingWorkspace(const QString& path, int* exitCode)
{
    // Checked here so that a missing workspace is reported as such and never created.
    const QFileInfo info(path);
    if (!info.exists()) {
        printError(QStringLiteral("%1: no such workspace (create one with 'sightline import %1 FILE')").arg(path));
        *exitCode = ExitCode::WorkspaceProblem;
        return nullptr;
    }
    if (info.isDir()) {
        printError(QStringLiteral("%1: is a folder, not a workspace file").arg(path));
        *exitCode = ExitCode::WorkspaceProblem;
        return nullptr;
    }
    try {
        return Workspace::open(path, Workspace::OpenMode::ReadOnly);
    } catch (const WorkspaceError& e) {
        printError(e.message());
        *exitCode = ExitCode::WorkspaceProblem;
        return nullptr;
    }
}

} // namespace sightline::cli
