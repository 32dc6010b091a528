#include "collectingsink.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using test::j;

namespace {

const char kDataHub[] =
    "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_sources_deleted_actor.json";

const QByteArray kHead = j("{'metadata': {'dbt_schema_version': 'https://schemas.getdbt.com/dbt/sources/v3.json', "
                           "'generated_at': '2024-05-01T10:00:00Z'},\n 'results': [");

// One result for the source whose table is named text.
QByteArray resultWith(const QByteArray& text)
{
    return "[{\"unique_id\": \"source.p.s." + text + "\", \"status\": \"pass\"}]";
}

} // namespace

// The sources.json (source freshness) importer. Expected values from python3: json.load of the
// data-hub file, results counted, max_loaded_at turned into ms since epoch with
// datetime.fromisoformat(...).timestamp() * 1000, the 0001-01-01 one found by eye.
class TestDbtSources : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

    test::CollectingSink importBytes(const QByteArray& content, QString* error = nullptr)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("sources.json");
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        f.close();
        test::CollectingSink sink;
        try {
            test::importInto(m_registry, path, sink);
        } catch (const ImportError& e) {
            if (error)
                *error = e.message().mid(path.size());
        }
        return sink;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "dbt-sources");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void dataHub()
    {
        test::CollectingSink sink;
        QCOMPARE(test::importInto(m_registry, test::sharedData(kDataHub), sink), QString("dbt-sources v3"));
        QCOMPARE(sink.sources, QStringList {"dbt-sources:sample_dbt"});
        QCOMPARE(sink.sourceTimes.value(0), QDateTime::fromString("2022-03-14T15:43:05.842Z", Qt::ISODateWithMs));
        QVERIFY2(sink.warnings.isEmpty(), qPrintable(sink.warnings.join(u'\n')));
        QVERIFY(sink.assets.isEmpty());
        QCOMPARE(sink.results.size(), 11);
        QCOMPARE(sink.resultsOfKind(RunResult::Kind::Freshness), 11);
        QCOMPARE(sink.statusCounts(), QString("pass=11"));
        // Ten sources were loaded; payment_p2020_06 never was.
        QCOMPARE(sink.metricCounts(), QString("loaded_at=10"));

        const RunResult* address = sink.result("source.sample_dbt.pagila.address");
        QVERIFY(address);
        QCOMPARE(address->assetKey, QString("dbt:node:source.sample_dbt.pagila.address"));
        QCOMPARE(address->at, QDateTime::fromString("2022-03-14T15:43:05.588Z", Qt::ISODateWithMs));
        QCOMPARE(address->durationSeconds, 0.029000282287597656);
        // The absurd criteria of the file are kept as written.
        QCOMPARE(address->message, QString("warn after 123456789 day, error after 999999999 day"));
        QCOMPARE(sink.value(address->assetKey, metric::LoadedAt), 1581759930000.0);
        for (const auto& o : sink.observations) {
            if (o.assetKey == address->assetKey)
                QCOMPARE(o.at, address->at);
        }

        const RunResult* never = sink.result("source.sample_dbt.pagila.payment_p2020_06");
        QVERIFY(never);
        QCOMPARE(never->status, QString("pass"));
        QCOMPARE(never->message, QString("never loaded; warn after 123456789 day, error after 999999999 day"));
        QVERIFY(qIsNaN(sink.value(never->assetKey, metric::LoadedAt)));
    }

    // With the project's manifest in the workspace, freshness reaches the source tables through
    // their unique ids (python3: the manifest's sources, relation "pagila"."public".<name>).
    void withManifest()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        for (const char* file :
             {"nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_manifest_deleted_actor.json",
              kDataHub}) {
            const auto report = runner.run(wsPath, {test::sharedData(QString::fromLatin1(file))});
            QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
            QVERIFY2(report.files.value(0).warnings.isEmpty(), qPrintable(report.files.value(0).warnings.join(u'\n')));
        }
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM run_result WHERE kind = 'freshness'"), 11);
        QCOMPARE(test::history(*ws, "pagila.public.address", "loaded_at"),
                 (QList<std::pair<QDateTime, double>> {
                     {QDateTime::fromString("2022-03-14T15:43:05.588Z", Qt::ISODateWithMs), 1581759930000.0}}));
        QVERIFY(test::history(*ws, "pagila.public.payment_p2020_06", "loaded_at").isEmpty());
        QCOMPARE(test::storedResults(*ws, "pagila.public.payment_p2020_06"), QStringList {"freshness:pass"});
        auto stmt = ws->db().prepare("SELECT r.message FROM run_result r JOIN asset a ON a.id = r.asset_id "
                                     "WHERE a.key = 'pagila.public.payment_p2020_06'");
        QVERIFY(stmt.step());
        QCOMPARE(stmt.text(0), QString("never loaded; warn after 123456789 day, error after 999999999 day"));
    }

    // Criteria and results in shapes real files have, and in some they should not have.
    void shapes_data()
    {
        QTest::addColumn<QByteArray>("result");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<double>("loadedAt"); // NaN: no observation
        QTest::addColumn<int>("warnings");

        QTest::addRow("runtime error") << j("{'unique_id': 'source.p.s.t', 'status': 'runtime error', 'error': "
                                            "'Database Error: relation does not exist'}")
                                       << "error"
                                       << "Database Error: relation does not exist" << qQNaN() << 0;
        QTest::addRow("warn, null criteria") << j("{'unique_id': 'source.p.s.t', 'status': 'warn', 'max_loaded_at': "
                                                  "'2024-04-30T10:00:00+02:00', 'snapshotted_at': "
                                                  "'2024-05-01T09:00:00Z', 'criteria': {'warn_after': {'count': null, "
                                                  "'period': null}, 'error_after': null, 'filter': null}}")
                                             << "warn" << QString() << 1714464000000.0 << 0;
        QTest::addRow("huge counts, filter")
            << j("{'unique_id': 'source.p.s.t', 'status': 'error', 'max_loaded_at': '2024-04-30T08:00:00Z', "
                 "'snapshotted_at': '2024-05-01T09:00:00Z', 'criteria': {'warn_after': {'count': "
                 "123456789012345678901234567890, 'period': 'minute'}, 'error_after': {'count': 1.5e300, 'period': "
                 "'hour'}, 'filter': 'id > 0'}}")
            << "error"
            << "warn after 1.2345678901234568e+29 minute, error after 1.5e+300 hour, filter: id > 0" << 1714464000000.0
            << 0;
        QTest::addRow("criteria of wrong types")
            << j("{'unique_id': 'source.p.s.t', 'status': 'pass', 'max_loaded_at': '2024-04-30T08:00:00Z', "
                 "'criteria': {'warn_after': [1], 'error_after': {'count': {}, 'period': 'day'}, 'filter': 5}}")
            << "pass" << QString() << 1714464000000.0 << 0;
        QTest::addRow("max_loaded_at not a time")
            << j("{'unique_id': 'source.p.s.t', 'status': 'pass', 'max_loaded_at': 'yesterday'}") << "pass" << QString()
            << qQNaN() << 1;
        QTest::addRow("no unique_id") << j("{'status': 'pass'}") << QString() << QString() << qQNaN() << 2;
    }

    void shapes()
    {
        QFETCH(QByteArray, result);
        QFETCH(QString, status);
        QFETCH(QString, message);
        QFETCH(double, loadedAt);
        QFETCH(int, warnings);
        QString error;
        const auto sink = importBytes(kHead + result + "]}", &error);
        QCOMPARE(error, QString());
        QCOMPARE(sink.warnings.size(), warnings);
        if (status.isEmpty()) {
            QVERIFY(sink.results.isEmpty());
            return;
        }
        QCOMPARE(sink.results.size(), 1);
        const RunResult& r = sink.results.first();
        QCOMPARE(r.status, status);
        QCOMPARE(r.message, message);
        QCOMPARE(r.assetKey, QString("dbt:node:source.p.s.t"));
        if (qIsNaN(loadedAt)) {
            QVERIFY(sink.observations.isEmpty());
        } else {
            QCOMPARE(sink.observations.size(), 1);
            QCOMPARE(sink.observations.first().value, loadedAt);
        }
    }

    // Bad input: a clear error naming the file and the place, and an unchanged workspace.
    void rejected_data()
    {
        test::addDbtArtifactRejections({"sources/v3", "results", kDataHub, QByteArray("\"none\""),
                                        QStringLiteral("/results: expected an array, found a string"), resultWith});
    }

    void rejected()
    {
        test::checkDbtArtifactRejected(m_registry);
    }
};

QTEST_GUILESS_MAIN(TestDbtSources)
#include "tst_dbtsources.moc"
