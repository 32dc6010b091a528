#include "collectingsink.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace sightline;
using test::utc;

namespace {

const char kFlipside[] = "FlipsideCrypto__axelar-models";

// The Flipside catalogs in the order they were generated (two files of 2022-10-13 were
// committed in the other order than they were produced).
QStringList flipsideCatalogs()
{
    const QDir dir(test::sharedData(QString::fromLatin1(kFlipside)));
    QStringList files = dir.entryList({"docs__catalog@*.json"}, QDir::Files, QDir::Name);
    std::swap(files[4], files[5]); // 2022-10-13_dc14134f (13:23) before 2022-10-13_8fa7c375 (13:46)
    for (auto& f : files)
        f = dir.filePath(f);
    return files;
}

// One node whose relation is named text.
QByteArray nodeWith(const QByteArray& text)
{
    return "{\"model.p.m\": {\"metadata\": {\"type\": \"table\", \"database\": \"d\", \"schema\": \"s\", \"name\": \""
        + text + "\"}}}";
}

} // namespace

// The catalog.json importer on every catalog in ../shared/data. Expected numbers from python3:
// json.load, nodes then sources in file order, one relation per lower-cased
// database.schema.name (the first entry wins), kind view when metadata.type contains "view",
// observations for stats num_rows/row_count/rows, num_bytes/bytes/size, last_modified whose
// value is not null; samples printed by the same script and copied.
class TestDbtCatalog : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "dbt-catalog");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void realCatalog_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QDateTime>("generatedAt");
        QTest::addColumn<int>("assets");
        QTest::addColumn<QString>("kinds");
        QTest::addColumn<QString>("metrics");
        QTest::addColumn<QString>("sampleKey");
        QTest::addColumn<QString>("sampleKind");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<int>("columnCount");
        QTest::addColumn<QString>("firstColumns"); // "NAME TYPE, NAME TYPE"
        QTest::addColumn<double>("rows"); // -1: none
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QDateTime>("lastModified"); // invalid: none

        const QString f = QString::fromLatin1(kFlipside) + QStringLiteral("/docs__catalog@");
        // Sources of other databases only, in the first Flipside file: its scope is where most
        // of them live.
        QTest::addRow("flipside 2022-07-05")
            << f + "2022-07-05_a09a2464.json"
            << "dbt-catalog:ethereum" << utc("2022-06-29T20:57:29.143Z") << 37 << "table=12 view=25"
            << "last_modified=11 row_count=11 size_bytes=12"
            << "ethereum.core.ez_token_transfers"
            << "table"
            << "snowflake" << 19 << "BLOCK_NUMBER NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 967901700.0
            << 127480908800.0 << utc("2022-06-29T20:35:00Z");
        QTest::addRow("flipside 2022-07-20")
            << f + "2022-07-20_e1f1cb43.json"
            << "dbt-catalog:algorand_dev" << utc("2022-07-13T20:35:21.225Z") << 53 << "table=46 view=7"
            << "last_modified=46 row_count=46 size_bytes=46"
            << "algorand_dev.core.dim_transaction_type"
            << "table"
            << "snowflake" << 4 << "DIM_TRANSACTION_TYPE_ID TEXT, TX_TYPE TEXT" << 7.0 << 10752.0
            << utc("2022-07-13T15:22:00Z");
        QTest::addRow("flipside 2022-08-17")
            << f + "2022-08-17_005452a2.json"
            << "dbt-catalog:algorand_dev" << utc("2022-08-17T21:44:50.334Z") << 88 << "table=69 view=19"
            << "last_modified=68 row_count=68 size_bytes=69"
            << "algorand_dev.silver.swaps_wagmiswap_dex"
            << "table"
            << "snowflake" << 12 << "BLOCK_ID NUMBER, INTRA NUMBER" << 4843.0 << 402432.0
            << utc("2022-08-16T14:35:00Z");
        QTest::addRow("flipside 2022-09-09")
            << f + "2022-09-09_9704e3c5.json"
            << "dbt-catalog:algorand_dev" << utc("2022-09-09T13:35:06.225Z") << 91 << "table=72 view=19"
            << "last_modified=71 row_count=71 size_bytes=72"
            << "algorand_dev.core.dim_asset"
            << "table"
            << "snowflake" << 22 << "DIM_ASSET_ID TEXT, ASSET_ID NUMBER" << 5793888.0 << 831315456.0
            << utc("2022-09-09T05:01:00Z");
        QTest::addRow("flipside 2022-10-13 13:46")
            << f + "2022-10-13_8fa7c375.json"
            << "dbt-catalog:axelar_dev" << utc("2022-10-13T13:46:22.265Z") << 151 << "table=138 view=13"
            << "last_modified=134 row_count=134 size_bytes=138"
            << "axelar_dev.streamline_dbt_test__audit.not_null_silver__transfers_tx_succeeded"
            << "table"
            << "snowflake" << 15 << "BLOCK_ID NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 0.0 << 0.0
            << utc("2022-10-13T13:44:00Z");
        QTest::addRow("flipside 2022-10-13 13:23")
            << f + "2022-10-13_dc14134f.json"
            << "dbt-catalog:axelar_dev" << utc("2022-10-13T13:23:05.361Z") << 141 << "table=128 view=13"
            << "last_modified=125 row_count=125 size_bytes=128"
            << "axelar_dev.streamline.silver__blocks"
            << "table"
            << "snowflake" << 9 << "BLOCK_ID NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 5499.0 << 1710592.0
            << utc("2022-10-12T18:45:00Z");
        QTest::addRow("flipside 2022-10-14")
            << f + "2022-10-14_a0f389a9.json"
            << "dbt-catalog:axelar_dev" << utc("2022-10-14T14:48:48.108Z") << 150 << "table=137 view=13"
            << "last_modified=133 row_count=133 size_bytes=137"
            << "axelar_dev.streamline.silver__blocks"
            << "table"
            << "snowflake" << 9 << "BLOCK_ID NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 4285243.0 << 942904832.0
            << utc("2022-10-14T10:10:00Z");
        QTest::addRow("flipside 2022-10-26")
            << f + "2022-10-26_8143528b.json"
            << "dbt-catalog:axelar_dev" << utc("2022-10-26T12:34:27.577Z") << 149 << "table=136 view=13"
            << "last_modified=133 row_count=133 size_bytes=136"
            << "axelar_dev.not_null_silver.transfers_chain_id"
            << "table"
            << "snowflake" << 15 << "BLOCK_ID NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 0.0 << 0.0
            << utc("2022-10-26T05:01:00Z");
        QTest::addRow("flipside 2022-11-04")
            << f + "2022-11-04_9d4d515d.json"
            << "dbt-catalog:algorand_dev" << utc("2022-11-04T14:11:44.673Z") << 100 << "table=78 view=22"
            << "last_modified=78 row_count=78 size_bytes=78"
            << "algorand_dev.silver.asset_config"
            << "table"
            << "snowflake" << 5 << "ASSET_ID NUMBER, ASSET_NAME TEXT" << 6631029.0 << 72228352.0
            << utc("2022-11-04T07:01:00Z");
        QTest::addRow("flipside 2022-11-07")
            << f + "2022-11-07_1ea94345.json"
            << "dbt-catalog:axelar_dev" << utc("2022-11-07T14:28:36.868Z") << 150 << "table=139 view=11"
            << "last_modified=136 row_count=136 size_bytes=139"
            << "axelar_dev.not_null_silver.msgs_msg_index"
            << "table"
            << "snowflake" << 13 << "BLOCK_ID NUMBER, BLOCK_TIMESTAMP TIMESTAMP_NTZ" << 0.0 << 0.0
            << utc("2022-11-07T13:43:00Z");
        QTest::addRow("flipside 2022-11-17")
            << f + "2022-11-17_8bcee1aa.json"
            << "dbt-catalog:algorand_dev" << utc("2022-11-17T17:50:58.466Z") << 105 << "table=80 view=25"
            << "last_modified=80 row_count=80 size_bytes=80"
            << "algorand_dev.silver.transaction"
            << "table"
            << "snowflake" << 29 << "INTRA NUMBER, BLOCK_ID NUMBER" << 947681623.0 << 361068786688.0
            << utc("2022-11-17T07:01:00Z");
        QTest::addRow("fivetran 2021 (bigquery)")
            << "fivetran__dbt_ad_reporting/docs__catalog@2021-03-09_24663dd9.json"
            << "dbt-catalog:dbt-package-testing" << utc("2021-03-09T23:29:14.320Z") << 94 << "table=57 view=37"
            << "row_count=57 size_bytes=57"
            << "dbt-package-testing.dbt_kristin_test.twitter__line_item_report"
            << "table"
            << "bigquery" << 10 << "date_day TIMESTAMP, line_item_name STRING" << 429.0 << 62046.0 << QDateTime();
        // Postgres has no stats in dbt's catalog, nor anything that names the platform. Seeds
        // that sources read are one relation: 373 entries, 295 relations.
        QTest::addRow("fivetran 2022 (postgres)")
            << "fivetran__dbt_ad_reporting/docs__catalog@2022-12-19_316dd1fc.json"
            << "dbt-catalog:postgres" << utc("2022-12-20T03:22:40.575Z") << 295 << "table=210 view=85" << QString()
            << "postgres.ad_reporting_integration_tests_2.apple_search_ad_group_history_data"
            << "table" << QString() << 17 << "id integer, modification_time timestamp without time zone" << -1.0 << -1.0
            << QDateTime();
        QTest::addRow("data-hub (postgres)")
            << "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_catalog_deleted_actor.json"
            << "dbt-catalog:pagila" << utc("2022-03-14T15:43:20.354Z") << 14 << "table=13 view=1" << QString()
            << "pagila.dbt_postgres.an-aliased-view-for-monthly-billing"
            << "table" << QString() << 4 << "billing_month timestamp with time zone, customer_id integer" << -1.0
            << -1.0 << QDateTime();
        QTest::addRow("yu-iskw v1 (bigquery)")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__catalog__v1__jaffle_shop__catalog.json"
            << "dbt-catalog:your-project" << utc("2024-11-29T05:11:13.954Z") << 38 << "table=21 view=17"
            << "row_count=21 size_bytes=21"
            << "your-project.jaffle_shop.customers"
            << "table"
            << "bigquery" << 7 << "customer_id INT64, first_name STRING" << 100.0 << 3970.0 << QDateTime();
        QTest::addRow("yu-iskw v1 dbt 1.12 (duckdb)")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__catalog__v1__jaffle_shop__catalog_1.12.json"
            << "dbt-catalog:jaffle_shop" << utc("2026-08-10T07:03:40.079Z") << 19 << "table=13 view=6" << QString()
            << "jaffle_shop.main.customers"
            << "table" << QString() << 9 << "customer_id VARCHAR, customer_name VARCHAR" << -1.0 << -1.0 << QDateTime();
    }

    void realCatalog()
    {
        QFETCH(QString, file);
        QFETCH(QString, source);
        QFETCH(QDateTime, generatedAt);
        QFETCH(int, assets);
        QFETCH(QString, kinds);
        QFETCH(QString, metrics);
        QFETCH(QString, sampleKey);
        QFETCH(QString, sampleKind);
        QFETCH(QString, platform);
        QFETCH(int, columnCount);
        QFETCH(QString, firstColumns);
        QFETCH(double, rows);
        QFETCH(double, bytes);
        QFETCH(QDateTime, lastModified);

        test::CollectingSink sink;
        QCOMPARE(test::importInto(m_registry, test::sharedData(file), sink), QString("dbt-catalog v1"));
        QCOMPARE(sink.sources, QStringList {source});
        QCOMPARE(sink.sourceTimes.value(0), generatedAt);
        QVERIFY2(sink.warnings.isEmpty(), qPrintable(sink.warnings.join(u'\n')));
        QVERIFY(sink.results.isEmpty());
        QCOMPARE(sink.assets.size(), assets);
        int tables = 0;
        int views = 0;
        for (const auto& a : sink.assets) {
            tables += a.kind == AssetKind::Table ? 1 : 0;
            views += a.kind == AssetKind::View ? 1 : 0;
            QVERIFY(a.physicalColumns);
            QCOMPARE(a.platform, sink.assets.first().platform); // one catalog, one warehouse
        }
        QCOMPARE(QStringLiteral("table=%1 view=%2").arg(tables).arg(views), kinds);
        QCOMPARE(sink.metricCounts(), metrics);
        for (const auto& o : sink.observations)
            QCOMPARE(o.at, generatedAt);

        const Asset* a = sink.asset(sampleKey);
        QVERIFY(a);
        QCOMPARE(kindName(a->kind), sampleKind);
        QCOMPARE(a->platform, platform);
        QCOMPARE(a->systems, QStringList {"dbt"});
        QCOMPARE(a->columns.size(), columnCount);
        const QString first =
            a->columns[0].name + u' ' + a->columns[0].type + u", " + a->columns[1].name + u' ' + a->columns[1].type;
        QCOMPARE(first, firstColumns);
        QCOMPARE(a->columns[0].ordinal, 1);
        QCOMPARE(a->columns.last().ordinal, columnCount);
        auto expect = [&](QStringView metric, double value) {
            if (value < 0)
                QVERIFY(qIsNaN(sink.value(sampleKey, metric)));
            else
                QCOMPARE(sink.value(sampleKey, metric), value);
        };
        expect(metric::RowCount, rows);
        expect(metric::SizeBytes, bytes);
        expect(metric::LastModified, lastModified.isValid() ? double(lastModified.toMSecsSinceEpoch()) : -1);
    }

    // The Flipside folder holds catalogs of two projects, interleaved in time. Each keeps its
    // own scope, and a table's row counts form a history on its own key, including the jump of
    // 2022-10-14 when the axelar dev tables were loaded with the full chain (python3: the
    // row_count stat of AXELAR_DEV.STREAMLINE.SILVER__BLOCKS and ALGORAND_DEV.SILVER.TRANSACTION
    // in every file, in generated_at order).
    void flipsideSeries()
    {
        QStringList scopes;
        QList<std::pair<QDateTime, double>> blocks;
        QList<std::pair<QDateTime, double>> transactions;
        for (const QString& file : flipsideCatalogs()) {
            test::CollectingSink sink;
            QCOMPARE(test::importInto(m_registry, file, sink), QString("dbt-catalog v1"));
            scopes.append(sink.sources.value(0).section(u':', 1));
            for (const auto& o : sink.observations) {
                if (o.metric != metric::RowCount)
                    continue;
                if (o.assetKey == u"axelar_dev.streamline.silver__blocks")
                    blocks.append({o.at, o.value});
                else if (o.assetKey == u"algorand_dev.silver.transaction")
                    transactions.append({o.at, o.value});
            }
        }
        QCOMPARE(scopes,
                 (QStringList {"ethereum", "algorand_dev", "algorand_dev", "algorand_dev", "axelar_dev", "axelar_dev",
                               "axelar_dev", "axelar_dev", "algorand_dev", "axelar_dev", "algorand_dev"}));
        const QList<std::pair<QDateTime, double>> expectedBlocks {
            {utc("2022-10-13T13:23:05.361Z"), 5499},
            {utc("2022-10-13T13:46:22.265Z"), 5499},
            {utc("2022-10-14T14:48:48.108Z"), 4285243},
        };
        QCOMPARE(blocks, expectedBlocks);
        const QList<std::pair<QDateTime, double>> expectedTransactions {
            {utc("2022-07-13T20:35:21.225Z"), 807657580}, {utc("2022-08-17T21:44:50.334Z"), 840558885},
            {utc("2022-09-09T13:35:06.225Z"), 865897290}, {utc("2022-11-04T14:11:44.673Z"), 931047406},
            {utc("2022-11-17T17:50:58.466Z"), 947681623},
        };
        QCOMPARE(transactions, expectedTransactions);
    }

    // The same series through the workspace, one snapshot per file: the histories are stored
    // on the right assets, and a project's catalog retires only relations of its own scope.
    void flipsideSeriesInWorkspace()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        ImportRunner runner(m_registry);
        const QStringList files = flipsideCatalogs();
        for (int i = 0; i < files.size(); ++i) {
            const auto report = runner.run(wsPath, {files[i]});
            QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
            QCOMPARE(report.files.value(0).format, QString("dbt-catalog"));
            if (i == 6) {
                // Three axelar catalogs came after the last algorand one: algorand stays current.
                auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
                const auto transaction = ws->asset("algorand_dev.silver.transaction");
                QVERIFY(transaction);
                QVERIFY(!transaction->retired);
                QCOMPARE(transaction->kind, AssetKind::Table);
                QCOMPARE(transaction->platform, QString("snowflake"));
            }
        }
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->snapshots().size(), 11);
        QCOMPARE(test::history(*ws, "axelar_dev.streamline.silver__blocks", "row_count"),
                 (QList<std::pair<QDateTime, double>> {
                     {utc("2022-10-13T13:23:05.361Z"), 5499},
                     {utc("2022-10-13T13:46:22.265Z"), 5499},
                     {utc("2022-10-14T14:48:48.108Z"), 4285243},
                 }));
        QCOMPARE(test::history(*ws, "algorand_dev.silver.transaction", "row_count"),
                 (QList<std::pair<QDateTime, double>> {
                     {utc("2022-07-13T20:35:21.225Z"), 807657580},
                     {utc("2022-08-17T21:44:50.334Z"), 840558885},
                     {utc("2022-09-09T13:35:06.225Z"), 865897290},
                     {utc("2022-11-04T14:11:44.673Z"), 931047406},
                     {utc("2022-11-17T17:50:58.466Z"), 947681623},
                 }));
        QCOMPARE(test::history(*ws, "algorand_dev.silver.transaction", "last_modified").last(),
                 (std::pair<QDateTime, double>(utc("2022-11-17T17:50:58.466Z"),
                                               double(utc("2022-11-17T07:01:00Z").toMSecsSinceEpoch()))));
        // The axelar dev tables of 2022-10-13/14 were renamed by 2022-10-26: retired then.
        const auto blocks = ws->asset("axelar_dev.streamline.silver__blocks");
        QVERIFY(blocks);
        QVERIFY(blocks->retired);
        QCOMPARE(blocks->columns.size(), 9);
        QCOMPARE(blocks->columns.first().type, QString("NUMBER"));
    }

    void snowflakeTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("at");
        QTest::addRow("minutes UTC") << "2022-11-17 17:12UTC" << utc("2022-11-17T17:12:00Z");
        QTest::addRow("seconds UTC") << "2022-11-17 17:12:09 UTC" << utc("2022-11-17T17:12:09Z");
        QTest::addRow("ISO") << "2022-11-17T17:12:09+01:00" << utc("2022-11-17T16:12:09Z");
        QTest::addRow("not a date") << "2022-13-40 17:12UTC" << QDateTime();
        QTest::addRow("garbage") << "yesterday" << QDateTime();
    }

    // Through the importer: one relation whose last_modified stat holds the text.
    void snowflakeTime()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, at);
        QTemporaryDir dir;
        const QString path = dir.filePath("catalog.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QByteArray("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/catalog/v1.json\", "
                       "\"generated_at\": \"2022-11-18T00:00:00Z\"}, \"nodes\": {\"model.p.t\": {\"metadata\": "
                       "{\"type\": \"BASE TABLE\", \"database\": \"D\", \"schema\": \"S\", \"name\": \"T\"}, "
                       "\"columns\": {}, \"stats\": {\"last_modified\": {\"id\": \"last_modified\", \"value\": \"")
            + text.toUtf8() + "\"}}}}, \"sources\": {}}");
        f.close();
        test::CollectingSink sink;
        QCOMPARE(test::importInto(m_registry, path, sink), QString("dbt-catalog v1"));
        QCOMPARE(sink.assets.size(), 1);
        QCOMPARE(sink.assets.first().platform, QString("snowflake"));
        if (at.isValid()) {
            QCOMPARE(sink.value(u"d.s.t", metric::LastModified), double(at.toMSecsSinceEpoch()));
            QVERIFY(sink.warnings.isEmpty());
        } else {
            QVERIFY(sink.observations.isEmpty());
            QCOMPARE(sink.warnings.size(), 1);
            QVERIFY2(sink.warnings.first().contains("/nodes/model.p.t/stats/last_modified/value: not a time"),
                     qPrintable(sink.warnings.first()));
        }
    }

    // Bad input: a clear error naming the file and the place, and an unchanged workspace.
    void rejected_data()
    {
        test::addDbtArtifactRejections(
            {"catalog/v1", "nodes", QStringLiteral("fivetran__dbt_ad_reporting/docs__catalog@2022-12-19_316dd1fc.json"),
             QByteArray("[1]"), QStringLiteral("/nodes: expected an object, found an array"), nodeWith});
    }

    void rejected()
    {
        test::checkDbtArtifactRejected(m_registry);
    }
};

QTEST_GUILESS_MAIN(TestDbtCatalog)
#include "tst_dbtcatalog.moc"
