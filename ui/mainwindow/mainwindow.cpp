#include "mainwindow.h"

#include "charts/assethistoryview.h"
#include "demo/demoworkspace.h"
#include "details/detailspane.h"
#include "import/importcontroller.h"
#include "import/importerregistry.h"
#include "incidents/incidentsdock.h"
#include "lineage/impactpanel.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineageview.h"
#include "mainwindow/workspaceloader.h"
#include "navigator/navigatorpane.h"
#include "settings/appsettings.h"
#include "sightline/buildconfig.h"
#include "snapshots/snapshotpanel.h"
#include "store/changewatcher.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

namespace sightline::ui {

namespace {
constexpr int kStatusTimeoutMs = 6000;

QStringList localPaths(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}
} // namespace

MainWindow::MainWindow(std::shared_ptr<const ImporterRegistry> registry, QWidget* parent)
    : QMainWindow(parent)
    , m_registry(std::move(registry))
    , m_loadJob(this)
    , m_import(new ImportController(m_registry, this))
    , m_watcher(new ChangeWatcher(this))
    , m_demoPath(demo::defaultWorkspacePath())
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_navigator(new NavigatorPane(m_splitter))
    , m_centre(new QTabWidget(m_splitter))
    , m_lineage(new LineageView(m_centre))
    , m_history(new AssetHistoryView(m_centre))
    , m_details(new DetailsPane(m_splitter))
    , m_impact(new ImpactPanel(this))
    , m_impactDock(new QDockWidget(tr("Impact"), this))
    , m_snapshots(new SnapshotPanel(this))
    , m_snapshotsDock(new QDockWidget(tr("Snapshots"), this))
    , m_pathLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
    , m_timeLabel(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Sightline"));
    setAcceptDrops(true);
    m_navigator->setObjectName(QStringLiteral("navigator"));
    m_details->setObjectName(QStringLiteral("details"));
    m_lineage->setObjectName(QStringLiteral("lineage"));
    m_history->setObjectName(QStringLiteral("history"));
    // The asset's history charts share the centre with the lineage: both want the width.
    m_centre->setDocumentMode(true);
    m_centre->addTab(m_lineage, tr("Lineage"));
    m_centre->addTab(m_history, tr("History"));

    m_splitter->addWidget(m_navigator);
    m_splitter->addWidget(m_centre);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({270, 830, 340});
    setCentralWidget(m_splitter);
    m_impactDock->setObjectName(QStringLiteral("impactDock"));
    m_impactDock->setWidget(m_impact);
    m_impactDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                              | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_impactDock);
    resizeDocks({m_impactDock}, {220}, Qt::Vertical);
    m_snapshotsDock->setObjectName(QStringLiteral("snapshotsDock"));
    m_snapshotsDock->setWidget(m_snapshots);
    addDockWidget(Qt::BottomDockWidgetArea, m_snapshotsDock);
    tabifyDockWidget(m_impactDock, m_snapshotsDock);
    m_impactDock->raise();
    m_snapshotsDock->hide();
    resize(1440, 880);

    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_timeLabel);
    createActions();
    updateStatus();

    connect(m_navigator, &NavigatorPane::assetSelected, this, &MainWindow::selectAsset);
    connect(m_navigator, &NavigatorPane::assetActivated, this, [this](const QString& key) {
        selectAsset(key);
        // Keyboard goes to the graph: arrows pan, +/- zoom, Enter refocuses.
        m_lineage->graphicsView()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_lineage, &LineageView::assetSelected, this, [this](const QString& key) {
        showAssetDetails(key);
        m_navigator->selectAsset(key);
    });
    connect(m_lineage, &LineageView::assetActivated, this, &MainWindow::selectAsset);
    connect(m_lineage, &LineageView::assetOpenRequested, this, [this](const QString& key) {
        m_details->setVisible(true);
        m_details->showAsset(key);
        m_impact->setAsset(key);
    });
    connect(m_impact, &ImpactPanel::assetActivated, this, &MainWindow::selectAsset);
    connect(m_details, &DetailsPane::assetRequested, this, &MainWindow::selectAsset);
    connect(m_import, &ImportController::finished, this, &MainWindow::importFinished);
    connect(this, &MainWindow::workspaceLoaded, m_snapshots, &SnapshotPanel::setWorkspace);
    connect(m_snapshots, &SnapshotPanel::snapshotRemoved, this, [this](const SnapshotRemoval& removed) {
        statusBar()->showMessage(tr("Removed snapshot %1; reloading.").arg(removed.snapshotId), kStatusTimeoutMs);
        openWorkspace(m_workspacePath);
    });
    connect(m_watcher, &ChangeWatcher::changed, this, &MainWindow::externalChange);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseOpenWorkspace);
    open->setShortcut(QKeySequence::Open);
    auto* create = file->addAction(tr("&New Workspace…"), this, &MainWindow::chooseNewWorkspace);
    create->setShortcut(QKeySequence::New);
    file->addSeparator();
    auto* importFiles = file->addAction(tr("&Import…"), this, &MainWindow::chooseImportFiles);
    importFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    auto* importFolder = file->addAction(tr("Import &Folder…"), this, &MainWindow::chooseImportFolder);
    importFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    file->addSeparator();
    auto* importResults = file->addAction(tr("Last Import &Results"), m_import, &ImportController::showResults);
    importResults->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    file->addSeparator();
    auto* exportLineage = file->addAction(tr("&Export Lineage…"), this, &MainWindow::chooseExportLineage);
    exportLineage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    file->addAction(tr("Open &Demo"), this, &MainWindow::openDemo);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* filter = view->addAction(tr("&Filter Assets"), m_navigator, &NavigatorPane::focusFilter);
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    auto* fit = view->addAction(tr("Fit &Lineage to View"), m_lineage, &LineageView::fitToView);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    view->addAction(tr("Lineage &Overview"), m_lineage, &LineageView::showOverview);
    view->addSeparator();
    auto* showNavigator = view->addAction(tr("Show &Navigator"));
    showNavigator->setCheckable(true);
    showNavigator->setChecked(true);
    connect(showNavigator, &QAction::toggled, m_navigator, &QWidget::setVisible);
    auto* showDetails = view->addAction(tr("Show &Details"));
    showDetails->setCheckable(true);
    showDetails->setChecked(true);
    connect(showDetails, &QAction::toggled, m_details, &QWidget::setVisible);
    QAction* showImpact = m_impactDock->toggleViewAction();
    showImpact->setText(tr("Show &Impact"));
    view->addAction(showImpact);
    QAction* showSnapshots = m_snapshotsDock->toggleViewAction();
    showSnapshots->setText(tr("&Snapshots"));
    showSnapshots->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(showSnapshots, &QAction::triggered, this, [this](bool shown) {
        if (!shown)
            return;
        m_snapshotsDock->raise();
        m_snapshots->view()->setFocus(Qt::ShortcutFocusReason);
    });
    view->addAction(showSnapshots);
    installIncidentsDock(this, view);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Sightline"), this, &MainWindow::about);
    installDesktopShell(file, help);
}

