#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "lineage/lineagegraph.h"
#include "recordingsink.h"
#include "store/sqlite.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace sightline;
using test::j;
using test::sqlRows;
using test::writeIn;

// The Looker fixtures (tests/importers/fixtures/looker) were written by hand, field by field,
// from Looker's API 4.0 reference, since no real responses are in ../shared/data: ids as
// strings, nulls, a view count as a string, unicode titles, missing optional fields. See the
// README there.
namespace {

QByteArray readFixture(const QString& name)
{
    QFile f(QStringLiteral(LOOKER_FIXTURES) + u'/' + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList fixtureNames()
{
    return QDir(QStringLiteral(LOOKER_FIXTURES)).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
}

// What packaging/collectors/looker writes: every response of a capture in one array, after the
// collector's record of when it ran against which instance (left out: responses saved by hand).
QByteArray capture(const char* capturedAt = nullptr, const QString& leaveOut = {})
{
    QByteArray all = "[\n";
    if (capturedAt) {
        all += "{\"sightline_capture\": {\"captured_at\": \"" + QByteArray(capturedAt)
            + "\", \"base_url\": \"https://acme.looker.com:19999\"}},\n";
    }
    QStringList names = fixtureNames();
    names.removeAll(leaveOut);
    for (const auto& name : names)
        all += readFixture(name) + (name == names.last() ? "\n" : ",\n");
    return all + "]\n";
}

QStringList keysOf(const LineageGraph& g, const std::vector<LineageGraph::Reached>& reached, AssetKind kind)
{
    QStringList keys;
    for (const auto& r : reached) {
        if (g.asset(r.node).kind == kind)
            keys.append(g.asset(r.node).key);
    }
    keys.sort();
    return keys;
}

} // namespace

class TestLooker : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;
    const Importer* m_importer = nullptr;

    QString importDirect(const QByteArray& content, test::RecordingSink& sink, QString* path = nullptr)
    {
        return test::importContent(*m_importer, QStringLiteral("looker.json"), content, sink, path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_registry.loadPlugins(test::pluginDir()).isEmpty());
        m_importer = m_registry.byFormat("looker-api");
        QVERIFY(m_importer);
        QCOMPARE(fixtureNames().size(), 7);
    }

    void detect_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("confidence");
        for (const auto& name : fixtureNames()) {
            const int expected = name.startsWith(u"dashboard") ? 95
                : name.startsWith(u"explore")                  ? 90
                : name.startsWith(u"look")                     ? 85
                                                               : 75;
            QTest::addRow("%s", qPrintable(name)) << readFixture(name) << expected;
        }
        QTest::addRow("capture array") << capture() << 95;
        QTest::addRow("a lone email") << j("{'email': 'a@b.c', 'display_name': 'A'}") << 0;
        QTest::addRow("snapshot") << j("{'format': 'sightline-snapshot', 'version': 1, 'assets': [{'key': 'a', "
                                       "'kind': 'dashboard', 'url': 'x'}]}")
                                  << 0;
        QTest::addRow("not JSON") << QByteArray("sql_table_name,model_name,joins\n") << 0;
    }

