#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "jsonschema.h"
#include "recordingsink.h"
#include "store/sqlite.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using test::j;
using test::sqlRows;
using test::writeIn;

namespace {

const QByteArray kHead = j("{'format': 'sightline-snapshot', 'version': 1, 'source': 'airflow:prod', "
                           "'captured_at': '2024-05-01T06:00:00Z',\n");

// Every entity, lineage before the assets it names (the importer holds it until the assets are
// in), unicode names, a relation key written with quotes and capitals.
QByteArray fullSnapshot()
{
    return j("{'format': 'sightline-snapshot', 'version': 1,\n"
             " 'edges': [{'from': 'raw.orders', 'to': '`Warehouse`.analytics.orders'},\n"
             "           {'from': 'warehouse.analytics.orders', 'to': 'airflow:dag:daily_orders'}],\n"
             " 'column_edges': [{'from': 'raw.orders', 'from_column': 'amount', 'to': 'warehouse.analytics.orders', "
             "'to_column': 'amount_eur', 'transformation': 'TRANSFORMATION'}],\n"
             " 'source': 'airflow:prod', 'captured_at': '2024-05-01T08:00:00+02:00',\n"
             " 'assets': [\n"
             "  {'key': 'raw.orders', 'kind': 'source', 'platform': 'Postgres', 'name': 'orders',\n"
             "   'columns': [{'name': 'id', 'type': 'bigint'}, {'name': 'amount', 'type': 'numeric', 'description': "
             "'in cents'}],\n"
             "   'physical_columns': true},\n"
             "  {'key': 'warehouse.analytics.orders', 'kind': 'table', 'platform': 'bigquery', 'name': "
             "'Bestellungen — täglich ✓',\n"
             "   'description': 'Orders per day', 'tags': ['finance', 'pii'], 'owner': 'jörg@example.com', 'team': "
             "'Data Platform',\n"
             "   'channel': '#data-alerts', 'url': 'https://example.com/orders'},\n"
             "  {'key': 'airflow:dag:daily_orders', 'kind': 'job', 'platform': 'airflow', 'aliases': "
             "['airflow:task:daily_orders.load']}],\n"
             " 'observations': [{'asset': 'warehouse.analytics.orders', 'metric': 'row_count', 'at': "
             "'2024-05-01T05:00:00Z', 'value': 1200},\n"
             "                  {'asset': 'warehouse.analytics.orders', 'column': 'amount_eur', 'metric': 'null_rate', "
             "'at': '2024-05-01T05:00:00Z', 'value': 0.25}],\n"
             " 'results': [{'asset': 'warehouse.analytics.orders', 'kind': 'test', 'name': 'not_null_amount', "
             "'column': 'amount_eur', 'status': 'fail', 'at': '2024-05-01T05:10:00Z', 'duration_seconds': 1.5, "
             "'message': '3 nulls'}]\n"
             "}\n");
}

} // namespace

