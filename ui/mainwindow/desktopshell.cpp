// The main window's desktop conveniences: welcome page, recent workspaces, command palette,
// shortcut sheet, preferences and the saved window layout. Kept apart from mainwindow.cpp,
// which holds the workspace loading and the panes.
#include "mainwindow.h"

#include "common/canvascolors.h"
#include "help/shortcutsheet.h"
#include "incidents/incidentspane.h"
#include "layout/grouping.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineageview.h"
#include "settings/appsettings.h"
#include "settings/preferencesdialog.h"
#include "store/workspace.h"
#include "welcome/welcomepage.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>

namespace sightline::ui {

namespace {
// Keys the views handle themselves, for the shortcut sheet.
QList<ShortcutSheet::Key> viewKeys()
{
    const QString lineage = MainWindow::tr("Lineage view");
    const QString queue = MainWindow::tr("Incident queue");
    return {
        {lineage, QStringLiteral("+ / −, wheel"), MainWindow::tr("Zoom in / out")},
        {lineage, MainWindow::tr("Arrows, drag"), MainWindow::tr("Pan")},
        {lineage, MainWindow::tr("Enter, double-click"), MainWindow::tr("Focus the lineage on the selected asset")},
        {queue, QStringLiteral("j / k"), MainWindow::tr("Next / previous incident")},
        {queue, QStringLiteral("x"), MainWindow::tr("Add the incident to the selection")},
        {queue, QStringLiteral("a"), MainWindow::tr("Acknowledge")},
        {queue, QStringLiteral("i"), MainWindow::tr("Investigating")},
        {queue, QStringLiteral("r"), MainWindow::tr("Resolve (asks for a reason)")},
        {queue, QStringLiteral("o"), MainWindow::tr("Reopen")},
        {queue, QStringLiteral("e"), MainWindow::tr("Assign")},
        {queue, QStringLiteral("s"), MainWindow::tr("Snooze")},
        {queue, QStringLiteral("c"), MainWindow::tr("Comment")},
        {queue, QStringLiteral("1 – 4"), MainWindow::tr("Set severity SEV-1 … SEV-4")},
        {queue, QStringLiteral("m / u"), MainWindow::tr("Merge / split incidents")},
        {queue, QStringLiteral("n"), MainWindow::tr("Notify the owners (preview first)")},
        {queue, QStringLiteral("l"), MainWindow::tr("Show the incident's asset in the lineage")},
        {queue, QStringLiteral("/"), MainWindow::tr("Search incidents")},
        {queue, QStringLiteral("Ctrl+Z / Ctrl+Shift+Z"), MainWindow::tr("Undo / redo the last change")},
    };
}
// The user's "group large graphs by" choice, as the lineage view takes it.
std::optional<GroupBy> groupingSetting(const AppSettings& settings)
{
    for (GroupBy by : {GroupBy::Dataset, GroupBy::Platform, GroupBy::Owner, GroupBy::Team}) {
        if (groupByName(by) == settings.grouping())
            return by;
    }
    return std::nullopt;
}
} // namespace

void MainWindow::installDesktopShell(QMenu* file, QMenu* help)
{
    // The work area shares the centre with the welcome page.
    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    QWidget* work = takeCentralWidget();
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(work);
    m_stack->setCurrentWidget(work);
    setCentralWidget(m_stack);
    connect(m_welcome, &WelcomePage::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::importRequested, this, &MainWindow::chooseImportFiles);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseOpenWorkspace);
    connect(m_welcome, &WelcomePage::recentRequested, this, [this](const QString& path) { openWorkspace(path); });

    m_recentMenu = new QMenu(tr("Open &Recent"), file);
    file->insertMenu(file->actions().value(2), m_recentMenu);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();

    auto* preferences = new QAction(tr("&Preferences…"), this);
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    file->insertAction(file->actions().constLast(), preferences);
    file->insertSeparator(file->actions().constLast());

