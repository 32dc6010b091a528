#include "collectingsink.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "openlineagefixtures.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using test::CollectingSink;
using test::j;
using test::kMarquez;
using test::writeFile;

// Bad OpenLineage input: files rejected with a clear error and the workspace left as it was,
// damaged events skipped with warnings, and the bounds and cancellation on a large log.
class TestOpenLineageMalformed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rejected_data();
    void rejected();
    void damagedEventsAreWarnings();
    void manyEventsAndCancel();

private:
    test::OpenLineagePlugin m_plugin;
};

void TestOpenLineageMalformed::initTestCase()
{
    const QString problem = m_plugin.load();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestOpenLineageMalformed::rejected_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");

    const QByteArray event = j("{'eventType': 'COMPLETE', 'eventTime': '2024-01-01T00:00:00Z', "
                               "'run': {'runId': '11111111-2222-4333-8444-555555555555'}, "
                               "'job': {'namespace': 'n', 'name': 'j', 'facets': {'documentation': {'description': "
                               "'DESC'}}}, 'producer': 'https://openlineage.io'}");

    QTest::addRow("truncated") << test::truncatedCopy(kMarquez + "docker__metadata.json")
                               << "invalid JSON: unexpected end of file (is it truncated?)";
    QTest::addRow("wrong types") << j("[{'eventType': 'COMPLETE', 'eventTime': 5, 'run': {'runId': 'x'}, "
                                      "'job': {'namespace': 'n', 'name': 'j'}, 'producer': 'openlineage'},\n"
                                      " {'eventType': 'COMPLETE', 'eventTime': '2024-01-01T00:00:00Z', 'run': {}, "
                                      "'job': 'j', 'producer': 'openlineage'}]")
                                 << "none of the 2 run events is usable; the first: line 1: /0/eventTime: expected a "
                                    "string, found a number";
    QTest::addRow("huge string") << QByteArray(event).replace("DESC", QByteArray(17 << 20, 'x'))
                                 << "a string of 17825792 bytes exceeds the limit of 16777216 bytes";
    QTest::addRow("deep nesting") << QByteArray(event).replace("\"DESC\"",
                                                               QByteArray(QByteArray(600, '[') + QByteArray(600, ']')))
                                  << "nesting deeper than 512 levels is not supported";
    QTest::addRow("invalid UTF-8") << QByteArray(event).replace("\"name\": \"j\"", "\"name\": \"j\xff\"") << "UTF-8";
    QTest::addRow("not an event") << j("[{'eventTime': '2024-01-01T00:00:00Z', 'run': {}, 'job': {}}, 42]")
                                  << "expected an OpenLineage run event (a JSON object), found a number";
    QTest::addRow("empty array") << QByteArray("[]") << "no OpenLineage run events in the file";
    QTest::addRow("empty file") << QByteArray("\n") << "the file is empty";
}

// Bad input: a clear error from the importer, and a workspace the runner leaves exactly as it was
// (compared as SQLite's dump of every table).
void TestOpenLineageMalformed::rejected()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    const QString path = dir.filePath("bad.json");
    QVERIFY(writeFile(path, content));
    CollectingSink sink;
    try {
        m_plugin.collect(path, sink);
        QFAIL("no error");
    } catch (const ImportError& e) {
        QVERIFY2(e.message().contains(reason), qPrintable(e.message()));
        QVERIFY2(e.message().startsWith(path), qPrintable(e.message()));
    }

    const QString wsPath = dir.filePath("ws.sightline");
    const auto seeded =
        ImportRunner(m_plugin.registry())
            .run(wsPath, {test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_unicode.json")});
    QVERIFY2(seeded.outcome == ImportReport::Outcome::Imported, qPrintable(seeded.error));
    const QString before = test::dumpWorkspace(wsPath);
    const auto report = ImportRunner(m_plugin.registry()).run(wsPath, {path});
    QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
    // Detected and failed with the reason, or (an empty array or file is nobody's format) not
    // recognised at all.
    if (m_plugin.importer()->detect(content.left(64 * 1024)).confidence > 0)
        QVERIFY2(report.error.contains(reason), qPrintable(report.error));
    QCOMPARE(test::dumpWorkspace(wsPath), before);
}

// Events that cannot be used are skipped with a warning naming the line and the field; the rest
// of the file is imported.
void TestOpenLineageMalformed::damagedEventsAreWarnings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("events.ndjson");
    QVERIFY(writeFile(path,
                      j("{'eventType': 'COMPLETE', 'eventTime': '2024-01-01T00:00:00Z', 'run': {'runId': "
                        "'11111111-2222-4333-8444-555555555555'}, 'job': {'namespace': 'n', 'name': 'good'}, "
                        "'inputs': [5, {'namespace': 'n'}, {'namespace': 'bigquery', 'name': 'p.d.t', 'facets': "
                        "{'schema': 'oops'}}], 'producer': 'p'}\n"
                        "{'eventType': 'COMPLETE', 'eventTime': '2024-01-01T00:00:00Z', 'run': {'runId': "
                        "'11111111-2222-4333-8444-555555555556'}, 'job': {'namespace': 'n'}, 'producer': 'p'}\n"
                        "{'eventType': 'COMPLETE', 'eventTime': 'tomorrow', 'run': {'runId': "
                        "'11111111-2222-4333-8444-555555555557'}, 'job': {'namespace': 'n', 'name': 'x'}, "
                        "'producer': 'p'}\n")));
    CollectingSink sink;
    m_plugin.collect(path, sink);
    QCOMPARE(sink.assets.size(), 2); // the good job and p.d.t
    QVERIFY(sink.asset("p.d.t"));
    QCOMPARE(sink.edges, (QList<Edge> {{"p.d.t", "openlineage:job:n/good"}}));
    const QStringList expected = {
        "line 1, event 1 at /inputs/0: expected a dataset object, found a number (skipped)",
        "line 1, event 1 at /inputs/1: a dataset without name (skipped)",
        "line 1, event 1 at /inputs/2/facets/schema: expected an object, found a string (skipped)",
        "line 2, event 2 at /job/name: missing or not a string (event skipped)",
        "line 3, event 3 at /eventTime: not a time: tomorrow (event skipped)",
    };
    QCOMPARE(sink.warnings, expected);
}

