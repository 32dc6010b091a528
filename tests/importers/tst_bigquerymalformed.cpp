#include "bqfixtures.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using namespace sightline::test::bq;

namespace {

QByteArray tableRow(const QByteArray& tableIdJson, const QByteArray& extra = {})
{
    return j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': ") + tableIdJson
        + j(", 'row_count': '5', 'size_bytes': '10', 'last_modified_time': '1709251200000', 'type': '1'") + extra
        + j(", 'captured_at': '2024-03-01 08:00:00 UTC'}");
}

QByteArray jobRow(const QByteArray& destination, const QByteArray& referenced)
{
    return j("{'job_id': 'j1', 'creation_time': '2024-03-01 06:00:00 UTC', 'end_time': '2024-03-01 06:00:01 UTC', "
             "'state': 'DONE', 'statement_type': 'INSERT', 'destination_table': ")
        + destination + j(", 'referenced_tables': ") + referenced + "}";
}

const QByteArray kDest = j("{'project_id': 'p', 'dataset_id': 'd', 'table_id': 't'}");

} // namespace

// Malformed BigQuery exports: a clear error naming the file, the place and the reason, and a
// workspace whose content is exactly what it was.
class TestBigQueryMalformed : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "bigquery-metadata");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("place"); // ":line:" after the file name, empty if none
        QTest::addColumn<QString>("reason");

        const QByteArray jobs = render(jobRows(), Form::PrettyJson);
        QTest::addRow("truncated in a row") << jobs.left(jobs.size() * 6 / 10) << ":"
                                            << "the file ends in the middle of a row (truncated?)";
        const QByteArray tables = render(tablesRows(), Form::Json);
        QTest::addRow("truncated after a row") << tables.left(tables.indexOf("},{") + 1) << ":1:"
                                               << "the array of rows is not closed (truncated?)";
        QTest::addRow("table_id is an object") << '[' + tableRow(j("{'a': 1}")) + ']' << ":1:2:"
                                               << "table_id: expected a string, found object";
        QTest::addRow("destination is a string") << jobRow(j("'p.d.t'"), "[]") << ":1:1:"
                                                 << "destination_table: expected an object, found string";
        QTest::addRow("referenced_tables is an object") << jobRow(kDest, kDest) << ":1:1:"
                                                        << "referenced_tables: expected an array, found object";
        QTest::addRow("a reference is a number") << jobRow(kDest, "[1]") << ":1:1:"
                                                 << "a table reference is not an object";
        QTest::addRow("huge string") << '[' + tableRow("\"a\"") + ",\n" + tableRow('"' + QByteArray(9 << 20, 'x') + '"')
                + ']' << ":2:1:"
                                     << "a row of more than 8388608 bytes is not supported";
        QTest::addRow("deep nesting") << jobRow(kDest, QByteArray(40, '[') + QByteArray(40, ']')) << ":1:"
                                      << "nesting deeper than 32 levels is not supported";
        QTest::addRow("invalid UTF-8") << '[' + tableRow("\"bad\xff\xfe\"") + ']' << ":1:"
                                       << "ill-formed UTF-8";
        QTest::addRow("missing comma") << '[' + tableRow("\"a\"") + ' ' + tableRow("\"b\"") + ']' << ":1:"
                                       << "expected ',' or ']' after a row";
        QTest::addRow("trailing content") << '[' + tableRow("\"a\"") + "] x"
                                          << ":1:"
                                          << "unexpected content after the array of rows";
        QTest::addRow("a line is not an object") << tableRow("\"a\"") + "\n[1]\n"
                                                 << ":2:1:"
                                                 << "expected a row (a JSON object)";
        QTest::addRow("bad literal") << tableRow("\"a\"") + "\n" + tableRow("tru") << ":2:"
                                     << "invalid JSON";
        QTest::addRow("empty array") << QByteArray("[]") << ""
                                     << "not a format Sightline reads";
        QTest::addRow("empty file") << QByteArray() << ""
                                    << "empty file";
    }

    void rejected()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, place);
        QFETCH(QString, reason);

        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath("good/jobs.json"), render(jobRows(), Form::Json)));
        test::checkRejectedAfter(m_registry, dir, {dir.filePath("good")}, QStringLiteral("bad export.json"), content,
                                 place, reason);
    }

    // Forced past detection, the importer itself refuses what is not an export.
    void forced_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::addRow("empty array") << QByteArray("[ ]") << "the export has no rows";
        QTest::addRow("other rows") << j("[{'id': '1'}]") << "not a BigQuery metadata export";
        QTest::addRow("scalar") << QByteArray("42") << "expected a JSON array of rows or one JSON object per line";
    }

    void forced()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString file = dir.filePath("x.json");
        QVERIFY(writeFile(file, content));
        struct Null : ImportSink
        {
            void beginSource(const QString&, const QDateTime&) override { }
            void asset(const Asset&) override { }
            void edge(const QString&, const QString&) override { }
            void warning(const QString&) override { }
        } sink;
        ImportContext ctx;
        ctx.path = file;
        try {
            m_registry.byFormat("bigquery-metadata")->import(ctx, sink);
            QFAIL("no error");
        } catch (const ImportError& e) {
            QVERIFY2(e.message().startsWith(file + u':'), qPrintable(e.message()));
            QVERIFY2(e.message().contains(reason), qPrintable(e.message()));
        }
    }

    // Values that are not numbers are skipped with a counted warning; the rest imports.
    void badNumbersWarn()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const QByteArray rows = tableRow("\"a\"") + "\n"
            + j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'b', 'row_count': 'many', "
                "'size_bytes': true, 'last_modified_time': '1709251200000', 'type': '1', 'captured_at': "
                "'2024-03-01 08:00:00 UTC'}\n");
        QVERIFY(writeFile(dir.filePath("t.ndjson"), rows));
        ImportRunner runner(m_registry);
        const auto report = runner.run(wsPath, {dir.filePath("t.ndjson")});
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files[0].assets, 2);
        QCOMPARE(report.files[0].warnings, QStringList {"1 values skipped: not a number (first at line 2)"});
    }
};

QTEST_GUILESS_MAIN(TestBigQueryMalformed)
#include "tst_bigquerymalformed.moc"
