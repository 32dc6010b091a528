// The main window notices when another process (the command line) imports into the workspace
// it shows, and reloads without freezing and without losing the selection.
#include "import/importerregistry.h"
#include "lineage/lineagegraph.h"
#include "mainwindow/mainwindow.h"
#include "navigator/navigatorpane.h"
#include "store/changewatcher.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sightline;
using namespace sightline::ui;

namespace {

const QString kJaffle =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
const QString kFivetran = QStringLiteral("fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json");

QString binary()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/sightline");
}

// Runs `sightline import WS FILE` to completion; returns stderr on failure, empty on success.
QString importWithCli(const QString& workspace, const QString& file)
{
    QProcess p;
    p.start(binary(), {QStringLiteral("import"), workspace, file});
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000))
        return QStringLiteral("did not run: ") + p.errorString();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QString::fromUtf8(p.readAllStandardError());
    return {};
}

int currentAssetCount(const QString& path)
{
    return Workspace::open(path, Workspace::OpenMode::ReadWrite)->counts().assets;
}

} // namespace

class TestExternalChange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto registry = std::make_shared<ImporterRegistry>();
        registry->loadPlugins(test::pluginDir());
        QVERIFY2(registry->byFormat("dbt-manifest"), "the dbt importer plugin is not built");
        m_registry = registry;
    }

    // data_version moves only for commits of other connections; a busy file is skipped, never
    // waited for.
    void watcherSeesOtherConnectionsCommits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.sightline");
        auto writer = Workspace::open(path, Workspace::OpenMode::Create);

        ChangeWatcher watcher;
        QVERIFY(watcher.watch(path));
        QSignalSpy changed(&watcher, &ChangeWatcher::changed);
        QVERIFY(!watcher.poll());
        writer->db().exec("CREATE TABLE scratch(x)");
        QVERIFY(watcher.poll());
        QCOMPARE(changed.count(), 1);
        QVERIFY(!watcher.poll());

        writer->db().exec("INSERT INTO scratch VALUES (1)");
        watcher.resync(); // a reader that reloaded by itself does not want to hear about it
        QVERIFY(!watcher.poll());
        QCOMPARE(changed.count(), 1);

        // An open write transaction elsewhere: polling stays instant and reports nothing yet.
        writer->db().exec("BEGIN EXCLUSIVE");
        writer->db().exec("INSERT INTO scratch VALUES (2)");
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!watcher.poll());
        QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
        writer->db().exec("COMMIT");
        QVERIFY(watcher.poll());
        QCOMPARE(changed.count(), 2);

        // The timer polls by itself.
        watcher.setInterval(50);
        writer->db().exec("INSERT INTO scratch VALUES (3)");
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.count(), 3);

        watcher.stop();
        QVERIFY(!watcher.isWatching());
        QVERIFY(!watcher.poll());
        QVERIFY(!watcher.watch(dir.filePath("missing.sightline")));
    }

    void windowReloadsAfterCommandLineImport()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("estate.sightline");
        const QString first = importWithCli(path, test::sharedData(kJaffle));
        QVERIFY2(first.isEmpty(), qPrintable(first));
        const int before = currentAssetCount(path);
        QCOMPARE(before, 19); // jaffle_shop v12: 13 models + 6 seeds (`sightline assets --json`)

        MainWindow window(m_registry);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        QSignalSpy refreshed(&window, &MainWindow::workspaceRefreshed);
        window.openWorkspace(path);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(int(window.graph()->size()), before);
        QVERIFY(window.changeWatcher()->isWatching());
        window.changeWatcher()->setInterval(100);

        const QString selected = window.graph()->asset(0).key;
        window.selectAsset(selected);
        QCOMPARE(window.navigator()->selectedAsset(), selected);

        // Nothing changed: no reload.
        QTest::qWait(400);
        QCOMPARE(refreshed.count(), 0);

        // The UI keeps running while the other process imports and while we reload.
        int ticks = 0;
        QTimer heartbeat;
        heartbeat.setInterval(20);
        connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
        heartbeat.start();

        QProcess other;
        other.start(binary(), {QStringLiteral("import"), path, test::sharedData(kFivetran)});
        QVERIFY(other.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(other.state() == QProcess::NotRunning, 120000);
        QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());
        const int after = currentAssetCount(path);
        QCOMPARE(after, 322); // with fivetran ad_reporting 2022-12-19 (`sightline assets --json`)

        QTRY_COMPARE_WITH_TIMEOUT(int(window.graph()->size()), after, 10000);
        QVERIFY(refreshed.count() >= 1);
        QCOMPARE(refreshed.last().at(0).toInt(), after);
        QCOMPARE(window.navigator()->selectedAsset(), selected);
        QVERIFY(
            window.statusBar()->currentMessage().startsWith(QStringLiteral("Workspace updated by another process: ")));
        QVERIFY(ticks > 0);

        // Once caught up it settles (a checkpoint may cost one more reload, never a loop).
        QTest::qWait(1000);
        const int refreshes = int(refreshed.count());
        QVERIFY(refreshes <= 3);
        QTest::qWait(600);
        QCOMPARE(int(refreshed.count()), refreshes);
    }

private:
    std::shared_ptr<const ImporterRegistry> m_registry;
};

QTEST_MAIN(TestExternalChange)
#include "tst_externalchange.moc"