// 5,000 runs of 50 jobs (about 4 MB of NDJSON), one with a 12,000-column schema: counts,
// the column bound, time, and cancellation (checked about every megabyte).
void TestOpenLineageMalformed::manyEventsAndCancel()
{
    QByteArray wide = "{'name': 'c0', 'type': 'INT64'}";
    for (int c = 1; c < 12000; ++c)
        wide += ", {'name': 'c" + QByteArray::number(c) + "', 'type': 'INT64'}";
    QByteArray content;
    for (int i = 0; i < 5000; ++i) {
        const QByteArray job = QByteArray::number(i % 50);
        const QByteArray schema = i == 0 ? wide : "{'name': 'id', 'type': 'INT64'}";
        content += j("{'eventType': 'COMPLETE', 'eventTime': '2024-01-01T00:00:00Z', "
                     "'run': {'runId': '11111111-2222-4333-8444-555555555555'}, "
                     "'job': {'namespace': 'ns', 'name': 'job")
            + job + j("'}, 'inputs': [{'namespace': 'bigquery', 'name': 'p.d.in") + job
            + j("'}], 'outputs': [{'namespace': 'bigquery', 'name': 'p.d.out") + job
            + j("', 'facets': {'schema': {'fields': [") + j(schema.constData())
            + j("]}}, 'outputFacets': {'outputStatistics': {'rowCount': ") + QByteArray::number(i)
            + j("}}}], 'producer': 'https://openlineage.io'}\n");
    }
    QTemporaryDir dir;
    const QString path = dir.filePath("many.ndjson");
    QVERIFY(writeFile(path, content));
    QVERIFY(content.size() > 2 << 20);

    CollectingSink sink;
    QElapsedTimer timer;
    timer.start();
    m_plugin.collect(path, sink);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(sink.count(AssetKind::Job), 50);
    QCOMPARE(sink.count(AssetKind::Table), 100);
    QCOMPARE(sink.edges.size(), 100);
    // One row count per output, all at the same time: the last event of each job wins.
    QCOMPARE(sink.observations.size(), 50);
    QCOMPARE(sink.findObservation("p.d.out0", {}, "row_count")->value, 4950.0);
    QCOMPARE(sink.resultsOf(RunResult::Kind::Run).size(), 5000);
    // The newest event with a schema gives the columns: event 4950's single column.
    QCOMPARE(sink.asset("p.d.out0")->columns.size(), 1);
    QCOMPARE(sink.warnings.size(), 1);
    QVERIFY2(sink.warnings[0].contains("more than 10000 columns"), qPrintable(sink.warnings[0]));

    ImportContext context;
    context.path = path;
    int checks = 0;
    context.cancelled = [&checks] { return ++checks >= 2; };
    CollectingSink cancelledSink;
    QVERIFY_THROWS_EXCEPTION(ImportCancelled, m_plugin.importer()->import(context, cancelledSink));
    QCOMPARE(cancelledSink.assets.size(), 0); // nothing is written before the whole file is read
}

QTEST_GUILESS_MAIN(TestOpenLineageMalformed)
#include "tst_openlineagemalformed.moc"