void MainWindow::openWorkspace(const QString& path, const QString& focusKey)
{
    startLoad(path, false, focusKey);
}

void MainWindow::createWorkspace(const QString& path)
{
    startLoad(path, true, {});
}

void MainWindow::startLoad(const QString& path, bool create, const QString& focusKey)
{
    statusBar()->showMessage(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    // This load reads everything committed so far: only later commits need another reload.
    if (QFileInfo(path).absoluteFilePath() == m_watcher->path())
        m_watcher->resync();
    m_loadJob.start(
        [path, create](const JobTracker::CancelPredicate& cancelled) { return loadWorkspace(path, create, cancelled); },
        [this, focusKey](const LoadedWorkspace& loaded) { applyLoaded(loaded, focusKey); });
}

void MainWindow::openDemo()
{
    statusBar()->showMessage(tr("Preparing the demo estate…"));
    const QString path = m_demoPath;
    m_loadJob.start(
        [registry = m_registry, path](const JobTracker::CancelPredicate& cancelled) {
            ImportReport report;
            try {
                report = demo::prepare(*registry, path, {}, cancelled);
            } catch (const WorkspaceError& e) {
                report.outcome = ImportReport::Outcome::Failed;
                report.error = e.message();
            }
            return report;
        },
        [this, path](const ImportReport& report) {
            if (report.outcome == ImportReport::Outcome::Failed) {
                statusBar()->clearMessage();
                showError(tr("Cannot open the demo"), report.error);
                return;
            }
            startLoad(path, false, demo::initialFocusKey());
        });
}

void MainWindow::applyLoaded(const LoadedWorkspace& loaded, const QString& focusKey)
{
    statusBar()->clearMessage();
    if (!loaded.error.isEmpty() || !loaded.graph) {
        m_pendingImport.clear();
        if (loaded.errorReason == WorkspaceError::Reason::Corrupt)
            offerBackup(loaded);
        else
            showError(tr("Cannot open workspace"), loaded.error);
        Q_EMIT workspaceFailed(loaded.error);
        return;
    }
    if (loaded.path != m_watcher->path())
        m_watcher->watch(loaded.path);
    const bool reload = loaded.path == m_workspacePath;
    const QString previous = reload ? m_navigator->selectedAsset() : QString();

    m_workspacePath = loaded.path;
    m_graph = loaded.graph;
    m_edgeCount = int(loaded.graph->edgeCount());
    m_dataTime = loaded.dataTime;
    setWindowTitle(QStringLiteral("%1 — Sightline").arg(QFileInfo(loaded.path).completeBaseName()));
    AppSettings().addRecentWorkspace(loaded.path);
    showWorkArea();

    m_navigator->setAssets(m_graph->assets());
    m_details->setWorkspace(m_workspacePath, m_graph);
    m_history->setWorkspace(m_workspacePath);
    m_lineage->setHealth(loaded.health);
    m_lineage->setGraph(m_graph);
    m_impact->setGraph(m_graph);
    updateStatus();

    QString focus = focusKey;
    if (focus.isEmpty() || m_graph->indexOf(focus) == LineageGraph::npos)
        focus = previous;
    if (focus.isEmpty() || m_graph->indexOf(focus) == LineageGraph::npos)
        focus = pickInitialFocus();
    if (!focus.isEmpty())
        selectAsset(focus);
    Q_EMIT workspaceLoaded(m_workspacePath);
    if (!m_pendingImport.isEmpty())
        importPaths(std::exchange(m_pendingImport, {}));
    else if (std::exchange(m_refreshPending, false))
        startRefresh();
}

void MainWindow::externalChange()
{
    if (m_workspacePath.isEmpty())
        return;
    // Our own import commits through another connection too; it reloads when it finishes.
    if (m_import->isRunning())
        return;
    if (isLoading()) {
        m_refreshPending = true; // the running load may have read before that commit
        return;
    }
    startRefresh();
}

// Like openWorkspace() on the same path, but quiet: a failure (say the other process left the
// file locked for longer than the busy timeout) keeps what is shown and says so in the status
// bar instead of a dialog, and the next change tries again.
void MainWindow::startRefresh()
{
    const QString path = m_workspacePath;
    m_watcher->resync();
    m_loadJob.start(
        [path](const JobTracker::CancelPredicate& cancelled) { return loadWorkspace(path, false, cancelled); },
        [this](const LoadedWorkspace& loaded) {
            if (!loaded.error.isEmpty() || !loaded.graph || loaded.path != m_workspacePath) {
                statusBar()->showMessage(
                    tr("Workspace changed by another process; reload failed: %1").arg(loaded.error), kStatusTimeoutMs);
                return;
            }
            applyLoaded(loaded, {});
            const int count = int(m_graph->size());
            statusBar()->showMessage(
                tr("Workspace updated by another process: %1 assets").arg(QLocale().toString(count)), kStatusTimeoutMs);
            Q_EMIT workspaceRefreshed(count);
        });
}

// With nothing else to go on, open on the model with the most direct neighbours: in a dbt
// project that is a central fact table, which makes a telling first picture.
QString MainWindow::pickInitialFocus() const
{
    if (!m_graph || m_graph->size() == 0)
        return {};
    LineageGraph::Index best = 0;
    qsizetype bestScore = -1;
    for (qsizetype i = 0; i < m_graph->size(); ++i) {
        const auto index = LineageGraph::Index(i);
        const qsizetype up = m_graph->upstream(index).size();
        const qsizetype down = m_graph->downstream(index).size();
        qsizetype score = up + down;
        if (up == 0 || down == 0)
            score /= 2; // prefer something in the middle of the flow
        if (score > bestScore) {
            best = index;
            bestScore = score;
        }
    }
    return m_graph->asset(best).key;
}

void MainWindow::selectAsset(const QString& key)
{
    if (!m_graph || m_graph->indexOf(key) == LineageGraph::npos)
        return;
    m_navigator->selectAsset(key);
    showAssetDetails(key);
    if (m_lineage->focusAsset() != key)
        m_lineage->setFocusAsset(key);
}

void MainWindow::chooseExportLineage()
{
    const QString base = m_lineage->isOverview() ? QStringLiteral("lineage-overview")
                                                 : m_lineage->focusAsset().section(u'.', -1).section(u':', -1);
    QString filter = tr("SVG image (*.svg)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Lineage"), base + QStringLiteral(".svg"),
        tr("SVG image (*.svg);;PDF document (*.pdf);;PNG image, 2x (*.png);;Graphviz DOT (*.dot)"), &filter);
    if (path.isEmpty())
        return;
    QString format = QFileInfo(path).suffix().toLower();
    if (format.isEmpty())
        format = filter.section(QStringLiteral("*."), 1).left(3);
    QString error;
    if (!m_lineage->exportView(path, format, 2.0, &error))
        showError(tr("Export Lineage"), tr("Could not export to %1: %2").arg(path, error));
}

