#include "bqfixtures.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sightline;
using namespace sightline::test::bq;

namespace {

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("-");
}

QString num(double v)
{
    return QString::number(v, 'g', 15);
}

// Records every call, as sorted text for exact comparisons.
class CollectingSink : public ImportSink
{
public:
    void beginSource(const QString& sourceId, const QDateTime& capturedAt) override
    {
        sources.append(sourceId + u'@' + iso(capturedAt));
    }
    void asset(const Asset& asset) override
    {
        ++assetCalls;
        assets.insert(asset.key, asset);
    }
    void edge(const QString& fromKey, const QString& toKey) override
    {
        edges.append(fromKey + QStringLiteral(" -> ") + toKey);
    }
    void warning(const QString& message) override
    {
        warnings.append(message);
    }
    void observation(const Observation& o) override
    {
        observations.append(QStringLiteral("%1 %2=%3 @%4").arg(o.assetKey, o.metric, num(o.value), iso(o.at)));
    }
    void runResult(const RunResult& r) override
    {
        QVERIFY(r.kind == RunResult::Kind::Run);
        runs.append(QStringLiteral("%1 %2 %3 %4 %5 %6")
                        .arg(r.assetKey, r.name, r.status, num(r.durationSeconds), iso(r.at), r.message)
                        .trimmed());
    }
    QStringList sorted(QStringList list) const
    {
        list.sort();
        return list;
    }

    QStringList sources;
    QMap<QString, Asset> assets;
    int assetCalls = 0;
    QStringList edges;
    QStringList warnings;
    QStringList observations;
    QStringList runs;
};

const char* formName(Form f)
{
    return f == Form::Json ? "json" : f == Form::PrettyJson ? "prettyjson" : "ndjson";
}

} // namespace

