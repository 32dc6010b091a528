#include "import/importrunner.h"
#include "importtestutil.h"
#include "openlineagefixtures.h"
#include "store/sqlite.h"
#include "store/workspace.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using test::j;
using test::kMarquez;
using test::ndjsonFixture;
using test::writeFile;

// OpenLineage events through the import runner into a workspace: what is stored, how datasets
// unify with dbt models, and that later event files add to the estate rather than replace it.
// Expected numbers counted with python3 as described in docs/formats/openlineage.md.
class TestOpenLineageWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyMarquezFileImports();
    void throughWorkspaceUnifiesWithDbt();
    void reimportDoesNotRetire();
    void workspaceStoresMeasurements();

private:
    test::OpenLineagePlugin m_plugin;
};

void TestOpenLineageWorkspace::initTestCase()
{
    const QString problem = m_plugin.load();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// Through the import runner into a workspace, one file per workspace: counts as stored.
void TestOpenLineageWorkspace::everyMarquezFileImports()
{
    struct Expected
    {
        const char* file;
        const char* kinds;
        int edges;
        int columns;
    };
    const Expected expected[] = {
        {"api__src__test__resources__open_lineage__event_full.json", "table=1 job=1", 2, 1},
        {"api__src__test__resources__open_lineage__event_large.json", "table=1 job=1", 2, 1},
        {"api__src__test__resources__open_lineage__event_unicode.json", "table=3 job=1", 3, 0},
        {"docker__metadata.json", "table=13 job=13", 27, 91},
    };
    const QStringList files = QDir(test::sharedData(kMarquez)).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), int(std::size(expected)));
    for (const auto& e : expected) {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const ImportReport report =
            ImportRunner(m_plugin.registry()).run(wsPath, {test::sharedData(kMarquez + e.file)});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files[0].format, QStringLiteral("openlineage"));
        QCOMPARE(report.files[0].edges, e.edges);
        QCOMPARE(report.files[0].columns, e.columns);
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(test::kindCounts(*ws), QString::fromLatin1(e.kinds));
        QCOMPARE(ws->edges().size(), e.edges);
    }
}

// The dataset in the `bigquery` namespace and the dbt model that builds it are one asset.
void TestOpenLineageWorkspace::throughWorkspaceUnifiesWithDbt()
{
    QTemporaryDir dir;
    const QString wsPath = dir.filePath("ws.sightline");
    const QString events = dir.filePath("events.ndjson");
    QVERIFY(writeFile(events, ndjsonFixture()));
    const auto manifest =
        test::sharedData("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v10__jaffle_shop__manifest.json");
    auto report = ImportRunner(m_plugin.registry()).run(wsPath, {manifest});
    QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    report = ImportRunner(m_plugin.registry()).run(wsPath, {events});
    QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    QCOMPARE(report.files[0].format, QStringLiteral("openlineage"));
    QCOMPARE(report.files[0].version, QStringLiteral("2-0-2"));
    QCOMPARE(report.files[0].warnings.size(), 3);

    auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
    const auto customers = ws->asset("your-project.jaffle_shop.customers");
    QVERIFY(customers);
    QCOMPARE(customers->kind, AssetKind::Model); // dbt's kind outranks a table
    QCOMPARE(customers->platform, QStringLiteral("bigquery"));
    QVERIFY(customers->systems.contains("dbt"));
    QVERIFY(customers->systems.contains("openlineage"));
    const auto edges = ws->edges();
    QVERIFY(edges.contains(
        Edge {"your-project.jaffle_shop.stg_orders", "openlineage:job:analytics/jaffle_shop.customers"}));
    QVERIFY(
        edges.contains(Edge {"openlineage:job:analytics/jaffle_shop.customers", "your-project.jaffle_shop.customers"}));
    // dbt's own edge stays.
    QVERIFY(edges.contains(Edge {"your-project.jaffle_shop.stg_orders", "your-project.jaffle_shop.customers"}));
}

