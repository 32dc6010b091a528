#pragma once

#include "import/importrunner.h"
#include "jobs/jobtracker.h"
#include "palette/commandpalette.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QSplitter;
class QStackedWidget;
class QMenu;
class QTabWidget;

namespace sightline {
class ChangeWatcher;
class ImporterRegistry;
class LineageGraph;
} // namespace sightline

namespace sightline::ui {

class AssetHistoryView;
class CommandPalette;
class DetailsPane;
class WelcomePage;
class ImpactPanel;
class ImportController;
class LineageView;
class NavigatorPane;
class SnapshotPanel;
struct LoadedWorkspace;

// The desktop window: navigator (left), lineage (centre), details (right), menus, drag and drop
// of files to import, and a status bar. All file work runs in the background (JobTracker).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(std::shared_ptr<const ImporterRegistry> registry, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a workspace in the background; focusKey (if given and present) is selected first.
    void openWorkspace(const QString& path, const QString& focusKey = {});
    // Copies backup (one of a damaged workspace's) to a new file at target, or beside it when that
    // is taken, and opens the copy; the backup and the damaged file are only read. Offered by the
    // dialog a damaged workspace gets (see workspacerecovery.cpp).
    void openBackupCopy(const QString& backup, const QString& target);
    // Creates a new (empty) workspace file, or opens it if it already is one.
    void createWorkspace(const QString& path);
    // Builds the demo workspace from the bundled estate (a no-op when up to date) and opens it.
    void openDemo();
    // Where openDemo() keeps the demo workspace; defaults to demo::defaultWorkspacePath().
    void setDemoWorkspacePath(const QString& path)
    {
        m_demoPath = path;
    }
    // The welcome page (demo, import, open, recent workspaces) in place of the work area, until a
    // workspace is loaded.
    void showWelcome();
    // Restores the window geometry and dock layout the user left (the application calls this;
    // tests do not, so they never depend on a user's settings). Closing then saves them.
    void restoreLayout();
    void openCommandPalette();
    void showShortcuts();
    void showPreferences();
    WelcomePage* welcomePage() const
    {
        return m_welcome;
    }
    CommandPalette* commandPalette() const
    {
        return m_palette;
    }

    // Imports into the open workspace (asks for a new one when none is open).
    void importPaths(const QStringList& paths);

    // Selects an asset everywhere: navigator, details, lineage focus.
    void selectAsset(const QString& key);

    QString workspacePath() const
    {
        return m_workspacePath;
    }
    std::shared_ptr<const LineageGraph> graph() const
    {
        return m_graph;
    }
    bool isLoading() const
    {
        return m_loadJob.isRunning();
    }
    NavigatorPane* navigator() const
    {
        return m_navigator;
    }
    DetailsPane* details() const
    {
        return m_details;
    }
    ImpactPanel* impact() const
    {
        return m_impact;
    }
    LineageView* lineage() const
    {
        return m_lineage;
    }
    ImportController* importController() const
    {
        return m_import;
    }
    // View → Snapshots: the workspace's import history; removing one reloads the window.
    SnapshotPanel* snapshots() const
    {
        return m_snapshots;
    }
    QDockWidget* snapshotsDock() const
    {
        return m_snapshotsDock;
    }
    // Polls the open workspace for commits by other processes (e.g. `sightline import` on the
    // command line) and reloads in the background when it sees one.
    ChangeWatcher* changeWatcher() const
    {
        return m_watcher;
    }

Q_SIGNALS:
    void workspaceLoaded(const QString& path);
    // After a reload caused by another process's change to the open workspace.
    void workspaceRefreshed(int assetCount);
    void workspaceFailed(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void installDesktopShell(QMenu* file, QMenu* help);
    void showWorkArea();
    void fillRecentMenu();
    QList<PaletteEntry> paletteEntries();
    void chooseExportLineage();
    void startLoad(const QString& path, bool create, const QString& focusKey);
    void externalChange();
    void startRefresh();
    void applyLoaded(const LoadedWorkspace& loaded, const QString& focusKey);
    void showError(const QString& title, const QString& message);
    void offerBackup(const LoadedWorkspace& loaded);
    void showAssetDetails(const QString& key);
    void importFinished(const ImportReport& report);
    QString pickInitialFocus() const;
    void updateStatus();

    void chooseOpenWorkspace();
    void chooseNewWorkspace();
    void chooseImportFiles();
    void chooseImportFolder();
    void about();

    std::shared_ptr<const ImporterRegistry> m_registry;
    JobTracker m_loadJob;
    ImportController* m_import;
    ChangeWatcher* m_watcher;
    bool m_refreshPending = false; // another process changed the workspace during a load

    QString m_workspacePath;
    QString m_demoPath;
    std::shared_ptr<const LineageGraph> m_graph;
    int m_edgeCount = 0;
    QDateTime m_dataTime;
    QStringList m_pendingImport; // waiting for a new workspace to be created

    QSplitter* m_splitter;
    NavigatorPane* m_navigator;
    QTabWidget* m_centre;
    LineageView* m_lineage;
    AssetHistoryView* m_history;
    DetailsPane* m_details;
    ImpactPanel* m_impact;
    QDockWidget* m_impactDock;
    SnapshotPanel* m_snapshots;
    QDockWidget* m_snapshotsDock;
    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    CommandPalette* m_palette = nullptr;
    QMenu* m_recentMenu = nullptr;
    bool m_layoutRestored = false;
    QLabel* m_pathLabel;
    QLabel* m_countLabel;
    QLabel* m_timeLabel;
};

} // namespace sightline::ui
