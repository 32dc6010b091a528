#include "importtestutil.h"
#include "olnaming.h"
#include "oltime.h"
#include "openlineagefixtures.h"

#include <QTest>

using namespace sightline;
using test::fileHead;
using test::j;
using test::kMarquez;
using test::ndjsonFixture;
using test::utc;

// OpenLineage names and times as the importer reads them (dataset identities, job keys, event
// times with their offsets), and detection of run events by the first bytes of a file.
class TestOpenLineageNaming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void datasetNaming_data();
    void datasetNaming();
    void eventTime_data();
    void eventTime();
    void detection_data();
    void detection();

private:
    test::OpenLineagePlugin m_plugin;
};

void TestOpenLineageNaming::initTestCase()
{
    const QString problem = m_plugin.load();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestOpenLineageNaming::datasetNaming_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("platform");
    QTest::addColumn<bool>("relation");

    QTest::addRow("bigquery") << "bigquery"
                              << "your-project.jaffle_shop.Customers"
                              << "your-project.jaffle_shop.customers"
                              << "bigquery" << true;
    QTest::addRow("bigquery domain project") << "bigquery"
                                             << "example.com:proj.ds.t"
                                             << "example.com:proj.ds.t"
                                             << "bigquery" << true;
    QTest::addRow("bigquery two parts") << "bigquery"
                                        << "ds.t"
                                        << "openlineage:dataset:bigquery/ds.t"
                                        << "bigquery" << false;
    QTest::addRow("snowflake") << "snowflake://myorg-account1"
                               << "ALGORAND_DEV.CORE.EZ_BLOCK"
                               << "algorand_dev.core.ez_block"
                               << "snowflake" << true;
    QTest::addRow("postgres") << "postgres://db.example.com:5432"
                              << "pagila.public.country"
                              << "pagila.public.country"
                              << "postgres" << true;
    QTest::addRow("postgresql") << "postgresql://h:5432"
                                << "d.s.t"
                                << "d.s.t"
                                << "postgres" << true;
    QTest::addRow("postgres two parts") << "postgres://h:5432"
                                        << "public.menus"
                                        << "openlineage:dataset:postgres://h:5432/public.menus"
                                        << "postgres" << false;
    QTest::addRow("redshift") << "redshift://cluster.eu-west-1:5439"
                              << "dev.public.sales"
                              << "dev.public.sales"
                              << "redshift" << true;
    QTest::addRow("trino") << "trino://trino:8080"
                           << "hive.default.t"
                           << "hive.default.t"
                           << "trino" << true;
    QTest::addRow("athena") << "awsathena://athena.us-east-1.amazonaws.com"
                            << "AwsDataCatalog.db.t"
                            << "awsdatacatalog.db.t"
                            << "athena" << true;
    QTest::addRow("hive") << "hive://metastore:9083"
                          << "warehouse.events"
                          << "warehouse.events"
                          << "hive" << true;
    QTest::addRow("mysql") << "mysql://h:3306"
                           << "shop.orders"
                           << "shop.orders"
                           << "mysql" << true;
    QTest::addRow("s3") << "s3://lake"
                        << "raw/orders.parquet"
                        << "openlineage:dataset:s3://lake/raw/orders.parquet"
                        << "s3" << false;
    QTest::addRow("s3a") << "s3a://lake"
                         << "x"
                         << "openlineage:dataset:s3a://lake/x"
                         << "s3" << false;
    QTest::addRow("gcs") << "gs://bucket"
                         << "path/file.csv"
                         << "openlineage:dataset:gs://bucket/path/file.csv"
                         << "gs" << false;
    QTest::addRow("kafka") << "kafka://broker:9092"
                           << "orders"
                           << "openlineage:dataset:kafka://broker:9092/orders"
                           << "kafka" << false;
    QTest::addRow("local file") << "file"
                                << "/data/x.csv"
                                << "openlineage:dataset:file//data/x.csv"
                                << "file" << false;
    QTest::addRow("no scheme (Marquez seed)") << "food_delivery"
                                              << "public.menus"
                                              << "openlineage:dataset:food_delivery/public.menus" << QString() << false;
    QTest::addRow("unicode") << "my-datasource-namespace"
                             << "instance.schema.données"
                             << "openlineage:dataset:my-datasource-namespace/instance.schema.données" << QString()
                             << false;
    QTest::addRow("empty part") << "snowflake://a"
                                << "db..t"
                                << "openlineage:dataset:snowflake://a/db..t"
                                << "snowflake" << false;
}

