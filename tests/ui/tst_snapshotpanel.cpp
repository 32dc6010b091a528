// The snapshot list in the main window: what was imported when and from where, and removal of
// one snapshot (asked with what only it contributed, run in the background) that the whole
// window follows.
#include "import/importcontroller.h"
#include "import/importerregistry.h"
#include "import/importresultsdialog.h"
#include "import/importrunner.h"
#include "lineage/lineagegraph.h"
#include "mainwindow/mainwindow.h"
#include "navigator/navigatormodel.h"
#include "navigator/navigatorpane.h"
#include "snapshots/snapshotmodel.h"
#include "snapshots/snapshotpanel.h"
#include "store/snapshotremoval.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sightline;
using namespace sightline::ui;
using Col = SnapshotModel::Column;

namespace {

const QString kJaffle =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
const QString kMarquez =
    QStringLiteral("MarquezProject__marquez/api__src__test__resources__open_lineage__event_full.json");

// Assets in the navigator: the leaf counts of its top-level groups.
int navigatorAssets(const NavigatorPane* navigator)
{
    const NavigatorModel* model = navigator->model();
    int total = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        total += model->index(row, 0).data(NavigatorModel::LeafCountRole).toInt();
    return total;
}

QString screenshotDir()
{
    const QString dir = test::buildDir() + "/screenshots";
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestSnapshotPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto registry = std::make_shared<ImporterRegistry>();
        registry->loadPlugins(test::pluginDir());
        QVERIFY(registry->byFormat("dbt-manifest"));
        QVERIFY(registry->byFormat("openlineage"));
        m_registry = registry;
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("ws%1.sightline").arg(++m_count));
        for (const auto& file : {kJaffle, kMarquez}) {
            const auto report = ImportRunner(*m_registry).run(m_ws, {test::sharedData(file)});
            QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        }
    }

    // Both imports listed, oldest first, with their counts and where they came from.
    void listsSnapshots()
    {
        SnapshotPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&panel, &SnapshotPanel::snapshotsLoaded);
        panel.setWorkspace(m_ws);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toInt(), 2);

        const auto snapshots = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->snapshots();
        const SnapshotModel* model = panel.model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->columnCount(), int(Col::ColumnCount));
        for (int row = 0; row < 2; ++row) {
            const SnapshotInfo& s = snapshots.at(row);
            auto cell = [&](int column) { return model->index(row, column).data().toString(); };
            QCOMPARE(cell(Col::IdColumn), QString::number(s.id));
            QCOMPARE(cell(Col::FormatColumn), s.format);
            QCOMPARE(cell(Col::AssetsColumn), QLocale().toString(s.assetCount));
            QCOMPARE(cell(Col::EdgesColumn), QLocale().toString(s.edgeCount));
            QCOMPARE(cell(Col::ObservationsColumn), QLocale().toString(s.observationCount));
            QCOMPARE(cell(Col::SourcesColumn), s.sources.join(", "));
            QCOMPARE(cell(Col::CapturedColumn), SnapshotModel::timeText(s.capturedAt));
            QCOMPARE(cell(Col::ImportedColumn), SnapshotModel::timeText(s.importedAt));
            QCOMPARE(model->index(row, Col::PathColumn).data(Qt::ToolTipRole).toString(), s.sourcePath);
        }
        QCOMPARE(model->index(0, Col::FormatColumn).data().toString(), "dbt-manifest");
        QCOMPARE(model->index(0, Col::AssetsColumn).data(SnapshotModel::SortRole).toInt(), 25);
        QCOMPARE(model->index(1, Col::AssetsColumn).data(SnapshotModel::SortRole).toInt(), 2);
        QCOMPARE(model->index(1, Col::CapturedColumn).data().toString(), "2020-12-28 19:51 UTC");
        QCOMPARE(model->index(1, Col::FormatColumn).data().toString(), "openlineage");
        // Capture times are the files' own: the manifest's generated_at, the event's eventTime.
        QCOMPARE(model->index(0, Col::CapturedColumn).data().toString(), "2026-08-10 07:03 UTC");
        // The newest is selected.
        QCOMPARE(panel.selectedSnapshot(), snapshots.at(1).id);
    }

    void removalThroughTheWindow()
    {
        MainWindow window(m_registry);
        QAbstractItemModelTester tester(window.snapshots()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        QSignalSpy listed(window.snapshots(), &SnapshotPanel::snapshotsLoaded);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openWorkspace(m_ws);
        QVERIFY(loaded.wait(20000));
        QVERIFY(listed.count() > 0 || listed.wait(20000));
        const int assetsBefore = navigatorAssets(window.navigator());
        const auto before = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->snapshots();
        QCOMPARE(before.size(), 2);
        QCOMPARE(assetsBefore, Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->counts().assets);
        QCOMPARE(assetsBefore, 21);

        // View → Snapshots shows the dock and gives the list the keyboard.
        QVERIFY(!window.snapshotsDock()->isVisible());
        QAction* show = window.snapshotsDock()->toggleViewAction();
        QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
        show->trigger();
        QTRY_VERIFY(window.snapshotsDock()->isVisible());
        QTRY_VERIFY(window.snapshots()->view()->hasFocus());

        // The OpenLineage event, selected, removed with Delete: first the question with figures.
        const qint64 marquez = before.at(1).id;
        QVERIFY(window.snapshots()->selectSnapshot(marquez));
        QSignalSpy removed(window.snapshots(), &SnapshotPanel::snapshotRemoved);
        const QString untouched = test::dumpWorkspace(m_ws);
        QTest::keyClick(window.snapshots()->view(), Qt::Key_Delete);
        QTRY_VERIFY_WITH_TIMEOUT(window.snapshots()->confirmation(), 20000);
        QMessageBox* box = window.snapshots()->confirmation();
        QTRY_VERIFY(box->isVisible());
        // The dry run changed nothing.
        QCOMPARE(test::dumpWorkspace(m_ws), untouched);
        QCOMPARE(box->text(),
                 QStringLiteral("Remove snapshot %1 (openlineage, captured 2020-12-28 19:51 UTC)?").arg(marquez));
        const QString details = box->informativeText();
        QVERIFY2(details.contains(test::sharedData(kMarquez)), qPrintable(details));
        QVERIFY2(details.contains("\n  • 2 assets and 2 edges that no other snapshot reported"), qPrintable(details));
        QVERIFY2(details.contains("\n  • 2 observations\n  • 3 run and test results\n  • 1 schema version"),
                 qPrintable(details));
        QVERIFY(window.grab().save(screenshotDir() + "/snapshots-dock.png"));
        QVERIFY(box->grab().save(screenshotDir() + "/snapshots-confirm.png"));

        // Cancel: nothing happens.
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!window.snapshots()->confirmation());
        QCOMPARE(removed.count(), 0);
        QCOMPARE(test::dumpWorkspace(m_ws), untouched);

        // Again, confirmed: removed in the background, then list and window reload.
        window.snapshots()->removeAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.snapshots()->confirmation(), 20000);
        auto* confirm = window.snapshots()->confirmation()->findChild<QPushButton*>("confirmRemove");
        QVERIFY(confirm);
        loaded.clear();
        confirm->click();
        QVERIFY(removed.wait(20000));
        const auto removal = removed.first().first().value<SnapshotRemoval>();
        QCOMPARE(removal.snapshotId, marquez);
        QCOMPARE(removal.assets, m_marquezOnlyAssets);

        const auto after = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->snapshots();
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().id, before.first().id);
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
        QCOMPARE(navigatorAssets(window.navigator()), assetsBefore - m_marquezOnlyAssets);
        QCOMPARE(int(window.graph()->size()), assetsBefore - m_marquezOnlyAssets);
        QTRY_COMPARE(window.snapshots()->model()->rowCount(), 1);
        QCOMPARE(window.snapshots()->selectedSnapshot(), before.first().id);
        QVERIFY(window.grab().save(screenshotDir() + "/snapshots-after-removal.png"));

        // File → Last Import Results (Ctrl+Shift+R) opens the results window, also before any import.
        QAction* lastResults = nullptr;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R))
                lastResults = action;
        }
        QVERIFY(lastResults);
        lastResults->trigger();
        QVERIFY(window.importController()->resultsDialog());
        QTRY_VERIFY(window.importController()->resultsDialog()->isVisible());
        window.importController()->resultsDialog()->close();

        // Importing the same file again brings it back, and the list follows the import.
        window.importController()->setInteractive(false);
        listed.clear();
        window.importPaths({test::sharedData(kMarquez)});
        QTRY_VERIFY_WITH_TIMEOUT(window.snapshots()->model()->rowCount() == 2, 20000);
        QCOMPARE(window.snapshots()->model()->index(1, Col::AssetsColumn).data().toString(), "2");
        QTRY_COMPARE_WITH_TIMEOUT(navigatorAssets(window.navigator()), assetsBefore, 20000);
    }

    // What the question states is what the removal then does.
    void previewMatchesRemoval()
    {
        const auto snapshots = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->snapshots();
        const qint64 jaffle = snapshots.first().id;
        const QString untouched = test::dumpWorkspace(m_ws);
        SnapshotRemoval preview;
        {
            auto workspace = Workspace::open(m_ws, Workspace::OpenMode::ReadWrite);
            preview = previewSnapshotRemoval(workspace->db(), jaffle);
        }
        QCOMPARE(test::dumpWorkspace(m_ws), untouched);
        // The 19 jaffle_shop assets (25 reports: its 6 sources are the raw tables its 6 seeds
        // load, one asset each) and their 17 edges: none of them is in the OpenLineage event.
        QCOMPARE(preview.assets, 19);
        QCOMPARE(preview.edges, 17);

        SnapshotPanel panel;
        QSignalSpy loaded(&panel, &SnapshotPanel::snapshotsLoaded);
        QSignalSpy removed(&panel, &SnapshotPanel::snapshotRemoved);
        panel.setWorkspace(m_ws);
        QVERIFY(loaded.wait(20000));
        QVERIFY(panel.selectSnapshot(jaffle));
        panel.removeSelected();
        QTRY_VERIFY_WITH_TIMEOUT(panel.confirmation(), 20000);
        QCOMPARE(panel.confirmation()->text(), SnapshotPanel::confirmationQuestion(snapshots.first()));
        QCOMPARE(panel.confirmation()->informativeText(),
                 SnapshotPanel::confirmationDetails(snapshots.first(), preview));
        panel.confirmation()->findChild<QPushButton*>("confirmRemove")->click();
        QVERIFY(removed.wait(20000));
        const auto removal = removed.first().first().value<SnapshotRemoval>();
        QCOMPARE(removal.assets, preview.assets);
        QCOMPARE(removal.edges, preview.edges);
        QCOMPARE(removal.observations, preview.observations);
        QCOMPARE(removal.schemaVersions, preview.schemaVersions);
        QCOMPARE(Workspace::open(m_ws, Workspace::OpenMode::ReadOnly)->snapshots().size(), 1);
    }

    // Removed by someone else meanwhile: said so, nothing else happens.
    void snapshotGoneMeanwhile()
    {
        SnapshotPanel panel;
        QSignalSpy loaded(&panel, &SnapshotPanel::snapshotsLoaded);
        QSignalSpy failed(&panel, &SnapshotPanel::removalFailed);
        panel.setWorkspace(m_ws);
        QVERIFY(loaded.wait(20000));
        const qint64 id = panel.selectedSnapshot();
        {
            auto workspace = Workspace::open(m_ws, Workspace::OpenMode::ReadWrite);
            removeSnapshot(workspace->db(), id);
        }
        panel.removeSelected();
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().toString(),
                 QStringLiteral("Snapshot %1 is no longer in the workspace.").arg(id));
        QVERIFY(!panel.confirmation());
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        for (auto* box : panel.findChildren<QMessageBox*>())
            box->close();
    }

private:
    std::shared_ptr<const ImporterRegistry> m_registry;
    QTemporaryDir m_dir;
    QString m_ws;
    int m_count = 0;
    // Marquez's event_full.json: its job and its one dataset (read and written), which
    // jaffle_shop does not name; checked with `sightline snapshots --remove 2 --json`.
    int m_marquezOnlyAssets = 2;
};

QTEST_MAIN(TestSnapshotPanel)
#include "tst_snapshotpanel.moc"