class TestSnapshot : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;
    const Importer* m_importer = nullptr;

    // Imports through the plugin directly; returns the error message, empty if none.
    QString importDirect(const QByteArray& content, test::RecordingSink& sink, QString* path = nullptr)
    {
        return test::importContent(*m_importer, QStringLiteral("s.json"), content, sink, path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_registry.loadPlugins(test::pluginDir()).isEmpty());
        m_importer = m_registry.byFormat("sightline-snapshot");
        QVERIFY(m_importer);
    }

    void detect_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("confidence");
        QTest::addColumn<QString>("version");
        QTest::addRow("v1") << kHead << 100 << "1";
        QTest::addRow("spaced") << j("{\n  'format' :  'sightline-snapshot' ,\n  'version' : 1 }") << 100 << "1";
        QTest::addRow("newer version") << j("{'format': 'sightline-snapshot', 'version': 2}") << 80 << "2";
        QTest::addRow("other format") << j("{'format': 'sightline-snapshot-x', 'version': 1}") << 0 << "";
        QTest::addRow("dbt manifest") << j(
            "{'metadata': {'dbt_schema_version': 'https://schemas.getdbt.com/dbt/manifest/v12.json'}}")
                                      << 0 << "";
    }

    void detect()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, confidence);
        QFETCH(QString, version);
        const Detection d = m_importer->detect(head);
        QCOMPARE(d.confidence, confidence);
        if (confidence)
            QCOMPARE(d.version, version);
    }

    void fullRound()
    {
        test::RecordingSink sink;
        QCOMPARE(importDirect(fullSnapshot(), sink), QString());
        QCOMPARE(sink.sources, QStringList {"airflow:prod@2024-05-01T06:00:00Z"});
        QCOMPARE(sink.assets.size(), 3);
        const Asset& raw = sink.assets[0];
        QCOMPARE(raw.key, "raw.orders");
        QCOMPARE(raw.kind, AssetKind::Source);
        QCOMPARE(raw.platform, "postgres");
        QCOMPARE(raw.schema, "raw");
        QCOMPARE(raw.database, QString());
        QCOMPARE(raw.columns.size(), 2);
        QCOMPARE(raw.columns[1], (Column {"amount", "numeric", 2, "in cents"}));
        QVERIFY(raw.physicalColumns);
        const Asset& orders = sink.assets[1];
        QCOMPARE(orders.key, "warehouse.analytics.orders");
        QCOMPARE(orders.database, "warehouse");
        QCOMPARE(orders.name, QStringLiteral(u"Bestellungen — täglich ✓"));
        QCOMPARE(orders.tags, (QStringList {"finance", "pii"}));
        QCOMPARE(orders.owner, QStringLiteral(u"jörg@example.com"));
        QCOMPARE(orders.team, "Data Platform");
        QCOMPARE(orders.channel, "#data-alerts");
        QCOMPARE(orders.url, "https://example.com/orders");
        QVERIFY(!orders.physicalColumns);
        const Asset& job = sink.assets[2];
        QCOMPARE(job.key, "airflow:dag:daily_orders");
        QCOMPARE(job.kind, AssetKind::Job);
        QCOMPARE(job.name, "airflow:dag:daily_orders"); // no name: the key
        // The edge named "`Warehouse`.analytics.orders" is the same relation.
        QCOMPARE(sink.edges,
                 (QStringList {"raw.orders -> warehouse.analytics.orders",
                               "warehouse.analytics.orders -> airflow:dag:daily_orders"}));
        QCOMPARE(sink.columnEdges,
                 QStringList {"raw.orders.amount -> warehouse.analytics.orders.amount_eur TRANSFORMATION"});
        QCOMPARE(sink.observations,
                 (QStringList {"warehouse.analytics.orders row_count=1200@2024-05-01T05:00:00Z",
                               "warehouse.analytics.orders.amount_eur null_rate=0.25@2024-05-01T05:00:00Z"}));
        QCOMPARE(sink.results,
                 QStringList {"warehouse.analytics.orders 1 not_null_amount amount_eur "
                              "fail@2024-05-01T05:10:00Z 1.5 3 nulls"});
        QCOMPARE(sink.aliases, QStringList {"airflow:task:daily_orders.load = airflow:dag:daily_orders"});
        QCOMPARE(sink.warnings, QStringList());
    }

    void fullRoundThroughWorkspace()
    {
        QTemporaryDir dir;
        const QString file = writeIn(dir, QStringLiteral("estate.json"), fullSnapshot());
        const QString wsPath = dir.filePath("ws.sightline");
        const auto report = ImportRunner(m_registry).run(wsPath, {file});
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files[0].format, "sightline-snapshot");
        QCOMPARE(report.files[0].version, "1");
        QCOMPARE(report.files[0].assets, 3);
        QCOMPARE(report.files[0].edges, 2);
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->assets().size(), 3);
        QCOMPARE(ws->edges().size(), 2);
        const auto orders = ws->asset("warehouse.analytics.orders");
        QVERIFY(orders);
        QCOMPARE(orders->owner, QStringLiteral(u"jörg@example.com"));
        QCOMPARE(orders->name, QStringLiteral(u"Bestellungen — täglich ✓"));
        QCOMPARE(ws->asset("raw.orders")->columns.size(), 2);
        QCOMPARE(ws->asset("airflow:dag:daily_orders")->systems, QStringList {"airflow"});
        QCOMPARE(sqlRows(*ws, "SELECT l.alias, a.key FROM asset_alias l JOIN asset a ON a.id = l.asset_id"),
                 QStringList {"airflow:task:daily_orders.load|airflow:dag:daily_orders"});
        QCOMPARE(sqlRows(*ws,
                         "SELECT a.key, o.column_name, o.metric, o.value, o.at FROM observation o "
                         "JOIN asset a ON a.id = o.asset_id ORDER BY 1, 2"),
                 (QStringList {"warehouse.analytics.orders||row_count|1200.0|1714539600000",
                               "warehouse.analytics.orders|amount_eur|null_rate|0.25|1714539600000"}));
        QCOMPARE(sqlRows(*ws,
                         "SELECT f.key, e.from_column, t.key, e.to_column, e.transformation FROM column_edge e "
                         "JOIN asset f ON f.id = e.from_asset JOIN asset t ON t.id = e.to_asset"),
                 QStringList {"raw.orders|amount|warehouse.analytics.orders|amount_eur|TRANSFORMATION"});
        QCOMPARE(
            sqlRows(*ws,
                    "SELECT a.key, r.kind, r.name, r.column_name, r.status, r.at, r.duration, r.message "
                    "FROM run_result r JOIN asset a ON a.id = r.asset_id"),
            QStringList {"warehouse.analytics.orders|test|not_null_amount|amount_eur|fail|1714540200000|1.5|3 nulls"});
    }

    // A newer snapshot of the same source without the job retires it and its edge.
    void newerSnapshotRetires()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        QCOMPARE(runner.run(wsPath, {writeIn(dir, QStringLiteral("day1.json"), fullSnapshot())}).outcome,
                 ImportReport::Outcome::Imported);
        const QByteArray day2 = j("{'format': 'sightline-snapshot', 'version': 1, 'source': 'airflow:prod', "
                                  "'captured_at': '2024-05-02T06:00:00Z',\n"
                                  " 'assets': [{'key': 'raw.orders', 'kind': 'source'}, {'key': "
                                  "'warehouse.analytics.orders', 'kind': 'table'}],\n"
                                  " 'edges': [{'from': 'raw.orders', 'to': 'warehouse.analytics.orders'}]}");
        QCOMPARE(runner.run(wsPath, {writeIn(dir, QStringLiteral("day2.json"), day2)}).outcome,
                 ImportReport::Outcome::Imported);
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->assets().size(), 2);
        QCOMPARE(ws->edges().size(), 1);
        QVERIFY(ws->asset("airflow:dag:daily_orders")->retired);
        // Fields of the first snapshot that the second leaves out are kept (non-empty wins).
        QCOMPARE(ws->asset("warehouse.analytics.orders")->owner, QStringLiteral(u"jörg@example.com"));
    }

    // Each violation names its JSON pointer; the same pointer as the published schema gives
    // through the test suite's own JSON Schema validator, so schema and importer agree.
    void violations_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("schemaCatches"); // false: a rule the schema states as "format" only

        const QByteArray a = kHead + j(" 'assets': [");
        const QByteArray ok = j("{'key': 'x.y', 'kind': 'table'}, ");
        QTest::addRow("kind not in enum")
            << a + ok + ok + ok + j("{'key': 'x.z', 'kind': 'tabel'}]}")
            << "/assets/3/kind: \"tabel\" is not one of table, view, model, source, seed, snapshot, dashboard, look, "
               "explore, notebook, analysis, ml, application, job"
            << true;
        QTest::addRow("key missing") << a + j("{'kind': 'table'}]}") << "/assets/0: \"key\" is required" << true;
        QTest::addRow("key empty") << a + j("{'key': '', 'kind': 'table'}]}") << "/assets/0/key: must not be empty"
                                   << true;
        QTest::addRow("tags a string") << a + j("{'key': 'x.y', 'kind': 'table', 'tags': 'pii'}]}")
                                       << "/assets/0/tags: expected an array, found a string" << true;
        QTest::addRow("tag a number") << a + ok + j("{'key': 'x.y', 'kind': 'table', 'tags': ['a', 5]}]}")
                                      << "/assets/1/tags/1: expected a string, found a number" << true;
        QTest::addRow("column without name")
            << a + j("{'key': 'x.y', 'kind': 'table', 'columns': [{'name': 'a'}, {'name': 'b'}, {'type': 'int'}]}]}")
            << "/assets/0/columns/2: \"name\" is required" << true;
        QTest::addRow("physical_columns a string")
            << a + j("{'key': 'x.y', 'kind': 'table', 'physical_columns': 'yes'}]}")
            << "/assets/0/physical_columns: expected a boolean, found a string" << true;
        QTest::addRow("name too long") << a + j("{'key': 'x.y', 'kind': 'table', 'name': '") + QByteArray(65537, 'n')
                + j("'}]}") << "/assets/0/name: longer than 65536 characters"
                                       << true;
        QTest::addRow("asset is a list") << a + j("['x.y', 'table']]}")
                                         << "/assets/0: expected an object, found an array" << true;
        QTest::addRow("assets an object") << kHead + j(" 'assets': {'x.y': {'kind': 'table'}}}")
                                          << "/assets: expected an array, found an object" << true;
        QTest::addRow("edge to empty") << kHead + j(" 'edges': [{'from': 'a.b', 'to': ''}]}")
                                       << "/edges/0/to: must not be empty" << true;
        QTest::addRow("column edge without to_column")
            << kHead + j(" 'column_edges': [{'from': 'a.b', 'from_column': 'c', 'to': 'a.d'}]}")
            << "/column_edges/0: \"to_column\" is required" << true;
        QTest::addRow("value a string") << kHead
                + j(" 'observations': [{'asset': 'a.b', 'metric': 'row_count', 'at': '2024-05-01T00:00:00Z', "
                    "'value': '12'}]}") << "/observations/0/value: expected a number, found a string"
                                        << true;
        QTest::addRow("time not a date") << kHead
                + j(" 'observations': [{'asset': 'a.b', 'metric': 'row_count', 'at': '2024-05-01T00:00:00Z', 'value': "
                    "1},\n {'asset': 'a.b', 'metric': 'row_count', 'at': '2024-13-45T00:00:00Z', 'value': 2}]}")
                                         << "/observations/1/at: not an ISO 8601 date-time: \"2024-13-45T00:00:00Z\""
                                         << false;
        QTest::addRow("status not in enum")
            << kHead + j(" 'results': [{'asset': 'a.b', 'kind': 'test', 'status': 'passed', 'at': '2024-05-01'}]}")
            << "/results/0/status: \"passed\" is not one of pass, warn, error, fail, skipped, success" << true;
        QTest::addRow("negative duration") << kHead
                + j(" 'results': [{'asset': 'a.b', 'kind': 'run', 'status': 'success', 'at': '2024-05-01', "
                    "'duration_seconds': -1}]}")
                                           << "/results/0/duration_seconds: -1 is less than 0" << true;
        QTest::addRow("wrong format") << j(
            "{'format': 'sightline-snapshots', 'version': 1, 'source': 's', 'captured_at': '2024-05-01'}")
                                      << "/format: expected \"sightline-snapshot\", found \"sightline-snapshots\""
                                      << true;
        QTest::addRow("version 2") << j("{'format': 'sightline-snapshot', 'version': 2, 'source': 's', 'captured_at': "
                                        "'2024-05-01'}")
                                   << "/version: expected 1, found 2" << true;
        QTest::addRow("no source") << j("{'format': 'sightline-snapshot', 'version': 1, 'captured_at': '2024-05-01'}")
                                   << "(document): \"source\" is required" << true;
        QTest::addRow("captured_at a number")
            << j("{'format': 'sightline-snapshot', 'version': 1, 'source': 's', 'captured_at': 20240501}")
            << "/captured_at: expected a string, found a number" << true;
        QTest::addRow("captured_at not a time")
            << j("{'format': 'sightline-snapshot', 'version': 1, 'source': 's', 'captured_at': 'last tuesday'}")
            << "/captured_at: not an ISO 8601 date-time: \"last tuesday\"" << false;
    }

    void violations()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QFETCH(bool, schemaCatches);

        QString path;
        test::RecordingSink sink;
        const QString error = importDirect(content, sink, &path);
        QVERIFY2(error.endsWith(message), qPrintable(error));
        QVERIFY2(error.startsWith(path + u':'), qPrintable(error));

        // The published schema, judged by an independent validator, points at the same place.
        test::JsonSchemaValidator validator;
        QFile schemaFile(QStringLiteral(SNAPSHOT_SCHEMA));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        validator.addSchema(nlohmann::json::parse(schemaFile.readAll().toStdString()), "snapshot");
        const QStringList errors = validator.validate(nlohmann::json::parse(content.toStdString()), "snapshot");
        const QString pointer = message.section(u':', 0, 0);
        if (schemaCatches) {
            const QString expected = pointer == QLatin1String("(document)") ? QStringLiteral("/") : pointer;
            bool found = false;
            for (const QString& e : errors)
                found = found || e.section(QStringLiteral(": "), 0, 0) == expected;
            QVERIFY2(found, qPrintable(errors.join(u'\n')));
        } else {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        }
    }

    void fixtureValidatesAgainstSchema()
    {
        test::JsonSchemaValidator validator;
        QFile schemaFile(QStringLiteral(SNAPSHOT_SCHEMA));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        validator.addSchema(nlohmann::json::parse(schemaFile.readAll().toStdString()), "snapshot");
        QCOMPARE(validator.validate(nlohmann::json::parse(fullSnapshot().toStdString()), "snapshot"), QStringList());
    }

    void unknownFieldsWarnOnce()
    {
        test::RecordingSink sink;
        const QByteArray content = kHead
            + j(" 'producer': 'my-exporter 0.3',\n"
                " 'assets': [{'key': 'a.b', 'kind': 'table', 'colour': 'red'},\n"
                "            {'key': 'a.c', 'kind': 'view', 'colour': 'blue', 'columns': [{'name': 'x', 'nullable': "
                "true}, {'name': 'y', 'nullable': false}]}]}");
        QCOMPARE(importDirect(content, sink), QString());
        QCOMPARE(sink.assets.size(), 2);
        QCOMPARE(sink.warnings,
                 (QStringList {"/assets/0/colour: unknown field, ignored",
                               "/assets/1/columns/0/nullable: unknown field, ignored"}));
    }

    void emptySnapshotRetiresNothing()
    {
        test::RecordingSink sink;
        QString path;
        QCOMPARE(importDirect(kHead + j(" 'assets': [], 'edges': []}"), sink, &path), QString());
        QCOMPARE(sink.sources, QStringList());
        QCOMPARE(
            sink.warnings,
            QStringList {path + ": the snapshot of airflow:prod contains nothing; nothing imported, nothing retired"});
    }

    // Large arrays stream element by element (progress is reported while reading).
    void largeArrays()
    {
        constexpr int n = 20000;
        QByteArray content = kHead + "\"assets\": [";
        for (int i = 0; i < n; ++i) {
            content += QByteArray(i ? "," : "") + "{\"key\": \"p.d.t" + QByteArray::number(i)
                + "\", \"kind\": \"table\", \"columns\": [{\"name\": \"id\", \"type\": \"INT64\"}]}\n";
        }
        content += "], \"edges\": [";
        for (int i = 1; i < n; ++i)
            content += QByteArray(i > 1 ? "," : "") + "{\"from\": \"p.d.t" + QByteArray::number(i - 1)
                + "\", \"to\": \"p.d.t" + QByteArray::number(i) + "\"}\n";
        content += "], \"observations\": [";
        for (int i = 0; i < 3 * n; ++i)
            content += QByteArray(i ? "," : "") + "{\"asset\": \"p.d.t" + QByteArray::number(i % n)
                + "\", \"metric\": \"row_count\", \"at\": \"2024-05-0" + QByteArray::number(1 + i / n)
                + "T00:00:00Z\", \"value\": " + QByteArray::number(i) + "}\n";
        content += "]}";
        QVERIFY(content.size() > 5'000'000);

        QTemporaryDir dir;
        const QString file = writeIn(dir, QStringLiteral("big.json"), content);
        ImportContext ctx;
        ctx.path = file;
        ctx.size = content.size();
        int progressCalls = 0;
        ctx.progress = [&](qint64) { ++progressCalls; };
        test::RecordingSink sink;
        m_importer->import(ctx, sink);
        QCOMPARE(sink.assets.size(), n);
        QCOMPARE(sink.edges.size(), n - 1);
        QCOMPARE(sink.observations.size(), 3 * n);
        QCOMPARE(sink.observations.last(), "p.d.t19999 row_count=59999@2024-05-03T00:00:00Z");
        QVERIFY(progressCalls >= 4);
    }

    // Bad input through the runner: a clear error naming file and place; the workspace as it was.
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::addRow("truncated") << fullSnapshot().left(fullSnapshot().size() / 2) << "unexpected end of file";
        QTest::addRow("wrong types") << kHead + j(" 'assets': 'none'}") << "/assets: expected an array, found a string";
        QTest::addRow("huge string") << kHead + j(" 'assets': [{'key': 'a.b', 'kind': 'table', 'description': '")
                + QByteArray(2 << 20, 'x')
                + j("'}]}") << "exceeds the limit of 1048576 bytes";
        QTest::addRow("deep nesting") << kHead + " \"assets\": [{\"key\": \"a.b\", \"kind\": \"table\", \"x\": "
                + QByteArray(600, '[') + QByteArray(600, ']') + "}]}"
                                      << "nesting deeper than 512 levels";
        QTest::addRow("invalid UTF-8") << kHead + j(" 'assets': [{'key': 'a.b', 'kind': 'table', 'name': 'caf\xe9'}]}")
                                       << "invalid string: ill-formed UTF-8 byte";
        QTest::addRow("top-level array") << j("[{'format': 'sightline-snapshot', 'version': 1}]")
                                         << "expected a JSON object at the top level";
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        test::checkRejectedAfter(m_registry, dir, {test::writeIn(dir, QStringLiteral("good.json"), fullSnapshot())},
                                 QStringLiteral("bad snapshot.json"), content, QStringLiteral(":"), reason);
    }
};

QTEST_GUILESS_MAIN(TestSnapshot)
#include "tst_snapshot.moc"
