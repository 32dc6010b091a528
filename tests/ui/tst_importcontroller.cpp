#include "import/importcontroller.h"
#include "import/importerregistry.h"
#include "import/importsummary.h"
#include "jobs/jobtracker.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace sightline;
using namespace sightline::ui;

namespace {

const QString kJaffle =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
const QString kFivetran = QStringLiteral("fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json");

// An importer that reports half its file done and then waits to be cancelled: an import that
// is always "midway" when the test looks.
class StallingImporter : public Importer
{
public:
    QString formatId() const override
    {
        return QStringLiteral("stalling");
    }
    QString displayName() const override
    {
        return QStringLiteral("stalling test format");
    }
    Detection detect(const QByteArray& head) const override
    {
        return head.startsWith("STALL") ? Detection {100, QStringLiteral("v1")} : Detection {};
    }
    void import(const ImportContext& context, ImportSink& sink) const override
    {
        sink.beginSource(QStringLiteral("stall"), QDateTime::currentDateTimeUtc());
        Asset a;
        a.key = QStringLiteral("stall.stall.stall");
        a.name = QStringLiteral("stall");
        sink.asset(a);
        context.reportProgress(context.size / 2);
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            context.checkCancelled();
            QThread::msleep(5);
        }
    }
};

QString emptyWorkspace(const QTemporaryDir& dir)
{
    const QString path = dir.filePath("ws.sightline");
    Workspace::open(path, Workspace::OpenMode::Create);
    return path;
}

} // namespace

