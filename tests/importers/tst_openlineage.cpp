#include "collectingsink.h"
#include "importtestutil.h"
#include "openlineagefixtures.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sightline;
using test::CollectingSink;
using test::kMarquez;
using test::ndjsonFixture;
using test::utc;
using test::writeFile;

// What the OpenLineage importer reports for every Marquez file in ../shared/data and for a
// hand-written NDJSON log: assets, edges, column lineage, observations and results from the
// facets. Expected numbers were counted with python3 from the JSON: json.load, then for every event
// the set of (namespace, name) of jobs and of inputs/outputs, the set of input->job and
// job->output pairs, the set of (input dataset, field, output dataset, column) of columnLineage,
// and the COMPLETE/FAIL/ABORT events; the script is the one described in
// docs/formats/openlineage.md ("Checking by hand").
class TestOpenLineage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void marquezSeed();
    void fullEvent();
    void largeEvent();
    void unicodeEvent();
    void ndjsonLog();
    void formsAreEquivalent();

private:
    test::OpenLineagePlugin m_plugin;
};

void TestOpenLineage::initTestCase()
{
    const QString problem = m_plugin.load();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// Marquez's seed: 26 events (13 START with inputs, outputs and facets; 13 COMPLETE with none).
void TestOpenLineage::marquezSeed()
{
    CollectingSink sink;
    m_plugin.collect(test::sharedData(kMarquez + "docker__metadata.json"), sink);

    QCOMPARE(sink.sources.size(), 1);
    // python3: hashlib.blake2b(content, digest_size=32).hexdigest()[:12]
    QCOMPARE(sink.sources[0], QStringLiteral("openlineage:food_delivery@ca936bd1f666"));
    QCOMPARE(sink.capturedAt(), utc("2020-02-22T22:58:02Z"));
    QCOMPARE(sink.count(AssetKind::Job), 13);
    QCOMPARE(sink.count(AssetKind::Table), 13);
    QCOMPARE(sink.assets.size(), 26);
    QCOMPARE(sink.edges.size(), 27);
    // 39 distinct column pairs; one names "public.menu_item_id", a dataset no event has (a slip
    // in the seed), and is left out with a warning.
    QCOMPARE(sink.columnEdges.size(), 38);
    QCOMPARE(sink.warnings.size(), 1);
    QVERIFY2(sink.warnings[0].contains("openlineage:dataset:food_delivery/public.menu_item_id"),
             qPrintable(sink.warnings[0]));
    QCOMPARE(sink.observations.size(), 0);

    const QString menusKey = "openlineage:dataset:food_delivery/public.menus";
    const Asset* menus = sink.asset(menusKey);
    QVERIFY(menus);
    QCOMPARE(menus->platform, QStringLiteral("postgres")); // from the dataSource URI
    QCOMPARE(menus->url, QStringLiteral("postgres://postgres:5432/food_delivery")); // no password
    QCOMPARE(menus->description, QStringLiteral("A table for menus."));
    QCOMPARE(menus->systems, QStringList {"openlineage"});
    QVERIFY(menus->physicalColumns);
    const QList<Column> menuColumns = {{"id", "INTEGER", 1, "The unique ID of the menu."},
                                       {"name", "VARCHAR", 2, "The name of the menu."},
                                       {"restaurant_id", "INTEGER", 3, "The ID of the restaurant related to the menu."},
                                       {"description", "TEXT", 4, "The description of the menu."}};
    QCOMPARE(menus->columns, menuColumns);
    int columns = 0;
    for (const auto& a : sink.assets)
        columns += int(a.columns.size());
    QCOMPARE(columns, 91);

    const Asset* job = sink.asset("openlineage:job:food_delivery/etl_menus");
    QVERIFY(job);
    QCOMPARE(job->kind, AssetKind::Job);
    QCOMPARE(job->platform, QStringLiteral("openlineage"));
    QCOMPARE(job->name, QStringLiteral("etl_menus"));
    QCOMPARE(job->description, QStringLiteral("Loads newly added restaurant menus daily."));
    QVERIFY(sink.edges.contains(Edge {"openlineage:job:food_delivery/etl_menus", menusKey}));
    QVERIFY(sink.edges.contains(Edge {menusKey, "openlineage:job:food_delivery/etl_orders_7_days"}));
    QVERIFY(sink.hasColumnEdge("openlineage:dataset:food_delivery/public.orders", "id",
                               "openlineage:dataset:food_delivery/public.orders_7_days", "order_id"));
    QVERIFY(sink.hasColumnEdge("openlineage:dataset:food_delivery/public.delivery_7_days", "order_placed_on",
                               "openlineage:dataset:food_delivery/public.top_delivery_times", "order_delivery_time"));

    const auto runs = sink.resultsOf(RunResult::Kind::Run);
    QCOMPARE(runs.size(), 13);
    QVERIFY(std::all_of(runs.begin(), runs.end(), [](const RunResult& r) { return r.status == "success"; }));
    const auto menusRun =
        std::find_if(runs.begin(), runs.end(), [](const RunResult& r) { return r.name == "etl_menus"; });
    QVERIFY(menusRun != runs.end());
    QCOMPARE(menusRun->at, utc("2020-02-22T22:45:52Z"));
    QCOMPARE(menusRun->durationSeconds, 190.0); // START 22:42:42, COMPLETE 22:45:52

    const auto tests = sink.resultsOf(RunResult::Kind::Test);
    QCOMPARE(tests.size(), 2);
    QCOMPARE(tests[0].assetKey, QStringLiteral("openlineage:dataset:food_delivery/public.delivery_7_days"));
    QCOMPARE(tests[0].name, QStringLiteral("not_null"));
    QCOMPARE(tests[0].column, QStringLiteral("driver_id"));
    QCOMPARE(tests[0].status, QStringLiteral("fail"));
    QCOMPARE(tests[0].at, utc("2020-02-22T22:42:42Z"));
    QCOMPARE(tests[1].name, QStringLiteral("is_string"));
    QCOMPARE(tests[1].status, QStringLiteral("pass"));
}

void TestOpenLineage::fullEvent()
{
    CollectingSink sink;
    m_plugin.collect(test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_full.json"), sink);
    QCOMPARE(sink.warnings, QStringList());
    QCOMPARE(sink.assets.size(), 2);
    const QString jobKey = "openlineage:job:my-scheduler-namespace/myjob.mytask";
    const QString tableKey = "openlineage:dataset:my-datasource-namespace/instance.schema.table";
    const Asset* job = sink.asset(jobKey);
    QVERIFY(job);
    QCOMPARE(job->platform, QStringLiteral("flink")); // jobType.integration
    QCOMPARE(job->description, QStringLiteral("string"));
    QCOMPARE(job->url, QStringLiteral("http://example.com")); // sourceCodeLocation
    const Asset* table = sink.asset(tableKey);
    QVERIFY(table);
    QCOMPARE(table->platform, QString()); // the dataSource URI is "string": no scheme
    QCOMPARE(table->url, QString());
    QCOMPARE(table->description, QStringLiteral("canonical representation of entity Foo"));
    QCOMPARE(table->columns, (QList<Column> {{"column1", "VARCHAR", 1, "string"}}));
    // The dataset is its own job's input and output.
    QCOMPARE(sink.edges, (QList<Edge> {{tableKey, jobKey}, {jobKey, tableKey}}));

    // Input dataQualityMetrics (1000 rows, 1 MiB) and outputStatistics (2000 rows, 2 MiB) share
    // the event time; what the run wrote wins.
    QCOMPARE(sink.observations.size(), 2);
    QCOMPARE(sink.findObservation(tableKey, {}, "row_count")->value, 2000.0);
    QCOMPARE(sink.findObservation(tableKey, {}, "size_bytes")->value, 2097152.0);
    QCOMPARE(sink.findObservation(tableKey, {}, "row_count")->at, utc("2020-12-28T19:51:01.641Z"));

    const auto runs = sink.resultsOf(RunResult::Kind::Run);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs[0].status, QStringLiteral("success"));
    QCOMPARE(runs[0].durationSeconds, -1.0); // no START in the file
    const auto tests = sink.resultsOf(RunResult::Kind::Test);
    QCOMPARE(tests.size(), 2);
    QCOMPARE(tests[1].name, QStringLiteral("no_null_values"));
    QCOMPARE(tests[1].column, QStringLiteral("id"));
    QCOMPARE(tests[1].status, QStringLiteral("pass"));
}

// 220 KB, of which a Spark logical plan 16 levels deep in the parent run facet is most: stepped
// over, not built.
void TestOpenLineage::largeEvent()
{
    CollectingSink sink;
    QElapsedTimer timer;
    timer.start();
    m_plugin.collect(test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_large.json"), sink);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(sink.warnings, QStringList());
    QCOMPARE(sink.assets.size(), 2);
    QCOMPARE(sink.edges.size(), 2);
    const Asset* job = sink.asset("openlineage:job:my-scheduler-namespace/myjob.mytask");
    QVERIFY(job);
    QCOMPARE(job->platform, QStringLiteral("openlineage")); // no jobType facet
    QCOMPARE(job->url, QStringLiteral("http://example.com"));
    QCOMPARE(sink.asset("openlineage:dataset:my-datasource-namespace/instance.schema.table")->columns.size(), 1);
    QCOMPARE(sink.resultsOf(RunResult::Kind::Run).size(), 1);
}

void TestOpenLineage::unicodeEvent()
{
    CollectingSink sink;
    m_plugin.collect(test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_unicode.json"), sink);
    QCOMPARE(sink.warnings, QStringList());
    const Asset* job = sink.asset(QStringLiteral("openlineage:job:my-scheduler-namespace/myjob.buggy_task🕷"));
    QVERIFY(job);
    QCOMPARE(job->name, QStringLiteral("myjob.buggy_task🕷"));
    QCOMPARE(sink.count(AssetKind::Table), 3);
    QCOMPARE(sink.edges.size(), 3);
    QVERIFY(
        sink.edges.contains(Edge {job->key, "openlineage:dataset:my-datasource-namespace/instance.schema.output-1"}));
    // 19:52:00.001+10:00 is 09:52:00.001 UTC.
    QCOMPARE(sink.capturedAt(), utc("2020-12-28T09:52:00.001Z"));
    QCOMPARE(sink.resultsOf(RunResult::Kind::Run).value(0).at, utc("2020-12-28T09:52:00.001Z"));
}

void TestOpenLineage::ndjsonLog()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("events.ndjson");
    QVERIFY(writeFile(path, ndjsonFixture()));
    CollectingSink sink;
    m_plugin.collect(path, sink);

    // Imported with warnings, not rejected: a run id that is no UUID, a missing producer, and
    // inputs that are not a list.
    QCOMPARE(sink.warnings.size(), 3);
    QVERIFY2(sink.warnings[0].startsWith("line 4, event 3 at /run/runId: not a UUID: run-42"),
             qPrintable(sink.warnings[0]));
    QVERIFY2(sink.warnings[1].startsWith("line 5, event 4 at /producer: missing"), qPrintable(sink.warnings[1]));
    QVERIFY2(sink.warnings[2].startsWith("line 5, event 4 at /inputs: expected an array, found a string"),
             qPrintable(sink.warnings[2]));

    QCOMPARE(sink.sources.size(), 1);
    QVERIFY2(sink.sources[0].startsWith("openlineage:analytics,spark://cluster@"), qPrintable(sink.sources[0]));
    QCOMPARE(sink.capturedAt(), utc("2024-03-01T07:00:00Z"));
    QCOMPARE(sink.count(AssetKind::Job), 3);
    QCOMPARE(sink.count(AssetKind::Table), 3);

    const QString dbtJob = "openlineage:job:analytics/jaffle_shop.customers";
    const QString customers = "your-project.jaffle_shop.customers"; // the dbt model's relation key
    const QString orders = "your-project.jaffle_shop.stg_orders";
    const Asset* job = sink.asset(dbtJob);
    QVERIFY(job);
    QCOMPARE(job->platform, QStringLiteral("dbt"));
    QCOMPARE(job->team, QStringLiteral("growth"));
    QCOMPARE(job->owner, QStringLiteral("ana@example.com"));
    const Asset* table = sink.asset(customers);
    QVERIFY(table);
    QCOMPARE(table->platform, QStringLiteral("bigquery"));
    QCOMPARE(table->name, QStringLiteral("customers"));
    QCOMPARE(table->database, QStringLiteral("your-project"));
    QCOMPARE(table->schema, QStringLiteral("jaffle_shop"));
    QCOMPARE(table->columns.size(), 2);
    const Asset* file = sink.asset(QStringLiteral("openlineage:dataset:s3://lake/raw/données.parquet"));
    QVERIFY(file);
    QCOMPARE(file->platform, QStringLiteral("s3"));
    QCOMPARE(file->description, QStringLiteral("Données brutes"));
    const QString sparkJob = QStringLiteral("openlineage:job:spark://cluster/load_ünïcødé_📦");
    QVERIFY(sink.asset(sparkJob));

    QCOMPARE(sink.edges, (QList<Edge> {{orders, dbtJob}, {dbtJob, customers}, {sparkJob, file->key}}));
    QCOMPARE(sink.columnEdges.size(), 1);
    QCOMPARE(sink.columnEdges[0].transformation, QStringLiteral("AGGREGATION"));
    QVERIFY(sink.hasColumnEdge(orders, "order_id", customers, "number_of_orders"));

    // Input metrics at START (06:00), output statistics at COMPLETE (08:02:30+02:00).
    QCOMPARE(sink.observations.size(), 10);
    const auto at = [&](const QString& key, const QString& column, const char* metric) {
        const Observation* o = sink.findObservation(key, column, QString::fromLatin1(metric));
        return o ? o->value : -1.0;
    };
    QCOMPARE(at(orders, {}, "row_count"), 200.0);
    QCOMPARE(at(orders, {}, "size_bytes"), 4096.0);
    QCOMPARE(at(orders, "customer_id", "null_count"), 10.0);
    QCOMPARE(at(orders, "customer_id", "null_rate"), 0.05);
    QCOMPARE(at(orders, "customer_id", "distinct_count"), 62.0);
    QCOMPARE(at(orders, "customer_id", "min"), 1.0);
    QCOMPARE(at(orders, "customer_id", "max"), 99.0);
    QCOMPARE(at(orders, "customer_id", "mean"), 50.0);
    QCOMPARE(at(customers, {}, "row_count"), 1234.0);
    QCOMPARE(at(customers, {}, "size_bytes"), 56789.0);
    QCOMPARE(sink.findObservation(customers, {}, "row_count")->at, utc("2024-03-01T06:02:30Z"));

    const auto runs = sink.resultsOf(RunResult::Kind::Run);
    QCOMPARE(runs.size(), 2); // RUNNING says nothing about the outcome
    QCOMPARE(runs[0].assetKey, dbtJob);
    QCOMPARE(runs[0].status, QStringLiteral("success"));
    QCOMPARE(runs[0].durationSeconds, 150.0);
    QCOMPARE(runs[1].assetKey, sparkJob);
    QCOMPARE(runs[1].status, QStringLiteral("fail"));
    QCOMPARE(runs[1].message, QStringLiteral("Ошибка: table not found"));
    QCOMPARE(runs[1].durationSeconds, -1.0);

    const auto tests = sink.resultsOf(RunResult::Kind::Test);
    QCOMPARE(tests.size(), 2);
    QCOMPARE(tests[0].assetKey, customers);
    QCOMPARE(tests[0].name, QStringLiteral("not_null"));
    QCOMPARE(tests[0].column, QStringLiteral("customer_id"));
    QCOMPARE(tests[0].status, QStringLiteral("fail"));
    QCOMPARE(tests[1].status, QStringLiteral("pass"));
}

// The same events as NDJSON, as one JSON array and as pretty-printed objects one after another.
void TestOpenLineage::formsAreEquivalent()
{
    const QList<QByteArray> lines = ndjsonFixture().split('\n');
    QList<QByteArray> events;
    for (const auto& line : lines) {
        if (!line.trimmed().isEmpty())
            events.append(line);
    }
    QCOMPARE(events.size(), 4);
    QByteArray pretty;
    for (const auto& e : events)
        pretty += QJsonDocument::fromJson(e).toJson(QJsonDocument::Indented);
    const QByteArray array = "[\n" + events.join(",\n") + "\n]\n";

    QTemporaryDir dir;
    CollectingSink reference;
    QVERIFY(writeFile(dir.filePath("a.ndjson"), ndjsonFixture()));
    m_plugin.collect(dir.filePath("a.ndjson"), reference);
    for (const auto& [name, content] : {std::pair {"array.json", array}, std::pair {"pretty.json", pretty}}) {
        const QString path = dir.filePath(QString::fromLatin1(name));
        QVERIFY(writeFile(path, content));
        QCOMPARE(m_plugin.importer()->detect(content.left(64 * 1024)).confidence, 100);
        CollectingSink sink;
        m_plugin.collect(path, sink);
        QCOMPARE(sink.assets, reference.assets);
        QCOMPARE(sink.edges, reference.edges);
        QCOMPARE(sink.observations.size(), reference.observations.size());
        QCOMPARE(sink.results.size(), reference.results.size());
        QCOMPARE(sink.warnings.size(), reference.warnings.size());
    }
}

QTEST_GUILESS_MAIN(TestOpenLineage)
#include "tst_openlineage.moc"