class TestBigQuery : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;
    const Importer* m_importer = nullptr;

    // Runs the importer directly on a file holding rows in form.
    void collect(const QList<QByteArray>& rows, Form form, CollectingSink& sink)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("export.json");
        QVERIFY(writeFile(path, render(rows, form)));
        ImportContext ctx;
        ctx.path = path;
        ctx.size = QFileInfo(path).size();
        m_importer->import(ctx, sink);
    }

    void addForms()
    {
        QTest::addColumn<int>("form");
        for (Form f : {Form::Json, Form::PrettyJson, Form::Ndjson})
            QTest::addRow("%s", formName(f)) << int(f);
    }

    static QStringList warningsMatching(const CollectingSink& sink, const QString& text)
    {
        QStringList out;
        for (const auto& w : sink.warnings) {
            if (w.contains(text))
                out.append(w);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_registry.loadPlugins(test::pluginDir()).isEmpty());
        m_importer = m_registry.byFormat("bigquery-metadata");
        QVERIFY(m_importer);
    }

    void detect_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("version"); // empty: not ours
        for (Form f : {Form::Json, Form::PrettyJson, Form::Ndjson}) {
            const QString suffix = f == Form::Ndjson ? QStringLiteral(" NDJSON") : QStringLiteral(" JSON");
            QTest::addRow("tables %s", formName(f)) << render(tablesRows(), f) << "__TABLES__" + suffix;
            QTest::addRow("storage %s", formName(f))
                << render(storageRows(), f) << "INFORMATION_SCHEMA.TABLE_STORAGE" + suffix;
            QTest::addRow("columns %s", formName(f))
                << render(columnRows(), f) << "INFORMATION_SCHEMA.COLUMNS" + suffix;
            QTest::addRow("jobs %s", formName(f)) << render(jobRows(), f) << "INFORMATION_SCHEMA.JOBS" + suffix;
        }
        QTest::addRow("empty array") << QByteArray("[]\n") << QString();
        QTest::addRow("other rows") << j("[{'id': '1', 'name': 'x'}]") << QString();
        QTest::addRow("job_id alone") << j("{'job_id': 'a', 'state': 'DONE'}") << QString();
        QTest::addRow("openlineage event")
            << j("{'eventType': 'COMPLETE', 'eventTime': '2024-03-01T00:00:00Z', 'run': {'runId': 'x'}, 'job': "
                 "{'namespace': 'n', 'name': 'j'}, 'inputs': [], 'outputs': [], 'producer': 'p'}")
            << QString();
        QTest::addRow("dbt manifest") << j("{'metadata': {'dbt_schema_version': "
                                           "'https://schemas.getdbt.com/dbt/manifest/v12.json'}, 'nodes': {}}")
                                      << QString();
        QTest::addRow("not json") << QByteArray("project_id,dataset_id,table_id\n") << QString();
    }

    void detect()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, version);
        const Detection d = m_importer->detect(content.left(64 * 1024));
        if (version.isEmpty()) {
            QCOMPARE(d.confidence, 0);
            return;
        }
        QCOMPARE(d.confidence, 90);
        QCOMPARE(d.version, version);
        const auto match = m_registry.detect(content);
        QCOMPARE(match.importer, m_importer);
    }

    // A job reading thousands of tables has a first row longer than the 64 KiB head: still
    // recognised by its column names, less surely, and imported whole.
    void detectLongFirstRow()
    {
        QByteArray refs;
        for (int i = 0; i < 2000; ++i) {
            refs += (i ? "," : "") + j("{'project_id': 'acme-data', 'dataset_id': 'shards', 'table_id': 'events_")
                + QByteArray::number(i) + j("'}");
        }
        const QByteArray row = j("{'job_id': 'wide', 'creation_time': '2024-03-01 06:00:00 UTC', 'end_time': "
                                 "'2024-03-01 06:00:01 UTC', 'state': 'DONE', 'referenced_tables': [")
            + refs
            + j("], 'destination_table': {'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': "
                "'all_events'}}");
        QVERIFY(row.size() > 64 * 1024);
        const Detection d = m_importer->detect(row.left(64 * 1024));
        QCOMPARE(d.confidence, 50);
        QCOMPARE(d.version, "INFORMATION_SCHEMA.JOBS NDJSON");
        CollectingSink sink;
        collect({row}, Form::Ndjson, sink);
        QCOMPARE(sink.edges.size(), 2000);
        QCOMPARE(sink.assets.size(), 2001);
    }

    void tables_data()
    {
        addForms();
    }
    void tables()
    {
        QFETCH(int, form);
        CollectingSink sink;
        collect(tablesRows(), Form(form), sink);
        QCOMPARE(sink.sources, QStringList {"bigquery:acme-data@2024-03-01T08:00:00.000Z"});
        QCOMPARE(sink.assets.keys(),
                 (QStringList {"acme-data.sales.ext_feed", "acme-data.sales.kundenübersicht_日本",
                               "acme-data.sales.orders", "acme-data.sales.orders_v", "acme-data.sales.returns"}));
        const Asset orders = sink.assets.value("acme-data.sales.orders");
        QCOMPARE(orders.kind, AssetKind::Table);
        QCOMPARE(orders.platform, "bigquery");
        QCOMPARE(orders.name, "orders");
        QCOMPARE(orders.database, "acme-data");
        QCOMPARE(orders.schema, "sales");
        QCOMPARE(orders.systems, QStringList {"bigquery"});
        QCOMPARE(sink.assets.value("acme-data.sales.orders_v").kind, AssetKind::View);
        QCOMPARE(sink.assets.value("acme-data.sales.ext_feed").kind, AssetKind::Table);
        QCOMPARE(sink.assets.value("acme-data.sales.kundenübersicht_日本").name, "kundenübersicht_日本");
        const QString at = "@2024-03-01T08:00:00.000Z";
        QCOMPARE(sink.sorted(sink.observations),
                 (QStringList {
                     "acme-data.sales.ext_feed last_modified=1709251200000 " + at,
                     "acme-data.sales.kundenübersicht_日本 last_modified=1709270000000 " + at,
                     "acme-data.sales.kundenübersicht_日本 row_count=77 " + at,
                     "acme-data.sales.orders last_modified=1709280000000 " + at,
                     "acme-data.sales.orders row_count=1200 " + at,
                     "acme-data.sales.orders size_bytes=48000 " + at,
                     "acme-data.sales.orders_v last_modified=1709251300000 " + at,
                     "acme-data.sales.returns last_modified=1709260000000 " + at,
                     "acme-data.sales.returns row_count=12 " + at,
                 }));
        QCOMPARE(sink.edges, QStringList());
        QCOMPARE(sink.warnings.size(), 1);
        QVERIFY2(sink.warnings[0].startsWith("1 tables in anonymous or temporary datasets"),
                 qPrintable(sink.warnings[0]));
    }

    void storage_data()
    {
        addForms();
    }
    void storage()
    {
        QFETCH(int, form);
        CollectingSink sink;
        collect(storageRows(), Form(form), sink);
        QCOMPARE(sink.sources, QStringList {"bigquery:acme-data@2024-03-01T08:00:00.000Z"});
        QCOMPARE(sink.assets.keys(), (QStringList {"acme-data.reporting.mv_täglich", "acme-data.sales.orders"}));
        QCOMPARE(sink.assets.value("acme-data.reporting.mv_täglich").kind, AssetKind::View);
        QCOMPARE(sink.assets.value("acme-data.sales.orders").kind, AssetKind::Table);
        const QString at = "@2024-03-01T08:00:00.000Z";
        QCOMPARE(sink.sorted(sink.observations),
                 (QStringList {
                     "acme-data.reporting.mv_täglich last_modified=1709269200000 " + at,
                     "acme-data.reporting.mv_täglich row_count=30 " + at,
                     "acme-data.sales.orders last_modified=1709279940123 " + at,
                     "acme-data.sales.orders row_count=1200 " + at,
                     "acme-data.sales.orders size_bytes=48000 " + at,
                 }));
        QCOMPARE(sink.warnings.size(), 1);
        QVERIFY2(sink.warnings[0].startsWith("1 deleted tables skipped"), qPrintable(sink.warnings[0]));
    }

    void columns_data()
    {
        addForms();
    }
    void columns()
    {
        QFETCH(int, form);
        CollectingSink sink;
        collect(columnRows(), Form(form), sink);
        QCOMPARE(sink.sources, QStringList {"bigquery:acme-data@2024-03-01T08:00:00.000Z"});
        QCOMPARE(sink.assetCalls, 2);
        const Asset orders = sink.assets.value("acme-data.sales.orders");
        QVERIFY(orders.physicalColumns);
        QCOMPARE(orders.description, QString());
        QCOMPARE(orders.columns,
                 (QList<Column> {{"id", "INT64", 1, {}},
                                 {"amount", "NUMERIC", 2, {}},
                                 {"customer", "STRUCT<name STRING, email STRING>", 3, {}}}));
        const Asset unicode = sink.assets.value("acme-data.sales.kundenübersicht_日本");
        QVERIFY(unicode.physicalColumns);
        QCOMPARE(unicode.columns, (QList<Column> {{"größe", "FLOAT64", 1, {}}}));
        QCOMPARE(sink.observations, QStringList());
        QCOMPARE(sink.warnings, QStringList());
    }

    void jobs_data()
    {
        addForms();
    }
    void jobs()
    {
        QFETCH(int, form);
        CollectingSink sink;
        collect(jobRows(), Form(form), sink);
        // A window of activity reports under a source of its own: it never retires anything.
        QCOMPARE(sink.sources,
                 QStringList {"bigquery-jobs:acme-data:2024-03-01 08:00:00 UTC@2024-03-01T08:00:00.000Z"});
        QCOMPARE(sink.assets.keys(),
                 (QStringList {"acme-data.reporting.kpis", "acme-data.sales.customers", "acme-data.sales.orders",
                               "acme-data.sales.orders_daily", "acme-raw.stream.orders_stream"}));
        QCOMPARE(sink.assetCalls, 5); // each table once per file
        QCOMPARE(sink.assets.value("acme-raw.stream.orders_stream").database, "acme-raw");
        QCOMPARE(sink.sorted(sink.edges),
                 (QStringList {
                     "acme-data.sales.customers -> acme-data.sales.orders_daily",
                     "acme-data.sales.orders -> acme-data.sales.orders",
                     "acme-data.sales.orders -> acme-data.sales.orders_daily",
                     "acme-data.sales.orders_daily -> acme-data.reporting.kpis",
                     "acme-raw.stream.orders_stream -> acme-data.sales.orders",
                 }));
        QCOMPARE(
            sink.sorted(sink.runs),
            (QStringList {
                "acme-data.reporting.kpis job_g success -1 2024-03-01T07:30:00.000Z INSERT",
                "acme-data.sales.orders job_b success 120 2024-03-01T05:02:00.000Z MERGE by etl@acme.example",
                "acme-data.sales.orders job_e error 1 2024-03-01T06:10:01.000Z Syntax error: Unexpected end of script",
                "acme-data.sales.orders_daily job_a success 30.5 2024-03-01T06:00:30.500Z CREATE_TABLE_AS_SELECT by "
                "etl@acme.example",
            }));
        QCOMPARE(sink.sorted(sink.observations),
                 (QStringList {
                     "acme-data.sales.orders bytes_processed=2048 @2024-03-01T05:02:00.000Z",
                     "acme-data.sales.orders_daily bytes_processed=1048576 @2024-03-01T06:00:30.500Z",
                 }));
        QCOMPARE(sink.warnings.size(), 3);
        QCOMPARE(warningsMatching(sink, "1 jobs skipped: not DONE").size(), 1);
        QCOMPARE(warningsMatching(sink, "1 tables in anonymous").size(), 1);
        QCOMPARE(warningsMatching(sink, "1 jobs without a destination table").size(), 1);
    }

    // Without captured_at the newest time the file mentions stands in, with a warning.
    void noCapturedAt()
    {
        QList<QByteArray> rows = tablesRows();
        for (auto& row : rows)
            row.replace(j(", 'captured_at': '2024-03-01 08:00:00 UTC'"), "");
        CollectingSink sink;
        collect(rows, Form::Ndjson, sink);
        QCOMPARE(sink.sources, QStringList {"bigquery:acme-data@2024-03-01T08:00:00.000Z"}); // orders' last change
        QVERIFY(sink.observations.contains("acme-data.sales.orders row_count=1200 @2024-03-01T08:00:00.000Z"));
        QCOMPARE(warningsMatching(sink, "rows carry no captured_at").size(), 1);
    }

    void parseTimes_data();
    void parseTimes();

    void history();
    void jobsOnlyLineage();
};