void MainWindow::showAssetDetails(const QString& key)
{
    m_impact->setAsset(key);
    if (m_details->asset() != key)
        m_details->showAsset(key);
    if (m_history->asset() != key)
        m_history->showAsset(key);
}

void MainWindow::importPaths(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    if (m_import->isRunning()) {
        statusBar()->showMessage(tr("An import is already running."), kStatusTimeoutMs);
        return;
    }
    QString target = m_workspacePath;
    if (target.isEmpty()) {
        target = QFileDialog::getSaveFileName(this, tr("New Workspace for the Import"), QString(),
                                              tr("Sightline workspaces (*.sightline)"));
        if (target.isEmpty())
            return;
        if (QFileInfo(target).suffix().isEmpty())
            target += QStringLiteral(".sightline");
        m_pendingImport = paths;
        createWorkspace(target);
        return;
    }
    statusBar()->showMessage(tr("Importing…"));
    m_import->start(target, paths);
}

void MainWindow::importFinished(const ImportReport& report)
{
    statusBar()->clearMessage();
    switch (report.outcome) {
    case ImportReport::Outcome::Imported:
        statusBar()->showMessage(tr("Import finished; reloading."), kStatusTimeoutMs);
        openWorkspace(m_workspacePath);
        break;
    case ImportReport::Outcome::NothingNew:
        statusBar()->showMessage(tr("Nothing new to import."), kStatusTimeoutMs);
        break;
    case ImportReport::Outcome::Cancelled:
        statusBar()->showMessage(tr("Import cancelled; the workspace is unchanged."), kStatusTimeoutMs);
        break;
    case ImportReport::Outcome::Failed:
        statusBar()->showMessage(tr("Import failed; the workspace is unchanged."), kStatusTimeoutMs);
        break;
    }
}

