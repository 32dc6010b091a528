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
using test::utc;

namespace {

// One result whose message is text.
QByteArray resultWith(const QByteArray& text)
{
    return "[{\"unique_id\": \"model.p.m\", \"status\": \"success\", \"message\": \"" + text + "\"}]";
}

} // namespace

// The run_results.json importer on every run_results in ../shared/data. Every expected number
// was counted with python3 (json.load, then per result: unique_id prefix model/seed/snapshot ->
// a run, test -> a test, anything else ignored; statuses counted as written; for runs not
// error/fail/skipped: adapter_response.rows_affected >= 0, bytes_processed >= 0 and
// execution_time each one observation); sample values printed by the same script and copied.
class TestDbtRunResults : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "dbt-run-results");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void realRunResults_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("tests");
        QTest::addColumn<QString>("statuses");
        QTest::addColumn<QString>("metrics");
        QTest::addColumn<QString>("sample"); // unique_id
        QTest::addColumn<QString>("sampleKey");
        QTest::addColumn<QString>("sampleStatus");
        QTest::addColumn<QDateTime>("sampleAt");
        QTest::addColumn<double>("sampleSeconds");
        QTest::addColumn<double>("sampleRows"); // -1: no observation
        QTest::addColumn<double>("sampleBytes");

        const QString yu = QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__run_results__");
        QTest::addRow("fivetran_v1_2021")
            << "fivetran__dbt_ad_reporting/docs__run_results@2021-03-09_24663dd9.json"
            << "dbt-run-results v1"
            << "dbt-run-results:ad_reporting_integration_tests" << 118 << 66 << "success=184"
            << "execution_seconds=118"
            << "test.microsoft_ads_source.unique_stg_microsoft_ads__ad_group_history_ad_group_version_id"
            << "dbt:node:test.microsoft_ads_source.unique_stg_microsoft_ads__ad_group_history_ad_group_version_id"
            << "success" << utc("2021-03-09T23:28:53.605Z") << 0.07135915756225586 << -1.0 << -1.0;
        QTest::addRow("fivetran_v4_2022")
            << "fivetran__dbt_ad_reporting/docs__run_results@2022-12-19_316dd1fc.json"
            << "dbt-run-results v4"
            << "dbt-run-results:microsoft_ads_source" << 215 << 0 << "success=215"
            << "execution_seconds=215 rows_affected=130"
            << "model.apple_search_ads_source.stg_apple_search_ads__ad_history"
            << "dbt:node:model.apple_search_ads_source.stg_apple_search_ads__ad_history"
            << "success" << utc("2022-12-20T03:25:09.860Z") << 0.5694708824157715 << 1.0 << -1.0;
        QTest::addRow("v1") << yu + "v1__jaffle_shop__run_results.json"
                            << "dbt-run-results v1"
                            << "dbt-run-results:jaffle_shop" << 8 << 0 << "success=8"
                            << "bytes_processed=5 execution_seconds=8 rows_affected=5"
                            << "model.jaffle_shop.order_payments"
                            << "dbt:node:model.jaffle_shop.order_payments"
                            << "success" << utc("2021-08-12T09:11:59.361Z") << 2.4326581954956055 << 99.0 << 3254.0;
        QTest::addRow("v2") << yu + "v2__jaffle_shop__run_results.json"
                            << "dbt-run-results v2"
                            << "dbt-run-results:jaffle_shop" << 11 << 21 << "success=32"
                            << "execution_seconds=11"
                            << "test.jaffle_shop.accepted_values_stg_orders_status__placed__shipped__completed__return_"
                               "pending__returned.1b7358ad3f"
                            << "dbt:node:test.jaffle_shop.accepted_values_stg_orders_status__placed__shipped__"
                               "completed__return_pending__returned.1b7358ad3f"
                            << "success" << utc("2021-10-12T02:04:52.572Z") << 0.03581118583679199 << -1.0 << -1.0;
        QTest::addRow("v3") << yu + "v3__jaffle_shop__run_results.json"
                            << "dbt-run-results v3"
                            << "dbt-run-results:jaffle_shop" << 11 << 20 << "pass=20 success=11"
                            << "bytes_processed=5 execution_seconds=11 rows_affected=8"
                            << "seed.jaffle_shop.raw_orders"
                            << "dbt:node:seed.jaffle_shop.raw_orders"
                            << "success" << utc("2021-11-08T09:34:28.021Z") << 3.236814022064209 << 99.0 << -1.0;
        // The failed model has no execute timing: its result is at generated_at, with the error.
        QTest::addRow("v4") << yu + "v4__jaffle_shop__run_results.json"
                            << "dbt-run-results v4"
                            << "dbt-run-results:jaffle_shop" << 9 << 20 << "error=1 pass=20 success=8"
                            << "bytes_processed=2 execution_seconds=8 rows_affected=5"
                            << "model.jaffle_shop.test_insert_overwrite"
                            << "dbt:node:model.jaffle_shop.test_insert_overwrite"
                            << "error" << utc("2021-12-07T10:49:34.224Z") << 9.394618034362793 << -1.0 << -1.0;
        // v5 and v6 name the relation a model builds: those results land on the table's key.
        QTest::addRow("v5") << yu + "v5__jaffle_shop__run_results.json"
                            << "dbt-run-results v5"
                            << "dbt-run-results:elementary" << 38 << 20 << "pass=20 success=38"
                            << "bytes_processed=35 execution_seconds=38 rows_affected=22"
                            << "model.elementary.dbt_columns"
                            << "your-project.elementary.dbt_columns"
                            << "success" << utc("2023-11-06T00:51:42.459Z") << 4.576366186141968 << 0.0 << 0.0;
        QTest::addRow("v6") << yu + "v6__jaffle_shop__run_results.json"
                            << "dbt-run-results v6"
                            << "dbt-run-results:elementary" << 39 << 20 << "pass=20 success=39"
                            << "bytes_processed=36 execution_seconds=39 rows_affected=21"
                            << "model.elementary.dbt_invocations"
                            << "your-project.jaffle_shop.dbt_invocations"
                            << "success" << utc("2024-12-16T07:45:01.324Z") << 5.151340961456299 << 0.0 << 215.0;
        QTest::addRow("v6_1.12") << yu + "v6__jaffle_shop__run_results_1.12.json"
                                 << "dbt-run-results v6"
                                 << "dbt-run-results:jaffle_shop" << 19 << 27 << "success=46"
                                 << "execution_seconds=19"
                                 << "test.jaffle_shop.not_null_stg_customers_customer_id.e2cfb1f9aa"
                                 << "dbt:node:test.jaffle_shop.not_null_stg_customers_customer_id.e2cfb1f9aa"
                                 << "success" << utc("2026-08-10T07:03:39.741Z") << 0.008521080017089844 << -1.0
                                 << -1.0;
    }

    void realRunResults()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, source);
        QFETCH(int, runs);
        QFETCH(int, tests);
        QFETCH(QString, statuses);
        QFETCH(QString, metrics);
        QFETCH(QString, sample);
        QFETCH(QString, sampleKey);
        QFETCH(QString, sampleStatus);
        QFETCH(QDateTime, sampleAt);
        QFETCH(double, sampleSeconds);
        QFETCH(double, sampleRows);
        QFETCH(double, sampleBytes);

        test::CollectingSink sink;
        QCOMPARE(test::importInto(m_registry, test::sharedData(file), sink), format);
        QCOMPARE(sink.sources, QStringList {source});
        QVERIFY2(sink.warnings.isEmpty(), qPrintable(sink.warnings.join(u'\n')));
        QVERIFY(sink.assets.isEmpty()); // run results measure known assets, they add none
        QCOMPARE(sink.resultsOfKind(RunResult::Kind::Run), runs);
        QCOMPARE(sink.resultsOfKind(RunResult::Kind::Test), tests);
        QCOMPARE(sink.statusCounts(), statuses);
        QCOMPARE(sink.metricCounts(), metrics);

        const RunResult* r = sink.result(sample);
        QVERIFY(r);
        QCOMPARE(r->assetKey, sampleKey);
        QCOMPARE(r->status, sampleStatus);
        QCOMPARE(r->at, sampleAt);
        QCOMPARE(r->durationSeconds, sampleSeconds);
        QCOMPARE(r->kind, sample.startsWith(u"test.") ? RunResult::Kind::Test : RunResult::Kind::Run);
        if (sampleRows < 0)
            QVERIFY(qIsNaN(sink.value(sampleKey, metric::RowsAffected)));
        else
            QCOMPARE(sink.value(sampleKey, metric::RowsAffected), sampleRows);
        if (sampleBytes < 0)
            QVERIFY(qIsNaN(sink.value(sampleKey, metric::BytesProcessed)));
        else
            QCOMPARE(sink.value(sampleKey, metric::BytesProcessed), sampleBytes);
        // Observations are at the result's time; a failed run has none.
        for (const auto& o : sink.observations) {
            if (o.assetKey == sampleKey)
                QCOMPARE(o.at, sampleAt);
        }
    }

    void failedModelMessage()
    {
        test::CollectingSink sink;
        test::importInto(
            m_registry,
            test::sharedData(
                "yu-iskw__dbt-artifacts-parser/tests__resources__run_results__v4__jaffle_shop__run_results.json"),
            sink);
        const RunResult* r = sink.result("model.jaffle_shop.test_insert_overwrite");
        QVERIFY(r);
        QVERIFY2(
            r->message.startsWith("Database Error in model test_insert_overwrite (models/test_insert_overwrite.sql)\n"
                                  "  Query error: No matching signature for function TIMESTAMP_TRUNC"),
            qPrintable(r->message));
        QVERIFY(qIsNaN(sink.value(r->assetKey, metric::ExecutionSeconds)));
        // A passing test's message is dbt's; the v4 tests have none.
        const RunResult* t = sink.result("test.jaffle_shop.accepted_values_stg_payments_payment_method__credit_card__"
                                         "coupon__bank_transfer__gift_card."
                                         "3c3820f278");
        QVERIFY(t);
        QCOMPARE(t->status, QString("pass"));
        QCOMPARE(t->message, QString());
    }

    // Manifest, catalog and run results of one dbt build (jaffle_shop on duckdb, dbt 1.12), one
    // snapshot each: the model stays a model, gains the catalog's typed columns, and carries
    // the run's figures and its tests' outcomes (python3: the run result of
    // model.jaffle_shop.customers and the tests whose parent_map names it).
    void combinedJaffleShop()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        const QString base = QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__");
        for (const char* file :
             {"manifest__v12__jaffle_shop__manifest_1.12.json", "catalog__v1__jaffle_shop__catalog_1.12.json",
              "run_results__v6__jaffle_shop__run_results_1.12.json"}) {
            const auto report = runner.run(wsPath, {test::sharedData(base + QString::fromLatin1(file))});
            QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
            QVERIFY2(report.files.value(0).warnings.isEmpty(), qPrintable(report.files.value(0).warnings.join(u'\n')));
        }
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        const auto customers = ws->asset("jaffle_shop.main.customers");
        QVERIFY(customers);
        QCOMPARE(customers->kind, AssetKind::Model);
        QCOMPARE(customers->platform, QString("duckdb"));
        QCOMPARE(customers->columns.size(), 9);
        QCOMPARE(customers->columns[0].name, QString("customer_id"));
        QCOMPARE(customers->columns[0].type, QString("VARCHAR"));
        QCOMPARE(customers->columns[5].name, QString("lifetime_spend_pretax"));
        QCOMPARE(customers->columns[5].type, QString("DECIMAL(38,2)"));
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM schema_version s JOIN asset a ON a.id = s.asset_id "
                                   "WHERE a.key = 'jaffle_shop.main.customers'"),
                 1);
        QCOMPARE(test::history(*ws, "jaffle_shop.main.customers", "execution_seconds"),
                 (QList<std::pair<QDateTime, double>> {{utc("2026-08-10T07:03:39.848Z"), 0.0020799636840820312}}));
        QCOMPARE(test::storedResults(*ws, "jaffle_shop.main.customers"),
                 (QStringList {"run:success", "test:success", "test:success", "test:success", "test:success"}));
        // Every result found its asset: 19 runs and 27 tests.
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM run_result"), 46);
    }

    // The fivetran build of 2022 (postgres, v4 results without relation names): every result
    // reaches its asset through the manifest's unique ids.
    void combinedFivetran()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        for (const char* file : {"docs__manifest@2022-12-19_316dd1fc.json", "docs__catalog@2022-12-19_316dd1fc.json",
                                 "docs__run_results@2022-12-19_316dd1fc.json"}) {
            const auto report = runner.run(
                wsPath, {test::sharedData(QStringLiteral("fivetran__dbt_ad_reporting/") + QString::fromLatin1(file))});
            QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
            QVERIFY2(report.files.value(0).warnings.isEmpty(), qPrintable(report.files.value(0).warnings.join(u'\n')));
        }
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM run_result WHERE kind = 'run' AND status = 'success'"), 215);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation WHERE metric = 'rows_affected'"), 130);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation WHERE metric = 'execution_seconds'"), 215);
        const QString key =
            "postgres.ad_reporting_integration_tests_2_apple_search_ads_source.stg_apple_search_ads__ad_history";
        const auto model = ws->asset(key);
        QVERIFY(model);
        QCOMPARE(model->kind, AssetKind::Model);
        QCOMPARE(test::history(*ws, key, "rows_affected"),
                 (QList<std::pair<QDateTime, double>> {{utc("2022-12-20T03:25:09.860Z"), 1}}));
    }

    // Shapes the real files do not show: results in them are handcrafted after dbt's schemas.
    void shapes_data()
    {
        QTest::addColumn<QByteArray>("results");
        QTest::addColumn<QString>("keys"); // result keys, in order
        QTest::addColumn<QString>("metrics");
        QTest::addColumn<int>("warnings");
        QTest::addRow("empty results") << QByteArray("[]") << QString() << QString() << 1;
        // With store_failures a test's relation_name is its audit table, not the tested model.
        QTest::addRow("test with relation_name")
            << QByteArray("[{\"unique_id\": \"test.p.not_null_m_id.1a\", \"status\": \"fail\", \"failures\": 3, "
                          "\"relation_name\": \"db.dbt_test__audit.not_null_m_id\"}]")
            << "dbt:node:test.p.not_null_m_id.1a" << QString() << 0;
        // dbt writes rows_affected -1 when the adapter does not know; skipped and failed runs
        // have no figures; hooks are not results of an asset.
        QTest::addRow("unknown rows, skipped, error, hook") << QByteArray(
            "[{\"unique_id\": \"model.p.v\", \"status\": \"success\", \"execution_time\": 0.5, "
            "\"adapter_response\": {\"rows_affected\": -1}, \"relation_name\": \"\\\"DB\\\".\\\"S\\\".\\\"V\\\"\"},"
            " {\"unique_id\": \"model.p.s\", \"status\": \"skipped\", \"execution_time\": 0},"
            " {\"unique_id\": \"snapshot.p.e\", \"status\": \"runtime error\", \"execution_time\": 2},"
            " {\"unique_id\": \"operation.p.hook\", \"status\": \"success\"}]")
                                                            << "db.s.v dbt:node:model.p.s dbt:node:snapshot.p.e"
                                                            << "execution_seconds=1" << 0;
        QTest::addRow("odd values") << QByteArray("[{\"unique_id\": \"model.p.m\", \"status\": \"success\", "
                                                  "\"execution_time\": \"fast\", \"timing\": {}, \"adapter_response\": "
                                                  "{\"rows_affected\": \"12\", \"bytes_processed\": null}}]")
                                    << "dbt:node:model.p.m"
                                    << "rows_affected=1" << 2;
    }

    void shapes()
    {
        QFETCH(QByteArray, results);
        QFETCH(QString, keys);
        QFETCH(QString, metrics);
        QFETCH(int, warnings);
        QTemporaryDir dir;
        const QString path = dir.filePath("run_results.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/run-results/v6.json\", "
                "\"generated_at\": \"2024-05-01T10:00:00Z\"}, \"results\": "
                + results + "}");
        f.close();
        test::CollectingSink sink;
        QCOMPARE(test::importInto(m_registry, path, sink), QString("dbt-run-results v6"));
        QCOMPARE(sink.warnings.size(), warnings);
        QStringList resultKeys;
        for (const auto& r : sink.results) {
            resultKeys.append(r.assetKey);
            QCOMPARE(r.at, utc("2024-05-01T10:00:00Z"));
        }
        QCOMPARE(resultKeys.join(u' '), keys);
        QCOMPARE(sink.metricCounts(), metrics);
        if (const RunResult* t = sink.result("test.p.not_null_m_id.1a")) {
            QCOMPARE(t->status, QString("fail"));
            QCOMPARE(t->message, QString("3 failing rows"));
        }
        if (const RunResult* e = sink.result("snapshot.p.e"))
            QCOMPARE(e->status, QString("error"));
    }

    // Detection by content: each artifact is taken by its own importer only.
    void detection_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("confidence");
        auto head = [](const char* artifact) -> QByteArray {
            return QByteArray("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/") + artifact
                + ".json\", \"generated_at\": \"2024-01-01T00:00:00Z\"}, \"results\": [";
        };
        QTest::addRow("run-results v6") << head("run-results/v6") << "dbt-run-results"
                                        << "v6" << 100;
        QTest::addRow("run-results v9") << head("run-results/v9") << "dbt-run-results"
                                        << "v9" << 60;
        QTest::addRow("sources v3") << head("sources/v3") << "dbt-sources"
                                    << "v3" << 100;
        QTest::addRow("catalog v1") << head("catalog/v1") << "dbt-catalog"
                                    << "v1" << 100;
        QTest::addRow("manifest v12") << head("manifest/v12") << "dbt-manifest"
                                      << "v12" << 100;
        QTest::addRow("unknown artifact") << head("semantic-manifest/v1") << QString() << QString() << 0;
    }

    void detection()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, format);
        QFETCH(QString, version);
        QFETCH(int, confidence);
        const auto match = m_registry.detect(head);
        QCOMPARE(match.importer ? match.importer->formatId() : QString(), format);
        QCOMPARE(match.detection.version, version);
        QCOMPARE(match.detection.confidence, confidence);
    }

    // Bad input: a clear error naming the file and the place, and an unchanged workspace.
    void rejected_data()
    {
        test::addDbtArtifactRejections(
            {"run-results/v4", "results",
             QStringLiteral(
                 "yu-iskw__dbt-artifacts-parser/tests__resources__run_results__v5__jaffle_shop__run_results.json"),
             QByteArray("{\"a\": 1}"), QStringLiteral("/results: expected an array, found an object"), resultWith});
    }

    void rejected()
    {
        test::checkDbtArtifactRejected(m_registry);
    }
};

QTEST_GUILESS_MAIN(TestDbtRunResults)
#include "tst_dbtrunresults.moc"