void TestBigQuery::parseTimes_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");
    QTest::addRow("bq text") << QByteArray("'2024-03-01 06:00:00 UTC'") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("micros") << QByteArray("'2024-03-01 06:00:00.123456 UTC'") << "2024-03-01T06:00:00.123Z";
    QTest::addRow("iso z") << QByteArray("'2024-03-01T06:00:00Z'") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("offset") << QByteArray("'2024-03-01T08:00:00+02:00'") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("short offset") << QByteArray("'2024-03-01 06:00:00+00'") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("legacy seconds") << QByteArray("'1.7092728E9'") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("number") << QByteArray("1709272800") << "2024-03-01T06:00:00.000Z";
    QTest::addRow("garbage") << QByteArray("'yesterday'") << "-";
    QTest::addRow("bad date") << QByteArray("'2024-02-30 06:00:00'") << "-";
}

void TestBigQuery::parseTimes()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    // Through a job's end_time: the run result's time.
    const QByteArray row = j("{'job_id': 'x', 'creation_time': '2024-03-01 05:00:00 UTC', 'end_time': ") + j(value)
        + j(", 'state': 'DONE', 'statement_type': 'INSERT', 'destination_table': {'project_id': 'p', 'dataset_id': "
            "'d', 'table_id': 't'}, 'referenced_tables': [], 'captured_at': '2024-03-02 00:00:00 UTC'}");
    CollectingSink sink;
    collect({row}, Form::Ndjson, sink);
    QCOMPARE(sink.runs.size(), 1);
    const QString at = expected == u"-" ? QStringLiteral("2024-03-01T05:00:00.000Z") : expected;
    QVERIFY2(sink.runs[0].contains(u' ' + at + u' '), qPrintable(sink.runs[0]));
}