    void detect()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, confidence);
        QCOMPARE(m_importer->detect(head.left(64 * 1024)).confidence, confidence);
        if (confidence)
            QCOMPARE(m_registry.detect(head.left(64 * 1024)).importer, m_importer);
    }

    // The whole capture in one array: every asset, owner, URL and edge checked by hand against
    // the fixtures.
    void captureArray()
    {
        test::RecordingSink sink;
        QString path;
        QCOMPARE(importDirect(capture(), sink, &path), QString());
        // Host from the first absolute URL; time from the newest activity (last_accessed_at of 42).
        QCOMPARE(sink.sources, QStringList {"looker:acme.looker.com@2024-05-01T05:59:00Z"});

        QStringList keys;
        for (const auto& a : sink.assets)
            keys.append(kindName(a.kind) + u' ' + a.key + u' ' + a.platform);
        QCOMPARE(keys,
                 (QStringList {"table acme-prod.catalog.products bigquery", "table acme-prod.crm.users bigquery",
                               "table acme-prod.sales.order_items bigquery", "table marketing_ds.campaigns ",
                               "explore looker:explore:ecommerce::order_items looker",
                               "explore looker:explore:ecommerce::users looker",
                               "explore looker:explore:marketing::sessions looker",
                               "dashboard looker:dashboard:42 looker", "look looker:look:17 looker"}));

        const Asset* dashboard = sink.find("looker:dashboard:42");
        QCOMPARE(dashboard->name, QStringLiteral(u"Umsatz & Bestellungen — täglich 📈"));
        QCOMPARE(dashboard->description, "Daily orders and revenue by channel");
        QCOMPARE(dashboard->owner, "ana.nunez@acme.example");
        QCOMPARE(dashboard->tags, QStringList {QStringLiteral(u"folder:Sales — Europe")});
        QCOMPARE(dashboard->url, "https://acme.looker.com/dashboards/42");
        const Asset* look = sink.find("looker:look:17");
        QCOMPARE(look->name, "Neue Kunden pro Woche");
        QCOMPARE(look->owner, QStringLiteral(u"Bjørn Åsheim")); // no email: the display name
        QCOMPARE(look->tags, QStringList {"folder:Marketing"});
        QCOMPARE(look->url, "https://acme.looker.com/looks/17");
        const Asset* explore = sink.find("looker:explore:ecommerce::order_items");
        QCOMPARE(explore->name, "Order Items");
        QCOMPARE(explore->tags, QStringList {"revenue"});
        QCOMPARE(explore->url, "https://acme.looker.com/explore/ecommerce/order_items");
        QCOMPARE(sink.find("looker:explore:ecommerce::users")->name, "Kunden");
        const Asset* table = sink.find("acme-prod.sales.order_items");
        QCOMPARE(table->name, "order_items");
        QCOMPARE(table->database, "acme-prod");
        QCOMPARE(table->schema, "sales");

        QCOMPARE(sink.edges,
                 (QStringList {
                     "acme-prod.sales.order_items -> looker:explore:ecommerce::order_items",
                     "acme-prod.crm.users -> looker:explore:ecommerce::order_items",
                     "acme-prod.catalog.products -> looker:explore:ecommerce::order_items",
                     "acme-prod.crm.users -> looker:explore:ecommerce::users",
                     "marketing_ds.campaigns -> looker:explore:marketing::sessions",
                     "looker:explore:ecommerce::order_items -> looker:dashboard:42",
                     "looker:explore:ecommerce::users -> looker:dashboard:42",
                     "looker:explore:marketing::sessions -> looker:dashboard:42",
                     "looker:explore:ecommerce::users -> looker:look:17",
                 }));
        QCOMPARE(sink.observations,
                 (QStringList {"looker:dashboard:42 view_count=1523@2024-05-01T05:59:00Z",
                               "looker:look:17 view_count=88@2024-05-01T05:59:00Z"}));
        QCOMPARE(
            sink.warnings,
            (QStringList {
                "/1/joins/1: join order_facts of explore ecommerce::order_items has no sql_table_name (a derived "
                "table): skipped",
                "/3: explore marketing::sessions has no sql_table_name (a derived table): no table lineage for its "
                "base view",
            }));
    }

    void collectorRecord()
    {
        test::RecordingSink sink;
        QCOMPARE(importDirect(capture("2024-05-01T05:30:00+02:00"), sink), QString());
        QCOMPARE(sink.sources, QStringList {"looker:acme.looker.com@2024-05-01T03:30:00Z"});
        QCOMPARE(sink.observations.first(), "looker:dashboard:42 view_count=1523@2024-05-01T03:30:00Z");
        QCOMPARE(sink.warnings.size(), 2); // the two derived tables, nothing about the record
        QCOMPARE(m_importer->detect(capture("2024-05-01T05:30:00Z").left(65536)).confidence, 95);

        test::RecordingSink bad;
        QString path;
        QCOMPARE(importDirect(j("[{'sightline_capture': {'captured_at': 'today'}}]"), bad, &path),
                 path + ": /0/sightline_capture/captured_at: not an ISO 8601 date-time: \"today\"");
    }

    // One response per file, imported as a folder: each file stands alone, so owners whose user
    // is in another file stay empty (with a warning) — the documented limitation.
    void folderOfFiles()
    {
        QTemporaryDir dir;
        QDir().mkdir(dir.filePath("capture"));
        for (const auto& name : fixtureNames())
            writeIn(dir, "capture/" + name, readFixture(name));
        const QString wsPath = dir.filePath("ws.sightline");
        const auto report = ImportRunner(m_registry).run(wsPath, {dir.filePath("capture")});
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 7);
        for (const auto& f : report.files)
            QCOMPARE(f.format, "looker-api");
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(test::kindCounts(*ws), "table=4 dashboard=1 look=1 explore=3");
        QCOMPARE(ws->edges().size(), 9);
        QCOMPARE(ws->asset("looker:dashboard:42")->owner, QString("Ana Núñez")); // user_name of the response
        QCOMPARE(ws->asset("looker:look:17")->owner, QString());
    }

    // The issue's acceptance: Looker responses plus warehouse lineage (here two rows of BigQuery
    // job lineage written as a native snapshot), no dbt: which tables feed the dashboard, which
    // dashboards read a table.
    void tablesAndDashboards()
    {
        QTemporaryDir dir;
        QDir().mkdir(dir.filePath("capture"));
        writeIn(dir, "capture/looker.json", capture());
        writeIn(dir, "capture/bigquery-jobs.json",
                j("{'format': 'sightline-snapshot', 'version': 1, 'source': 'bigquery:acme-prod', 'captured_at': "
                  "'2024-05-01T06:00:00Z',\n"
                  " 'assets': [{'key': 'acme-prod.raw.orders', 'kind': 'table', 'platform': 'bigquery'},\n"
                  "            {'key': 'acme-prod.sales.order_items', 'kind': 'table', 'platform': 'bigquery'},\n"
                  "            {'key': 'acme-prod.raw.customers', 'kind': 'table', 'platform': 'bigquery'},\n"
                  "            {'key': 'acme-prod.crm.users', 'kind': 'table', 'platform': 'bigquery'}],\n"
                  " 'edges': [{'from': 'acme-prod.raw.orders', 'to': 'acme-prod.sales.order_items'},\n"
                  "           {'from': 'acme-prod.raw.customers', 'to': 'acme-prod.crm.users'}]}"));
        const QString wsPath = dir.filePath("ws.sightline");
        const auto report = ImportRunner(m_registry).run(wsPath, {dir.filePath("capture")});
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(test::kindCounts(*ws), "table=6 dashboard=1 look=1 explore=3");
        QStringList systems = ws->asset("acme-prod.crm.users")->systems;
        systems.sort();
        QCOMPARE(systems, (QStringList {"bigquery", "looker"})); // one asset, reported by both
        QCOMPARE(sqlRows(*ws,
                         "SELECT a.key, o.metric, o.value, o.at FROM observation o "
                         "JOIN asset a ON a.id = o.asset_id ORDER BY 1"),
                 (QStringList {"looker:dashboard:42|view_count|1523.0|1714543140000",
                               "looker:look:17|view_count|88.0|1714543140000"}));

        const auto graph = LineageGraph::fromWorkspace(*ws);
        const auto dashboard = graph->indexOf("looker:dashboard:42");
        QVERIFY(dashboard != LineageGraph::npos);
        QCOMPARE(keysOf(*graph, graph->closureUp(dashboard, -1), AssetKind::Table),
                 (QStringList {"acme-prod.catalog.products", "acme-prod.crm.users", "acme-prod.raw.customers",
                               "acme-prod.raw.orders", "acme-prod.sales.order_items", "marketing_ds.campaigns"}));
        const auto raw = graph->indexOf("acme-prod.raw.customers");
        QCOMPARE(keysOf(*graph, graph->closureDown(raw, -1), AssetKind::Dashboard),
                 QStringList {"looker:dashboard:42"});
        QCOMPARE(keysOf(*graph, graph->closureDown(raw, -1), AssetKind::Look), QStringList {"looker:look:17"});
        QCOMPARE(keysOf(*graph, graph->closureDown(graph->indexOf("acme-prod.raw.orders"), -1), AssetKind::Look),
                 QStringList());
    }

    // A newer capture of the same instance without the look retires it and its edge; the rest
    // stays current. The collector's record gives the capture time (the responses' newest
    // activity time is the same in both).
    void newerCaptureRetires()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        QCOMPARE(runner.run(wsPath, {writeIn(dir, "day1.json", capture("2024-05-01T05:30:00Z"))}).outcome,
                 ImportReport::Outcome::Imported);
        QCOMPARE(
            runner.run(wsPath, {writeIn(dir, "day2.json", capture("2024-05-02T05:30:00Z", "look_17.json"))}).outcome,
            ImportReport::Outcome::Imported);
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(test::kindCounts(*ws), "table=4 dashboard=1 explore=3");
        QCOMPARE(ws->edges().size(), 8);
        QCOMPARE(ws->assets(true).size(), 9);
        QVERIFY(ws->asset("looker:look:17")->retired);
    }

    void sqlTableName_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("key"); // empty: skipped with a warning
        QTest::addRow("alias on next line") << "`proj.dataset.Table`\n     AS t"
                                            << "proj.dataset.table";
        QTest::addRow("alias without AS") << "proj.dataset.table t"
                                          << "proj.dataset.table";
        QTest::addRow("parts quoted") << "`proj`.`data set`.`table`"
                                      << "proj.data set.table";
        QTest::addRow("legacy SQL") << "[proj:dataset.table]"
                                    << "proj.dataset.table";
        QTest::addRow("two parts") << "  analytics.orders  "
                                   << "analytics.orders";
        QTest::addRow("one part") << "orders"
                                  << "";
        QTest::addRow("subquery") << "(SELECT * FROM a.b.c)"
                                  << "";
        QTest::addRow("liquid") << "{% if x %}a.b.c{% endif %}"
                                << "";
        QTest::addRow("substitution") << "${other.SQL_TABLE_NAME}"
                                      << "";
        QTest::addRow("four parts") << "a.b.c.d"
                                    << "";
    }

    void sqlTableName()
    {
        QFETCH(QString, sql);
        QFETCH(QString, key);
        nlohmann::json explore = {{"id", "m::e"},
                                  {"name", "e"},
                                  {"model_name", "m"},
                                  {"connection_name", "c"},
                                  {"sql_table_name", sql.toStdString()},
                                  {"joins", nlohmann::json::array()}};
        test::RecordingSink sink;
        QCOMPARE(importDirect(QByteArray::fromStdString(explore.dump()), sink), QString());
        if (key.isEmpty()) {
            QCOMPARE(sink.edges, QStringList());
            QCOMPARE(sink.warnings.size(), 1);
            QVERIFY2(sink.warnings[0].startsWith("(response)/sql_table_name: "), qPrintable(sink.warnings[0]));
        } else {
            QCOMPARE(sink.edges, QStringList {key + " -> looker:explore:m::e"});
            QCOMPARE(sink.sources, QStringList {"looker:default@"});
        }
    }

    void emptyArray()
    {
        test::RecordingSink sink;
        QString path;
        QCOMPARE(importDirect("[ ]", sink, &path), QString());
        QCOMPARE(sink.sources, QStringList());
        QCOMPARE(sink.warnings, QStringList {path + ": an empty array, no Looker responses"});
    }

    // What is not a dashboard, look, explore or user is skipped with a warning naming it.
    void unrecognisedResponses()
    {
        test::RecordingSink sink;
        const QByteArray content =
            j("[{'message': 'Not found', 'documentation_url': 'https://cloud.google.com/looker/docs/'},\n"
              " {'id': '301', 'dashboard_id': '42', 'query': {'model': 'm', 'view': 'v'}},\n"
              " 7,\n"
              " {'id': '9', 'title': 'Gelöscht', 'deleted': true, 'query': {'model': 'm', 'view': 'v'}}]");
        QCOMPARE(importDirect(content, sink), QString());
        QCOMPARE(sink.sources, QStringList());
        QCOMPARE(sink.warnings,
                 (QStringList {"/0: a saved API error (\"Not found\"), skipped",
                               "/1: not a Looker dashboard, look, explore or user (skipped)",
                               "/2: expected a Looker API response, found a number (skipped)",
                               "/3: look 9 is deleted (skipped)"}));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        const QByteArray dashboard = readFixture("dashboard_42.json");
        QTest::addRow("truncated") << dashboard.left(dashboard.size() / 2)
                                   << "invalid JSON: the file ends in the middle of";
        QTest::addRow("elements an object")
            << j("{'id': '1', 'title': 't', 'dashboard_elements': {'a': 1}, 'dashboard_filters': []}")
            << ": /dashboard_elements: expected an array, found an object";
        QTest::addRow("title a list") << j("{'id': '1', 'title': ['t'], 'dashboard_elements': [], 'folder': null}")
                                      << ": /title: expected a string, found an array";
        QTest::addRow("query a string") << j(
            "[{'id': '1', 'title': 't', 'folder': {}, 'dashboard_elements': [{'query': 'q'}]}]")
                                        << ": /0/dashboard_elements/0/query: expected an object, found a string";
        QTest::addRow("huge string") << j("{'dashboard_elements': [], 'title': '") + QByteArray(17 << 20, 'x') + "\"}"
                                     << ":1:37: a string longer than 16 MiB is not supported";
        QTest::addRow("deep nesting") << j("{'dashboard_elements': [], 'title': 't', 'x': ") + QByteArray(300, '[')
                + QByteArray(300, ']') + "}"
                                      << ":1:302: nesting deeper than 256 levels is not supported";
        QTest::addRow("invalid UTF-8") << j("{'dashboard_elements': [], 'title': 'caf\xe9'}")
                                       << "invalid string: ill-formed UTF-8 byte";
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        test::checkRejectedAfter(m_registry, dir, {test::writeIn(dir, QStringLiteral("capture.json"), capture())},
                                 QStringLiteral("bad looker.json"), content, QStringLiteral(":"), reason);
    }
};

QTEST_GUILESS_MAIN(TestLooker)
#include "tst_looker.moc"