class TestImportController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto registry = std::make_shared<ImporterRegistry>();
        registry->loadPlugins(test::pluginDir());
        QVERIFY2(registry->byFormat("dbt-manifest"), "the dbt importer plugin is not built");
        m_registry = registry;
    }

    void importThenNothingNew()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("new.sightline");
        ImportController controller(m_registry, nullptr);
        controller.setInteractive(false);
        QSignalSpy finished(&controller, &ImportController::finished);

        QVERIFY(controller.start(ws, {test::sharedData(kJaffle)}));
        QVERIFY(!controller.start(ws, {test::sharedData(kJaffle)})); // one at a time
        QVERIFY(finished.wait(20000));
        auto report = finished.takeFirst().first().value<ImportReport>();
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files.first().format, "dbt-manifest");
        QVERIFY(summarize(report).headline.startsWith("Imported "));

        const QString dump = test::dumpWorkspace(ws);
        QVERIFY(controller.start(ws, {test::sharedData(kJaffle)}));
        QVERIFY(finished.wait(20000));
        report = finished.takeFirst().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::NothingNew);
        QVERIFY(summarize(report).headline.startsWith("Nothing new"));
        QCOMPARE(test::dumpWorkspace(ws), dump);
    }

    void cancelBeforeStartLeavesTheWorkspaceAlone()
    {
        QTemporaryDir dir;
        const QString ws = emptyWorkspace(dir);
        const QString before = test::dumpWorkspace(ws);
        ImportController controller(m_registry, nullptr);
        controller.setInteractive(false);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(ws, {test::sharedData(kFivetran)}));
        controller.cancel();
        QVERIFY(finished.wait(20000));
        const auto report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(summarize(report).title, "Import cancelled");
        QCOMPARE(test::dumpWorkspace(ws), before);
    }

    // The job helper cancels an import that is under way: the worker is held at its first
    // progress report, cancelled from the GUI thread, then let go. Deterministic.
    void cancelMidway()
    {
        QTemporaryDir dir;
        const QString ws = emptyWorkspace(dir);
        const QString before = test::dumpWorkspace(ws);
        auto reached = std::make_shared<QSemaphore>();
        auto resume = std::make_shared<QSemaphore>();
        QObject context;
        JobTracker tracker(&context);
        std::optional<ImportReport> delivered;
        tracker.start(
            [registry = m_registry, ws, reached, resume](const JobTracker::CancelPredicate& cancelled) {
                bool held = false;
                return ImportRunner(*registry).run(
                    ws, {test::sharedData(kFivetran)},
                    [&](qint64 done, qint64, const QString&) {
                        if (done > 0 && !held) {
                            held = true;
                            reached->release();
                            resume->acquire();
                        }
                    },
                    cancelled);
            },
            [&delivered](const ImportReport& report) { delivered = report; });
        QVERIFY(reached->tryAcquire(1, 20000));
        QVERIFY(tracker.isRunning());
        tracker.cancel();
        resume->release();
        QTRY_VERIFY_WITH_TIMEOUT(delivered.has_value(), 20000);
        QVERIFY(!tracker.isRunning());
        QCOMPARE(delivered->outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(test::dumpWorkspace(ws), before);
    }

    void supersededResultsAreDropped()
    {
        QObject context;
        JobTracker tracker(&context);
        auto release = std::make_shared<QSemaphore>();
        QStringList delivered;
        bool firstSawCancel = false;
        const quint64 first = tracker.start(
            [release, &firstSawCancel](const JobTracker::CancelPredicate& cancelled) {
                release->acquire();
                firstSawCancel = cancelled();
                return QStringLiteral("first");
            },
            [&delivered](const QString& r) { delivered.append(r); });
        const quint64 second =
            tracker.start([](const JobTracker::CancelPredicate&) { return QStringLiteral("second"); },
                          [&delivered](const QString& r) { delivered.append(r); });
        QVERIFY(second > first);
        QTRY_COMPARE(delivered, QStringList {"second"});
        release->release();
        QTest::qWait(100);
        QCOMPARE(delivered, QStringList {"second"});
        QVERIFY(firstSawCancel);
    }

    void noDeliveryAfterTheContextIsGone()
    {
        auto release = std::make_shared<QSemaphore>();
        bool delivered = false;
        {
            QObject context;
            JobTracker tracker(&context);
            tracker.start(
                [release](const JobTracker::CancelPredicate&) {
                    release->acquire();
                    return 1;
                },
                [&delivered](int) { delivered = true; });
        }
        release->release();
        QThreadPool::globalInstance()->waitForDone(10000);
        QTest::qWait(50);
        QVERIFY(!delivered);
    }

    void malformedInputNamesThePlace()
    {
        QTemporaryDir dir;
        const QString ws = emptyWorkspace(dir);
        const QString before = test::dumpWorkspace(ws);
        QFile source(test::sharedData(kJaffle));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QString truncated = dir.filePath("manifest.json");
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(source.read(source.size() / 2));
        out.close();

        ImportController controller(m_registry, nullptr);
        controller.setInteractive(false);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(ws, {truncated}));
        QVERIFY(finished.wait(20000));
        const auto report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.startsWith(truncated + u':'), qPrintable(report.error));
        const auto summary = summarize(report);
        QCOMPARE(summary.title, "Import failed");
        QVERIFY(summary.headline.contains(report.error));
        QCOMPARE(test::dumpWorkspace(ws), before);
    }

    // The Cancel button of the progress dialog stops an import under way: rolled back, the
    // workspace as it was, and the summary says so.
    void cancelFromTheProgressDialog()
    {
        StallingImporter stalling;
        auto registry = std::make_shared<ImporterRegistry>();
        registry->add(&stalling);
        QTemporaryDir dir;
        const QString ws = emptyWorkspace(dir);
        const QString before = test::dumpWorkspace(ws);
        const QString input = dir.filePath("estate-export.txt");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("STALL" + QByteArray(3 * 1024 * 1024 - 5, 'x')); // 3 MiB: half is 500 steps
        file.close();

        QWidget parent;
        parent.resize(600, 400);
        parent.show();
        ImportController controller(registry, &parent);
        QSignalSpy finished(&controller, &ImportController::finished);
        QVERIFY(controller.start(ws, {input}));
        QProgressDialog* dialog = controller.progressDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible() && dialog->labelText().contains("estate-export.txt"), 10000);
        QCOMPARE(dialog->value(), 500);
        QVERIFY(dialog->labelText().contains("50 %"));
        const QString shots = test::buildDir() + "/screenshots";
        QDir().mkpath(shots);
        QVERIFY(dialog->grab().save(shots + "/import-progress.png"));

        auto* cancel = dialog->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        const auto report = finished.first().first().value<ImportReport>();
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(test::dumpWorkspace(ws), before);
        QVERIFY(controller.resultsDialog());
        QVERIFY(controller.resultsDialog()->isVisible());
        QCOMPARE(controller.resultsDialog()->windowTitle(), "Import cancelled");
        QVERIFY(!dialog->isVisible());
    }

    void summaryOfAnImport()
    {
        ImportReport report;
        FileReport a;
        a.path = "/x/manifest.json";
        a.format = "dbt-manifest";
        a.formatName = "dbt manifest.json";
        a.version = "v12";
        a.assets = 82;
        a.edges = 111;
        a.columns = 400;
        a.warnings = {"node x: no relation name"};
        FileReport b;
        b.path = "/x/notes.txt";
        b.skipped = "not a format Sightline reads";
        report.files = {a, b};
        const auto summary = summarize(report);
        QCOMPARE(summary.title, "Import finished");
        QCOMPARE(summary.headline, "Imported 82 assets and 111 edges from 1 file(s). 1 warning(s). 1 file(s) skipped.");
        QCOMPARE(summary.details,
                 "manifest.json\n"
                 "    dbt manifest.json v12: 82 assets, 111 edges, 400 columns\n"
                 "    warning: node x: no relation name\n"
                 "notes.txt\n"
                 "    skipped: not a format Sightline reads\n");
    }

private:
    std::shared_ptr<const ImporterRegistry> m_registry;
};

QTEST_MAIN(TestImportController)
#include "tst_importcontroller.moc"
