// The import results window: one row per file with its detected format, version and counts,
// messages below it, skipped files with their reason, errors on the file that caused them.
#include "import/importcontroller.h"
#include "import/importerregistry.h"
#include "import/importresultmodel.h"
#include "import/importresultsdialog.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sightline;
using namespace sightline::ui;
using Col = ImportResultModel::Column;
using Status = ImportResultModel::Status;

namespace {

const QString kManifest =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
const QString kCatalog =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__catalog__v1__jaffle_shop__catalog_1.12.json");
const QString kRunResults = QStringLiteral(
    "yu-iskw__dbt-artifacts-parser/tests__resources__run_results__v6__jaffle_shop__run_results_1.12.json");

// A folder as a dbt project leaves it after `dbt docs generate`, plus a file nobody can read.
QString makeSnapshotFolder(const QTemporaryDir& dir)
{
    const QString folder = dir.filePath("target");
    QDir().mkpath(folder);
    QFile::copy(test::sharedData(kManifest), folder + "/manifest.json");
    QFile::copy(test::sharedData(kCatalog), folder + "/catalog.json");
    QFile::copy(test::sharedData(kRunResults), folder + "/run_results.json");
    QFile notes(folder + "/notes.txt");
    if (notes.open(QIODevice::WriteOnly))
        notes.write("written by hand after the run\n");
    return folder;
}

QString text(const ImportResultModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

int number(const ImportResultModel& model, int row, int column)
{
    return model.index(row, column).data(ImportResultModel::SortRole).toInt();
}

int rowOf(const ImportResultModel& model, const QString& name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (text(model, row, Col::FileColumn) == name)
            return row;
    }
    return -1;
}

QString screenshotDir()
{
    const QString dir = test::buildDir() + "/screenshots";
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestImportResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto registry = std::make_shared<ImporterRegistry>();
        registry->loadPlugins(test::pluginDir());
        for (const char* format : {"dbt-manifest", "dbt-catalog", "dbt-run-results"})
            QVERIFY2(registry->byFormat(QString::fromLatin1(format)), format);
        m_registry = registry;
    }