void TestOpenLineageNaming::datasetNaming()
{
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QFETCH(QString, key);
    QFETCH(QString, platform);
    QFETCH(bool, relation);
    const auto id = openlineage::datasetIdentity(ns, name);
    QCOMPARE(id.key, key);
    QCOMPARE(id.platform, platform);
    QCOMPARE(id.relation, relation);
    QCOMPARE(openlineage::jobKey(u"food_delivery", u"etl_menus"),
             QStringLiteral("openlineage:job:food_delivery/etl_menus"));
}

void TestOpenLineageNaming::eventTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::addRow("Z") << "2020-12-28T19:51:01.641Z" << utc("2020-12-28T19:51:01.641Z");
    QTest::addRow("+10:00 (event_unicode.json)") << "2020-12-28T19:52:00.001+10:00" << utc("2020-12-28T09:52:00.001Z");
    QTest::addRow("-05:30") << "2024-01-01T00:00:00-05:30" << utc("2024-01-01T05:30:00Z");
    QTest::addRow("nanoseconds") << "2024-03-01T06:00:00.123456789Z" << utc("2024-03-01T06:00:00.123Z");
    QTest::addRow("no offset is UTC") << "2024-03-01T06:00:00" << utc("2024-03-01T06:00:00Z");
    QTest::addRow("+0200") << "2024-03-01T08:00:00+0200" << utc("2024-03-01T06:00:00Z");
    QTest::addRow("not a time") << "yesterday" << QDateTime();
    QTest::addRow("bad month") << "2024-13-01T00:00:00Z" << QDateTime();
    QTest::addRow("bad offset") << "2024-01-01T00:00:00+25:00" << QDateTime();
}

void TestOpenLineageNaming::eventTime()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QCOMPARE(openlineage::parseEventTime(text), expected);
}

void TestOpenLineageNaming::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("maximum");

    QTest::addRow("event_full") << fileHead(
        test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_full.json"))
                                << 100 << 100;
    // "job" lies 120 KB into the file, beyond the head: still confident.
    QTest::addRow("event_large") << fileHead(
        test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_large.json"))
                                 << 90 << 90;
    QTest::addRow("event_unicode") << fileHead(
        test::sharedData(kMarquez + "api__src__test__resources__open_lineage__event_unicode.json"))
                                   << 100 << 100;
    QTest::addRow("marquez seed (array)")
        << fileHead(test::sharedData(kMarquez + "docker__metadata.json")) << 100 << 100;
    QTest::addRow("ndjson") << ndjsonFixture() << 100 << 100;
    QTest::addRow("dbt manifest") << fileHead(
        test::sharedData("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v10__jaffle_shop__manifest.json"))
                                  << 0 << 0;
    QTest::addRow("empty array") << QByteArray("[]") << 0 << 0;
    QTest::addRow("array of numbers") << QByteArray("[1, 2]") << 0 << 0;
    QTest::addRow("other events") << j("{'eventTime': '2024-01-01T00:00:00Z', 'user': 'x', 'action': 'login'}") << 0
                                  << 0;
    // Shaped like a run event, but nothing names OpenLineage: not greedy, but still a match.
    QTest::addRow("shape only") << j("{'eventTime': '2024-01-01T00:00:00Z', 'run': {}, 'job': {}}") << 65 << 65;
}

void TestOpenLineageNaming::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(int, minimum);
    QFETCH(int, maximum);
    const Detection d = m_plugin.importer()->detect(head);
    QVERIFY2(d.confidence >= minimum && d.confidence <= maximum, qPrintable(QString::number(d.confidence)));
}

QTEST_GUILESS_MAIN(TestOpenLineageNaming)
#include "tst_openlineagenaming.moc"