void MainWindow::updateStatus()
{
    if (m_workspacePath.isEmpty()) {
        m_pathLabel->setText(tr("No workspace open: File → Open Workspace…, or File → Open Demo"));
        m_countLabel->clear();
        m_timeLabel->clear();
        return;
    }
    m_pathLabel->setText(QDir::toNativeSeparators(m_workspacePath));
    const QLocale locale;
    m_countLabel->setText(
        tr("%1 assets · %2 edges").arg(locale.toString(m_graph ? m_graph->size() : 0), locale.toString(m_edgeCount)));
    m_timeLabel->setText(
        m_dataTime.isValid()
            ? tr("data time %1").arg(m_dataTime.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")))
            : tr("no data yet"));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importPaths(paths);
}

void MainWindow::chooseOpenWorkspace()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Workspace"), QFileInfo(m_workspacePath).absolutePath(),
                                     tr("Sightline workspaces (*.sightline);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::chooseNewWorkspace()
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("New Workspace"), QString(), tr("Sightline workspaces (*.sightline)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sightline");
    createWorkspace(path);
}

void MainWindow::chooseImportFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Files"), QString(), tr("Metadata files (*.json *.ndjson *.jsonl);;All files (*)"));
    importPaths(files);
}

void MainWindow::chooseImportFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder (one snapshot)"));
    if (!folder.isEmpty())
        importPaths({folder});
}

void MainWindow::about()
{
    QStringList formats;
    for (const auto* importer : m_registry->importers())
        formats.append(importer->displayName());
    QMessageBox::about(
        this, tr("About Sightline"),
        tr("<h3>Sightline %1</h3><p>A workbench for data-incident triage: lineage, owners and "
           "history of a data estate, from metadata snapshots.</p><p>Reads: %2</p>")
            .arg(QLatin1String(SIGHTLINE_VERSION),
                 formats.isEmpty() ? tr("no importer plugins found") : formats.join(QStringLiteral(", "))));
}

} // namespace sightline::ui