    // Counts checked by hand against the files (python3 over the JSON): the manifest (schema
    // v12) has 13 models, 6 seeds and 6 sources (25 assets; tests are not assets) with 48
    // documented columns and 17 parent_map edges between them; catalog.json (v1) describes 19
    // of them again with 112 columns; run_results.json (v6) has 46 results (13 models and 6 seeds
    // run, 27 tests), and an execution time observation for each of the 19 runs.
    void folderImportShowsEveryFile()
    {
        QTemporaryDir dir;
        const QString folder = makeSnapshotFolder(dir);
        const QString ws = dir.filePath("ws.sightline");

        QWidget parent;
        parent.resize(800, 500);
        parent.show();
        ImportController controller(m_registry, &parent);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(ws, {folder}));
        QVERIFY(finished.wait(60000));
        const auto report = finished.first().first().value<ImportReport>();
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));

        // The model on its own, checked by the tester from before it holds anything.
        ImportResultModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(report, {folder});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(Col::ColumnCount));

        const int manifest = rowOf(model, "manifest.json");
        const int catalog = rowOf(model, "catalog.json");
        const int runResults = rowOf(model, "run_results.json");
        const int notes = rowOf(model, "notes.txt");
        QVERIFY(manifest >= 0 && catalog >= 0 && runResults >= 0 && notes >= 0);
        // Assets are defined before they are measured: the manifest is read first.
        QCOMPARE(manifest, 0);

        QCOMPARE(text(model, manifest, Col::StatusColumn), "imported");
        QCOMPARE(text(model, manifest, Col::FormatColumn), m_registry->byFormat("dbt-manifest")->displayName());
        QCOMPARE(text(model, manifest, Col::VersionColumn), m_expected.manifestVersion);
        QCOMPARE(number(model, manifest, Col::AssetsColumn), m_expected.manifestAssets);
        QCOMPARE(number(model, manifest, Col::EdgesColumn), m_expected.manifestEdges);
        QCOMPARE(number(model, manifest, Col::ColumnsColumn), m_expected.manifestColumns);

        QCOMPARE(text(model, catalog, Col::FormatColumn), m_registry->byFormat("dbt-catalog")->displayName());
        QCOMPARE(text(model, catalog, Col::VersionColumn), m_expected.catalogVersion);
        QCOMPARE(number(model, catalog, Col::AssetsColumn), m_expected.catalogAssets);
        QCOMPARE(number(model, catalog, Col::ColumnsColumn), m_expected.catalogColumns);

        QCOMPARE(text(model, runResults, Col::FormatColumn), m_registry->byFormat("dbt-run-results")->displayName());
        QCOMPARE(text(model, runResults, Col::VersionColumn), m_expected.runResultsVersion);
        QCOMPARE(number(model, runResults, Col::AssetsColumn), 0);
        QCOMPARE(number(model, runResults, Col::ResultsColumn), m_expected.runResults);
        QCOMPARE(number(model, runResults, Col::ObservationsColumn), m_expected.runObservations);
        QCOMPARE(number(model, manifest, Col::ObservationsColumn), 0);

        // Report counts agree with the model's cells, warnings included.
        for (int row = 0; row < model.rowCount(); ++row) {
            const FileReport& f = model.files().at(row).file;
            if (!f.skipped.isEmpty())
                continue;
            QCOMPARE(number(model, row, Col::ObservationsColumn), f.observations);
            QCOMPARE(number(model, row, Col::WarningsColumn), int(f.warnings.size()));
            QCOMPARE(model.rowCount(model.index(row, 0)), int(f.warnings.size()));
        }

        // The unrecognised file: skipped, no format, no counts, the reason as its one message.
        QCOMPARE(text(model, notes, Col::StatusColumn), "skipped");
        QCOMPARE(text(model, notes, Col::FormatColumn), QString());
        QVERIFY(!model.index(notes, Col::AssetsColumn).data().isValid());
        const QModelIndex notesIndex = model.index(notes, 0);
        QCOMPARE(model.rowCount(notesIndex), 1);
        const QModelIndex reason = model.index(0, 0, notesIndex);
        QCOMPARE(reason.data().toString(), "Skipped: not a format Sightline reads");
        QCOMPARE(reason.data(ImportResultModel::MessageKindRole).toInt(), int(ImportResultModel::MessageKind::Skipped));
        QCOMPARE(reason.parent(), notesIndex);

        // The window: open beside the parent, not modal, showing the same rows.
        ImportResultsDialog* results = controller.resultsDialog();
        QVERIFY(results);
        QVERIFY(results->isVisible());
        QVERIFY(!results->isModal());
        QCOMPARE(results->windowTitle(), "Import finished");
        // The headline adds up the files' counts (an asset reported by two files counts twice).
        QVERIFY2(results->headline().startsWith("Imported 44 assets and 17 edges from 3 file(s)."),
                 qPrintable(results->headline()));
        QVERIFY(results->headline().contains("1 file(s) skipped"));
        QCOMPARE(results->model()->rowCount(), 4);
        QCOMPARE(text(*results->model(), notes, Col::FileColumn), "notes.txt");
        QVERIFY(results->view()->isExpanded(results->model()->index(notes, 0)));

        // Copy All: the whole report; Ctrl+C: just the selected files.
        auto* copyAll = results->findChild<QPushButton*>("copyAll");
        QVERIFY(copyAll);
        QCOMPARE(copyAll->text(), "&Copy All");
        copyAll->click();
        const QString all = QApplication::clipboard()->text();
        QVERIFY(all.contains(folder + "/notes.txt: skipped\n  Skipped: not a format Sightline reads\n"));
        QVERIFY(all.contains(folder + "/manifest.json: imported, "));
        results->view()->selectionModel()->select(results->model()->index(notes, 0),
                                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
        results->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(results));
        results->view()->setFocus();
        QTest::keySequence(results->view(), QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(),
                 folder + "/notes.txt: skipped\n  Skipped: not a format Sightline reads\n");

        results->view()->clearSelection();
        QVERIFY(results->grab().save(screenshotDir() + "/import-results.png"));
    }

    // A file that breaks the import: it gets a row of its own with the error under it, the
    // files read before it are shown as not kept.
    void errorNamesItsFile()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("broken");
        QDir().mkpath(folder);
        QVERIFY(QFile::copy(test::sharedData(kManifest), folder + "/a_manifest.json"));
        QFile source(test::sharedData(kRunResults));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile truncated(folder + "/b_run_results.json");
        QVERIFY(truncated.open(QIODevice::WriteOnly));
        truncated.write(source.read(source.size() / 2)); // recognised by its head, cut short
        truncated.close();
        const QString ws = dir.filePath("ws.sightline");
        Workspace::open(ws, Workspace::OpenMode::Create);
        const QString before = test::dumpWorkspace(ws);

        QWidget parent;
        parent.show();
        ImportController controller(m_registry, &parent);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(ws, {folder}));
        QVERIFY(finished.wait(60000));
        const auto report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QCOMPARE(test::dumpWorkspace(ws), before);

        ImportResultModel* model = controller.resultsDialog()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(controller.resultsDialog()->windowTitle(), "Import failed");
        QCOMPARE(model->rowCount(), 2);
        const int manifest = rowOf(*model, "a_manifest.json");
        const int broken = rowOf(*model, "b_run_results.json");
        QVERIFY(manifest >= 0 && broken >= 0);
        QCOMPARE(text(*model, manifest, Col::StatusColumn), "not kept");
        QCOMPARE(number(*model, manifest, Col::AssetsColumn), m_expected.manifestAssets);
        QCOMPARE(text(*model, broken, Col::StatusColumn), "error");
        const QModelIndex error = model->index(0, 0, model->index(broken, 0));
        QCOMPARE(error.data(ImportResultModel::MessageKindRole).toInt(), int(ImportResultModel::MessageKind::Error));
        QCOMPARE(error.data().toString(), report.error);
        QVERIFY(report.error.startsWith(folder + "/b_run_results.json:"));
        QVERIFY(controller.resultsDialog()->view()->isExpanded(model->index(broken, 0)));
        QVERIFY(controller.resultsDialog()->grab().save(screenshotDir() + "/import-results-failed.png"));
    }

    // A single file nobody can read fails before anything is read: still a row with the reason.
    void unreadableSingleFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("notes.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        ImportController controller(m_registry, nullptr);
        controller.setInteractive(false);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(dir.filePath("ws.sightline"), {file}));
        QVERIFY(finished.wait(20000));
        const auto report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY(!controller.resultsDialog()); // not interactive: no window

        ImportResultModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(report, {file});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(text(model, 0, Col::FileColumn), "notes.txt");
        QCOMPARE(text(model, 0, Col::StatusColumn), "error");
        QVERIFY(model.index(0, 0, model.index(0, 0)).data().toString().contains("not a format Sightline reads"));
    }

    // A few warnings are shown at once; a long list stays folded behind its count.
    void warningsUnfoldWhenFew()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath("mixed");
        QDir().mkpath(folder);
        // Marquez's demo events: one column lineage entry names a dataset no event describes.
        QVERIFY(
            QFile::copy(test::sharedData("MarquezProject__marquez/docker__metadata.json"), folder + "/events.json"));
        // DataHub's dbt sources.json without its manifest: each of its 20 results names a
        // source nothing has defined, one warning each.
        QVERIFY(QFile::copy(
            test::sharedData(
                "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_sources_deleted_actor.json"),
            folder + "/sources.json"));
        QWidget parent;
        parent.show();
        ImportController controller(m_registry, &parent);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(dir.filePath("ws.sightline"), {folder}));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().value<ImportReport>().outcome, ImportReport::Outcome::Imported);

        ImportResultsDialog* results = controller.resultsDialog();
        const ImportResultModel& model = *results->model();
        const int events = rowOf(model, "events.json");
        const int sources = rowOf(model, "sources.json");
        QVERIFY(events >= 0 && sources >= 0);
        QCOMPARE(number(model, events, Col::WarningsColumn), 1);
        QCOMPARE(number(model, events, Col::AssetsColumn), 26);
        QVERIFY(model.index(0, 0, model.index(events, 0)).data().toString().startsWith("column lineage "));
        QCOMPARE(number(model, sources, Col::WarningsColumn), 20);
        QCOMPARE(model.rowCount(model.index(sources, 0)), 20);
        QVERIFY(results->view()->isExpanded(model.index(events, 0)));
        QVERIFY(!results->view()->isExpanded(model.index(sources, 0)));
        QVERIFY(results->grab().save(screenshotDir() + "/import-results-warnings.png"));
    }

    void showResultsBeforeAnyImport()
    {
        QWidget parent;
        parent.show();
        ImportController controller(m_registry, &parent);
        controller.showResults();
        QVERIFY(controller.resultsDialog()->isVisible());
        QVERIFY(controller.resultsDialog()->headline().startsWith("Nothing imported in this session yet"));
        QCOMPARE(controller.resultsDialog()->model()->rowCount(), 0);
    }

private:
    std::shared_ptr<const ImporterRegistry> m_registry;
    struct Expected
    {
        QString manifestVersion = QStringLiteral("v12");
        int manifestAssets = 25;
        int manifestEdges = 17;
        int manifestColumns = 48;
        QString catalogVersion = QStringLiteral("v1");
        int catalogAssets = 19;
        int catalogColumns = 112;
        QString runResultsVersion = QStringLiteral("v6");
        int runResults = 46;
        int runObservations = 19;
    } m_expected;
};

QTEST_MAIN(TestImportResults)
#include "tst_importresults.moc"