namespace {

QList<QByteArray> dayRows(int day, const QStringList& tables)
{
    QList<QByteArray> rows;
    const QByteArray at = QStringLiteral("2024-03-%1 06:00:00 UTC").arg(day, 2, 10, QLatin1Char('0')).toUtf8();
    int i = 0;
    for (const auto& t : tables) {
        ++i;
        rows.append(j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': '") + t.toUtf8()
                    + j("', 'creation_time': '1709251200000', 'last_modified_time': '")
                    + QByteArray::number(1709251200000LL + qint64(day) * 3600000) + j("', 'row_count': '")
                    + QByteArray::number(100 * i + day) + j("', 'size_bytes': '") + QByteArray::number(1000 * i + day)
                    + j("', 'type': '1', 'captured_at': '") + at + j("'}"));
    }
    return rows;
}

} // namespace

void TestBigQuery::history()
{
    // Three daily captures, one folder each, as the collector README lays them out. The third no
    // longer lists `legacy`: it is retired as of that snapshot, kept in history.
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws.sightline");
    ImportRunner runner(m_registry);
    const QStringList all {"orders", "returns", "legacy"};
    for (int day = 1; day <= 3; ++day) {
        const QString folder = dir.filePath(QStringLiteral("capture-2024-03-0%1").arg(day));
        QVERIFY(writeFile(folder + "/tables.json", render(dayRows(day, day < 3 ? all : all.mid(0, 2)), Form::Json)));
        QVERIFY(writeFile(folder + "/notes.txt", "not an export\n"));
        const auto report = runner.run(ws, {folder});
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 2);
        // Recognised files import first (by importOrder), the unrecognised notes.txt is listed last.
        QCOMPARE(report.files[0].format, "bigquery-metadata");
        QCOMPARE(report.files[0].version, "__TABLES__ JSON");
        QCOMPARE(report.files[0].assets, day < 3 ? 3 : 2);
        QCOMPARE(report.files[1].path, folder + "/notes.txt");
        QCOMPARE(report.files[1].skipped, "not a format Sightline reads");
        // The same capture again: nothing new.
        QCOMPARE(runner.run(ws, {folder}).outcome, ImportReport::Outcome::NothingNew);
    }
    auto workspace = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
    QStringList current;
    for (const auto& a : workspace->assets())
        current.append(a.key);
    current.sort();
    QCOMPARE(current, (QStringList {"acme-data.sales.orders", "acme-data.sales.returns"}));
    const auto legacy = workspace->asset("acme-data.sales.legacy");
    QVERIFY(legacy);
    QVERIFY(legacy->retired);
    QCOMPARE(workspace->snapshots().size(), 3);
    QCOMPARE(workspace->dataTime(), QDateTime(QDate(2024, 3, 3), QTime(6, 0), Qt::UTC));

    // One row_count observation per table per capture, at the capture time; legacy has two.
    auto series = [&workspace](const QString& key, const char* metric) {
        auto stmt = workspace->db().prepare(
            "SELECT o.at, o.value FROM observation o JOIN asset a ON a.id = o.asset_id WHERE a.key = ?1 AND "
            "o.metric = ?2 AND o.column_name = '' ORDER BY o.at");
        stmt.bind(1, key).bind(2, QString::fromLatin1(metric));
        QStringList out;
        while (stmt.step())
            out.append(iso(fromStoredTime(stmt.int64(0))) + u'=' + num(stmt.real(1)));
        return out;
    };
    QCOMPARE(
        series("acme-data.sales.orders", "row_count"),
        (QStringList {"2024-03-01T06:00:00.000Z=101", "2024-03-02T06:00:00.000Z=102", "2024-03-03T06:00:00.000Z=103"}));
    QCOMPARE(
        series("acme-data.sales.returns", "row_count"),
        (QStringList {"2024-03-01T06:00:00.000Z=201", "2024-03-02T06:00:00.000Z=202", "2024-03-03T06:00:00.000Z=203"}));
    QCOMPARE(series("acme-data.sales.legacy", "row_count"),
             (QStringList {"2024-03-01T06:00:00.000Z=301", "2024-03-02T06:00:00.000Z=302"}));
    QCOMPARE(series("acme-data.sales.orders", "size_bytes").size(), 3);
    QCOMPARE(series("acme-data.sales.orders", "last_modified"),
             (QStringList {"2024-03-01T06:00:00.000Z=1709254800000", "2024-03-02T06:00:00.000Z=1709258400000",
                           "2024-03-03T06:00:00.000Z=1709262000000"}));
    QCOMPARE(workspace->db().queryInt("SELECT count(*) FROM observation"), 3 * 3 + 3 * 3 + 3 * 2);
}