// A later file that does not mention an earlier file's assets does not retire them: events are
// increments, not snapshots of the whole estate.
void TestOpenLineageWorkspace::reimportDoesNotRetire()
{
    QTemporaryDir dir;
    const QString wsPath = dir.filePath("ws.sightline");
    const auto first =
        ImportRunner(m_plugin.registry()).run(wsPath, {test::sharedData(kMarquez + "docker__metadata.json")});
    QVERIFY2(first.outcome == ImportReport::Outcome::Imported, qPrintable(first.error));
    const QString later = dir.filePath("later.ndjson");
    QVERIFY(writeFile(later,
                      j("{'eventType': 'COMPLETE', 'eventTime': '2020-02-23T22:45:52Z', 'run': {'runId': "
                        "'4d3b8069-69b6-4708-ade0-3275112c9f05'}, 'job': {'namespace': 'food_delivery', 'name': "
                        "'etl_menus'}, 'outputs': [{'namespace': 'food_delivery', 'name': 'public.menus'}], "
                        "'producer': 'https://github.com/OpenLineage/OpenLineage'}\n")));
    const auto second = ImportRunner(m_plugin.registry()).run(wsPath, {later});
    QVERIFY2(second.outcome == ImportReport::Outcome::Imported, qPrintable(second.error));
    auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
    QCOMPARE(test::kindCounts(*ws), QStringLiteral("table=13 job=13"));
    QCOMPARE(ws->edges().size(), 27);
    const auto snapshots = ws->snapshots();
    QCOMPARE(snapshots.size(), 2);
    QVERIFY(snapshots[0].sources != snapshots[1].sources);
}

// What the workspace keeps of the facets: observations, column lineage, run and test results,
// schema versions from the schema facet.
void TestOpenLineageWorkspace::workspaceStoresMeasurements()
{
    QTemporaryDir dir;
    const QString wsPath = dir.filePath("ws.sightline");
    const QString events = dir.filePath("events.ndjson");
    QVERIFY(writeFile(events, ndjsonFixture()));
    auto report = ImportRunner(m_plugin.registry()).run(wsPath, {test::sharedData(kMarquez + "docker__metadata.json")});
    QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    QCOMPARE(report.files[0].warnings.size(), 1); // the column lineage from public.menu_item_id
    report = ImportRunner(m_plugin.registry()).run(wsPath, {events});
    QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    QCOMPARE(report.files[0].warnings.size(), 3);

    auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
    auto& db = ws->db();
    QCOMPARE(db.queryInt("SELECT count(*) FROM column_edge"), 38 + 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM column_edge WHERE transformation = 'AGGREGATION'"), 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM observation"), 10);
    QCOMPARE(db.queryInt("SELECT max(observation_count) FROM snapshot"), 10);
    QCOMPARE(db.queryInt("SELECT CAST(value AS INTEGER) FROM observation o JOIN asset a ON a.id = o.asset_id "
                         "WHERE a.key = 'your-project.jaffle_shop.customers' AND o.metric = 'row_count'"),
             1234);
    QCOMPARE(db.queryInt("SELECT count(*) FROM observation WHERE column_name = 'customer_id'"), 6);
    QCOMPARE(db.queryInt("SELECT count(*) FROM run_result WHERE kind = 'run' AND status = 'success'"), 13 + 1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM run_result WHERE kind = 'run' AND status = 'fail' "
                         "AND message LIKE '%table not found'"),
             1);
    QCOMPARE(db.queryInt("SELECT count(*) FROM run_result WHERE kind = 'test'"), 2 + 2);
    QCOMPARE(db.queryInt("SELECT count(*) FROM run_result WHERE kind = 'test' AND status = 'fail'"), 2);
    QCOMPARE(db.queryInt("SELECT CAST(duration AS INTEGER) FROM run_result r JOIN asset a ON a.id = r.asset_id "
                         "WHERE a.key = 'openlineage:job:food_delivery/etl_delivery_7_days'"),
             330); // 22:42:42 to 22:48:12
    // The schema facet's columns are physical: one schema version per dataset that has them
    // (13 in the seed, the BigQuery table of the log).
    QCOMPARE(db.queryInt("SELECT count(*) FROM schema_version"), 13 + 1);
}

QTEST_GUILESS_MAIN(TestOpenLineageWorkspace)
#include "tst_openlineageworkspace.moc"