    m_palette = new CommandPalette(this);
    auto* palette = new QAction(tr("&Command Palette…"), this);
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(palette, &QAction::triggered, this, &MainWindow::openCommandPalette);
    auto* shortcuts = new QAction(tr("&Keyboard Shortcuts"), this);
    shortcuts->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)});
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    help->insertAction(help->actions().value(0), palette);
    help->insertAction(help->actions().value(1), shortcuts);
    help->insertSeparator(help->actions().value(2));
}

void MainWindow::showWelcome()
{
    m_welcome->setRecentWorkspaces(AppSettings().recentWorkspaces());
    m_stack->setCurrentWidget(m_welcome);
    m_welcome->demoButton()->setFocus();
}

void MainWindow::showWorkArea()
{
    if (m_stack)
        m_stack->setCurrentIndex(1);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings().recentWorkspaces();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        const QString label =
            i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()) : QFileInfo(path).fileName();
        QAction* action = m_recentMenu->addAction(label, this, [this, path] { openWorkspace(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] { AppSettings().clearRecentWorkspaces(); });
}

QList<PaletteEntry> MainWindow::paletteEntries()
{
    QList<PaletteEntry> entries = CommandPalette::actionEntries(this);
    if (m_graph) {
        const auto& assets = m_graph->assets();
        entries.reserve(entries.size() + qsizetype(assets.size()));
        for (const Asset& asset : assets) {
            const QString key = asset.key;
            entries.append(
                {asset.name, kindName(asset.kind) + QStringLiteral(" · ") + key, tr("Asset"), {}, [this, key] {
                     selectAsset(key);
                 }});
        }
    }
    // Unresolved incidents, newest first, read at the moment the palette opens.
    auto* pane = findChild<IncidentsPane*>();
    if (pane && !m_workspacePath.isEmpty()) {
        try {
            auto workspace = Workspace::open(m_workspacePath, Workspace::OpenMode::ReadOnly);
            auto stmt = workspace->db().prepare(
                "SELECT i.id, a.name, i.kind, i.severity, i.explanation FROM incident i JOIN asset a ON a.id = "
                "i.asset_id "
                "WHERE i.status IN ('open', 'acknowledged', 'investigating') ORDER BY i.detected_at DESC LIMIT 2000");
            while (stmt.step()) {
                const qint64 id = stmt.int64(0);
                entries.append({QStringLiteral("#%1 %2 %3").arg(id).arg(stmt.text(2), stmt.text(1)),
                                stmt.text(3) + QStringLiteral(" · ") + stmt.text(4),
                                tr("Incident"),
                                {},
                                [this, pane, id] {
                                    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("incidentsDock"))) {
                                        dock->show();
                                        dock->raise();
                                    }
                                    pane->selectIncident(id);
                                }});
            }
        } catch (const std::exception&) {
            // A workspace being replaced or locked: the palette still offers actions and assets.
        }
    }
    return entries;
}

void MainWindow::openCommandPalette()
{
    m_palette->setEntries(paletteEntries());
    m_palette->open();
}

void MainWindow::showShortcuts()
{
    auto* sheet = new ShortcutSheet(this, viewKeys());
    sheet->setAttribute(Qt::WA_DeleteOnClose);
    sheet->show();
}

void MainWindow::showPreferences()
{
    AppSettings settings;
    PreferencesDialog dialog(settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_lineage->setDepth(settings.upstreamDepth(), settings.downstreamDepth());
    m_lineage->setGroupBy(groupingSetting(settings));
    // The theme may have changed: the canvas paints with colours of the palette.
    m_lineage->graphicsView()->setBackgroundBrush(canvasColors().background);
    m_lineage->graphicsView()->viewport()->update();
}

void MainWindow::restoreLayout()
{
    AppSettings settings;
    if (const QByteArray geometry = settings.windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings.windowState(); !state.isEmpty())
        restoreState(state);
    m_lineage->setDepth(settings.upstreamDepth(), settings.downstreamDepth());
    m_lineage->setGroupBy(groupingSetting(settings));
    m_layoutRestored = true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_layoutRestored)
        AppSettings().setWindowLayout(saveGeometry(), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace sightline::ui