void TestBigQuery::jobsOnlyLineage()
{
    // JOBS alone (no dbt) answer "which tables feed X"; a later JOBS window that no longer
    // mentions a job retires nothing, and neither does a __TABLES__ capture of the project.
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws.sightline");
    ImportRunner runner(m_registry);
    const QString jobs = dir.filePath("day1/jobs.ndjson");
    QVERIFY(writeFile(jobs, render(jobRows(), Form::Ndjson)));
    auto report = runner.run(ws, {dir.filePath("day1")});
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(report.files[0].assets, 5);
    QCOMPARE(report.files[0].edges, 5);

    auto feeding = [&ws](const QString& key) {
        auto workspace = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        QStringList from;
        for (const auto& e : workspace->edges()) {
            if (e.to == key)
                from.append(e.from);
        }
        from.sort();
        return from;
    };
    QCOMPARE(feeding("acme-data.sales.orders_daily"),
             (QStringList {"acme-data.sales.customers", "acme-data.sales.orders"}));
    QCOMPARE(feeding("acme-data.sales.orders"),
             (QStringList {"acme-data.sales.orders", "acme-raw.stream.orders_stream"}));
    {
        // Run results per job, the failed one included (its table is known from other jobs).
        auto workspace = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        auto stmt = workspace->db().prepare(
            "SELECT a.key, r.kind, r.name, r.status, r.at, r.duration, r.message FROM run_result r JOIN asset a ON "
            "a.id = r.asset_id ORDER BY r.name");
        QStringList runs;
        while (stmt.step()) {
            runs.append(QStringList {stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3),
                                     iso(fromStoredTime(stmt.int64(4))), stmt.text(5), stmt.text(6)}
                            .join(u'|'));
        }
        QCOMPARE(runs,
                 (QStringList {
                     "acme-data.sales.orders_daily|run|job_a|success|2024-03-01T06:00:30.500Z|30.5|"
                     "CREATE_TABLE_AS_SELECT by etl@acme.example",
                     "acme-data.sales.orders|run|job_b|success|2024-03-01T05:02:00.000Z|120.0|MERGE by "
                     "etl@acme.example",
                     "acme-data.sales.orders|run|job_e|error|2024-03-01T06:10:01.000Z|1.0|Syntax error: "
                     "Unexpected end of script",
                     "acme-data.reporting.kpis|run|job_g|success|2024-03-01T07:30:00.000Z||INSERT",
                 }));
        QCOMPARE(workspace->db().queryInt("SELECT count(*) FROM observation WHERE metric = 'bytes_processed'"), 2);
    }

    // The next day's window: one other job only.
    const QByteArray next =
        j("{'job_id': 'job_z', 'project_id': 'acme-data', 'creation_time': '2024-03-02 06:00:00 UTC', "
          "'end_time': '2024-03-02 06:00:05 UTC', 'state': 'DONE', 'statement_type': 'INSERT', "
          "'destination_table': {'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': "
          "'customers'}, 'referenced_tables': [{'project_id': 'acme-raw', 'dataset_id': 'crm', "
          "'table_id': 'contacts'}], 'captured_at': '2024-03-02 08:00:00 UTC'}");
    QVERIFY(writeFile(dir.filePath("day2/jobs.json"), render({next}, Form::Json)));
    QVERIFY(writeFile(dir.filePath("day2/tables.json"), render(dayRows(2, {"orders"}), Form::Json)));
    report = runner.run(ws, {dir.filePath("day2")});
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(feeding("acme-data.sales.orders_daily"),
             (QStringList {"acme-data.sales.customers", "acme-data.sales.orders"}));
    QCOMPARE(feeding("acme-data.sales.customers"), QStringList {"acme-raw.crm.contacts"});
    auto workspace = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
    QCOMPARE(workspace->counts().retiredAssets, 0);
    QCOMPARE(workspace->edges().size(), 6);
}

QTEST_GUILESS_MAIN(TestBigQuery)
#include "tst_bigquery.moc"
