// The main window's desktop conveniences on the real demo: welcome page, command palette,
// shortcut sheet, recent workspaces, and the dark theme rendered for a look.
#include "demo/demoworkspace.h"
#include "help/shortcutsheet.h"
#include "import/importerregistry.h"
#include "incidents/incidentstore.h"
#include "layout/grouping.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineageview.h"
#include "mainwindow/mainwindow.h"
#include "navigator/navigatorpane.h"
#include "palette/commandpalette.h"
#include "settings/appsettings.h"
#include "store/workspace.h"
#include "testutil.h"
#include "theme/theme.h"
#include "welcome/welcomepage.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sightline;
using namespace sightline::ui;

namespace {
const QString kDealerRevenue = QStringLiteral("wheelhouse-analytics.marts_finance.mart_dealer_revenue");

QString screenshotDir()
{
    const QString dir = test::buildDir() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}
} // namespace

class TestDesktopShell : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<ImporterRegistry> m_registry;
    QString m_demoPath;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        AppSettings().clearRecentWorkspaces();
        m_registry = std::make_shared<ImporterRegistry>();
        m_registry->loadPlugins(test::pluginDir());
        m_demoPath = m_dir.filePath(QStringLiteral("demo.sightline"));
    }

    void welcomePageOpensTheDemo()
    {
        MainWindow window(m_registry);
        window.setDemoWorkspacePath(m_demoPath);
        window.resize(1400, 860);
        window.show();
        window.showWelcome();
        QVERIFY(window.welcomePage()->isVisible());
        QVERIFY(window.welcomePage()->recentList()->isHidden());
        window.welcomePage()->grab().save(screenshotDir() + QStringLiteral("/welcome.png"));

        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        QTest::mouseClick(window.welcomePage()->demoButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(60000));
        QVERIFY(!window.welcomePage()->isVisible());
        QCOMPARE(window.graph()->size(), 93);
        // Opening a workspace puts it on the recent list the welcome page offers next time.
        QCOMPARE(AppSettings().recentWorkspaces().value(0), QFileInfo(m_demoPath).absoluteFilePath());
        window.showWelcome();
        QCOMPARE(window.welcomePage()->recentList()->count(), 1);
    }

    void commandPaletteJumpsToAnAssetAndRunsActions()
    {
        MainWindow window(m_registry);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(m_demoPath);
        QVERIFY(loaded.wait(30000));

        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        CommandPalette* palette = window.commandPalette();
        QVERIFY(palette->isVisible());
        // Every enabled menu action, every asset and every unresolved incident is offered.
        int unresolved = 0;
        {
            auto workspace = Workspace::open(m_demoPath, Workspace::OpenMode::ReadOnly);
            IncidentFilter filter;
            filter.unresolvedOnly = true;
            unresolved = int(IncidentStore(workspace->db()).incidents(filter).size());
        }
        QVERIFY(unresolved > 0); // the demo's detected incidents
        QCOMPARE(palette->results()->count(),
                 std::min<int>(CommandPalette::kMaxShown,
                               int(CommandPalette::actionEntries(&window).size()) + 93 + unresolved));
        QVERIFY(!palette->results()->findItems(QStringLiteral("Incident"), Qt::MatchStartsWith).isEmpty());
        QTest::keyClicks(palette->input(), QStringLiteral("mart dealer revenue"));
        QVERIFY(palette->results()->count() >= 1);
        QVERIFY2(palette->results()->item(0)->text().contains(kDealerRevenue),
                 qPrintable(palette->results()->item(0)->text()));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QTRY_COMPARE(window.navigator()->selectedAsset(), kDealerRevenue);

        // An action by name: the shortcut sheet.
        window.openCommandPalette();
        QTest::keyClicks(palette->input(), QStringLiteral("keyboard shortcuts"));
        QTest::keyClick(palette->input(), Qt::Key_Return);
        ShortcutSheet* sheet = nullptr;
        QTRY_VERIFY((sheet = window.findChild<ShortcutSheet*>()) != nullptr);
        const auto items = sheet->tree()->findItems(QStringLiteral("Command Palette"), Qt::MatchContains);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first()->text(1), QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText));
        QVERIFY(!sheet->tree()->findItems(QStringLiteral("Acknowledge"), Qt::MatchContains).isEmpty());
        sheet->close();
    }

    // The application restores the user's lineage defaults with the layout.
    void restoreLayoutAppliesLineageDefaults()
    {
        AppSettings settings;
        settings.setUpstreamDepth(3);
        settings.setDownstreamDepth(0);
        settings.setGrouping(QStringLiteral("team"));
        MainWindow window(m_registry);
        window.restoreLayout();
        QCOMPARE(window.lineage()->upstreamDepth(), 3);
        QCOMPARE(window.lineage()->downstreamDepth(), 0);
        QCOMPARE(window.lineage()->groupBy(), std::optional<GroupBy>(GroupBy::Team));
        settings.setUpstreamDepth(2);
        settings.setDownstreamDepth(2);
        settings.setGrouping(QStringLiteral("dataset"));
    }

    void f1ShowsTheShortcutSheet()
    {
        MainWindow window(m_registry);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_F1);
        QTRY_VERIFY(window.findChild<ShortcutSheet*>() != nullptr);
    }

    // Dark theme: the whole window, lineage and history, rendered for a look (and checked to
    // really be dark where the views paint).
    void darkThemeRenders()
    {
        applyTheme(ThemeMode::Dark);
        MainWindow window(m_registry);
        window.resize(1440, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(m_demoPath, kDealerRevenue);
        QVERIFY(loaded.wait(30000));
        QTest::qWait(1500); // layout thread and first frame
        const QImage lineage = window.grab().toImage();
        lineage.save(screenshotDir() + QStringLiteral("/main-window-dark.png"));
        // The navigator's background is the dark palette's base colour.
        const QColor navigator = lineage.pixelColor(40, lineage.height() / 2);
        QVERIFY2(navigator.lightnessF() < 0.3, qPrintable(navigator.name()));

        auto* tabs = window.findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        QTest::qWait(1500);
        window.grab().save(screenshotDir() + QStringLiteral("/history-dark.png"));
        applyTheme(ThemeMode::System);
    }
};

QTEST_MAIN(TestDesktopShell)
#include "tst_desktopshell.moc"
