// What the main window does with a damaged workspace: say so, and offer to continue from a copy of
// one of its backups. Kept apart from mainwindow.cpp, which holds the normal loading.
#include "mainwindow.h"

#include "mainwindow/workspaceloader.h"
#include "recovery/damagedworkspacedialog.h"

#include <QFileInfo>
#include <QStatusBar>

namespace sightline::ui {

namespace {
constexpr int kRestoredMessageMs = 12000;
}

void MainWindow::offerBackup(const LoadedWorkspace& loaded)
{
    auto* dialog = new DamagedWorkspaceDialog(loaded.path, loaded.errorDetail, loaded.backups,
                                              restoredCopyPath(loaded.path), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DamagedWorkspaceDialog::openBackupRequested, this, &MainWindow::openBackupCopy);
    dialog->open();
}

void MainWindow::openBackupCopy(const QString& backup, const QString& target)
{
    statusBar()->showMessage(tr("Copying %1…").arg(QFileInfo(backup).fileName()));
    m_loadJob.start(
        [backup, target](const JobTracker::CancelPredicate& cancelled) {
            return loadRestoredBackup(backup, target, cancelled);
        },
        [this, backup](const LoadedWorkspace& loaded) {
            applyLoaded(loaded, {});
            if (!loaded.error.isEmpty() || !loaded.graph)
                return;
            statusBar()->showMessage(tr("Opened %1, a copy of the backup %2; the damaged workspace and the backup "
                                        "were left as they were.")
                                         .arg(QFileInfo(loaded.path).fileName(), QFileInfo(backup).fileName()),
                                     kRestoredMessageMs);
        });
}

} // namespace sightline::ui
