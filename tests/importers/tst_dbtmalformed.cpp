#include "collectingsink.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "testutil.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using test::j;

namespace {

const QString kJaffleV7 =
    QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v7__jaffle_shop__manifest.json");

const QByteArray kHead = j("{'metadata': {'dbt_schema_version': 'https://schemas.getdbt.com/dbt/manifest/v12.json', "
                           "'project_name': 'p', 'adapter_type': 'duckdb'},\n"
                           "");

} // namespace

// Malformed input: a clear error naming the file, the place and the reason, and a workspace
// whose content is exactly what it was (compared as SQLite's dump of every table).
class TestDbtMalformed : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "dbt-manifest");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void rejected_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("place"); // ":line:column:" after the file name, empty if none
        QTest::addColumn<QString>("reason");

        QTest::addRow("truncated") << test::truncatedCopy(kJaffleV7) << ":1:"
                                   << "invalid JSON: unexpected end of file (is it truncated?)";
        QTest::addRow("nodes is an array") << kHead
                + j(" 'nodes': [\n"
                    "  {'resource_type': 'model', 'name': 'm'}]}")
                                           << ":3:3:"
                                           << "/nodes: expected an object, found an array";
        QTest::addRow("columns is a string") << kHead
                + j(" 'nodes': {\n"
                    "  'model.p.m': {'resource_type': 'model', 'name': 'm', 'database': 'd', 'schema': 's', 'columns': "
                    "'oops'}}}") << ":3:3:"
                                             << "/nodes/model.p.m/columns: expected an object, found a string";
        QTest::addRow("config is a list") << kHead
                + j(" 'nodes': {'model.p.a': {'resource_type': 'model', 'name': 'a', 'schema': 's'},\n"
                    "  'model.p.m': {'resource_type': 'model', 'name': 'm', 'config': [1]}}}")
                                          << ":3:3:"
                                          << "/nodes/model.p.m/config: expected an object, found an array";
        QTest::addRow("a column is a number") << kHead
                + j(" 'sources': {'source.p.s.t': {'resource_type': 'source', 'name': 't', 'schema': 's', 'columns': "
                    "{'c': 5}}}}") << ":2:14:"
                                              << "/sources/source.p.s.t/columns/c: expected an object, found a number";
        QTest::addRow("node is a string") << kHead + j(" 'nodes': {'model.p.m': 'model'}}") << ":2:12:"
                                          << "/nodes/model.p.m: expected an object, found a string";
        QTest::addRow("parent_map entry is a string")
            << kHead + j(" 'nodes': {}, 'parent_map': {'model.p.m': 'model.p.x'}}") << ":2:30:"
            << "/parent_map/model.p.m: expected an array, found a string";
        QTest::addRow("garbage in a node") << kHead + " \"nodes\": {\"model.p.a\": tru}}"
                                           << ":2:28:"
                                           << "invalid JSON while parsing a value: invalid literal";
        // Tests are stepped over unparsed, but still checked for valid literals.
        QTest::addRow("garbage in a test") << kHead + " \"nodes\": {\"test.p.a\": tru}}"
                                           << ":2:24:"
                                           << "invalid JSON: invalid literal \"tru\"";
        QTest::addRow("trailing data") << kHead + " \"nodes\": {}} {}"
                                       << ":2:15:"
                                       << "invalid JSON while parsing a value: unexpected '{'; expected end of input";
        QTest::addRow("too deep") << kHead + " \"macros\": " + QByteArray(600, '[') + QByteArray(600, ']') + "}"
                                  << ":2:523:"
                                  << "nesting deeper than 512 levels is not supported";
        QTest::addRow("empty file") << QByteArray() << ""
                                    << "empty file";
        QTest::addRow("blank file") << QByteArray("  \n\n ") << ""
                                    << "empty file";
        QTest::addRow("not JSON") << QByteArray("id,name\n1,looks like csv\n") << ""
                                  << "not a format Sightline reads";
    }

    void rejected()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, place);
        QFETCH(QString, reason);
        QVERIFY(!content.isNull() || qstrcmp(QTest::currentDataTag(), "truncated") != 0);

        QTemporaryDir dir;
        test::checkRejectedAfter(m_registry, dir, {test::sharedData(kJaffleV7)}, QStringLiteral("bad manifest.json"),
                                 content, place, reason);
    }

    // Without detection in front (a caller that forces the format), the importer itself still
    // names the place.
    void directImport_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::addRow("empty") << QByteArray() << "x.json:1:1: the file is empty";
        QTest::addRow("not JSON") << QByteArray("id,name\n")
                                  << "x.json:1:1: invalid JSON while parsing a value: invalid literal; last read: 'i'";
        QTest::addRow("top-level array") << QByteArray("\n [1]")
                                         << "x.json:2:2: expected a JSON object at the top level";
        QTest::addRow("catalog") << QByteArray(
            j("{'metadata': {'dbt_schema_version': 'https://schemas.getdbt.com/dbt/catalog/v1.json'}}"))
                                 << "x.json:1:2: /metadata/dbt_schema_version: not a dbt manifest "
                                    "(\"https://schemas.getdbt.com/dbt/catalog/v1.json\")";
    }

    void directImport()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        test::CollectingSink sink;
        QString path;
        const QString error =
            test::importContent(*m_registry.byFormat("dbt-manifest"), QStringLiteral("x.json"), content, sink, &path);
        QCOMPARE(error, QFileInfo(path).path() + u'/' + message);
    }

    void cancelLeavesWorkspaceUnchanged()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        QCOMPARE(runner.run(wsPath, {test::sharedData(kJaffleV7)}).outcome, ImportReport::Outcome::Imported);
        const QString before = test::dumpWorkspace(wsPath);
        // The 4 MB file passes its first progress checkpoint (1 MB) while parsing.
        qint64 lastProgress = 0;
        bool cancel = false;
        const auto report = runner.run(
            wsPath, {test::sharedData("fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json")},
            [&](qint64 done, qint64, const QString&) {
                lastProgress = done;
                cancel = done > 0;
            },
            [&] { return cancel; });
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        // Cancellation reaches the parsing thread asynchronously: it may finish the file first,
        // but nothing is committed either way.
        QVERIFY(lastProgress >= 1 << 20);
        QCOMPARE(test::dumpWorkspace(wsPath), before);
    }
};

QTEST_GUILESS_MAIN(TestDbtMalformed)
#include "tst_dbtmalformed.moc"
