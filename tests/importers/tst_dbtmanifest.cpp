#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "importtestutil.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <tuple>

using namespace sightline;

// The dbt manifest importer on every manifest in ../shared/data. Every expected number was
// counted with python3 from the JSON (asset rules: models, seeds, snapshots, sources and
// exposures; one asset per warehouse relation; edges from parent_map between assets, deduplicated).
class TestDbtManifest : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;

    ImportReport import(const QString& workspace, const QStringList& paths)
    {
        return ImportRunner(m_registry).run(workspace, paths);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = test::loadImporters(m_registry, "dbt-manifest");
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void realManifest_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("capturedAt");
        QTest::addColumn<QString>("kinds");
        QTest::addColumn<int>("edges");
        QTest::addColumn<QString>("sampleKey");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<QStringList>("firstColumns");
        QTest::addColumn<int>("columnCount");
        QTest::addColumn<QString>("edgeFrom");
        QTest::addColumn<QString>("edgeTo");

        QTest::addRow("flipside_v6") << "FlipsideCrypto__axelar-models/docs__manifest@2022-11-17_8bcee1aa.json"
                                     << "v6"
                                     << "algorand_models"
                                     << "2022-11-17T17:50:39.509Z"
                                     << "model=73 source=35" << 180 << "algorand_dev.core.ez_transaction_asset_freeze"
                                     << "snowflake" << QStringList {"BLOCK_TIMESTAMP", "BLOCK_DATE", "BLOCK_ID"} << 18
                                     << "algorand_dev.bronze.account"
                                     << "algorand_dev.silver.account";
        QTest::addRow("fivetran_v1_2021")
            << "fivetran__dbt_ad_reporting/docs__manifest@2021-03-09_24663dd9.json"
            << "v1"
            << "ad_reporting_integration_tests"
            << "2021-03-09T23:28:48.858Z"
            << "model=92 source=29 seed=29" << 118
            << "dbt-package-testing.dbt_kristin_test.stg_microsoft_ads__ad_group_history"
            << "bigquery" << QStringList {"ad_group_id", "campaign_id", "ad_group_name"} << 6
            << "dbt-package-testing.dbt_kristin_test.ad_group_history_data"
            << "dbt-package-testing.dbt_kristin_test.stg_pinterest_ads__ad_group_history_tmp";
        QTest::addRow("fivetran_v7_2022")
            << "fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json"
            << "v7"
            << "ad_reporting_integration_tests"
            << "2022-12-20T03:24:52.918Z"
            << "model=223 seed=80" << 427
            << "postgres.ad_reporting_integration_tests_2_microsoft_ads_source.stg_microsoft_ads__account_daily_report"
            << "postgres" << QStringList {"date_day", "account_id", "device_os"} << 13
            << "dbt:model:ad_reporting.int_ad_reporting__account_report"
            << "postgres.ad_reporting_integration_tests_2_ad_reporting.ad_reporting__account_report";
        QTest::addRow("datahub_v4")
            << "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_manifest_deleted_actor.json"
            << "v4"
            << "sample_dbt"
            << "2022-03-14T15:43:19.538Z"
            << "model=4 source=11" << 12 << "pagila.dbt_postgres.payments_by_customer_by_month"
            << "postgres" << QStringList() << 0 << "dbt:model:sample_dbt.customer_details"
            << "pagila.dbt_postgres.an-aliased-view-for-monthly-billing";
        QTest::addRow("jaffle_v10")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v10__jaffle_shop__manifest.json"
            << "v10"
            << "jaffle_shop"
            << "2023-07-31T23:39:54.970Z"
            << "model=6 seed=3" << 8 << "your-project.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "your-project.jaffle_shop.raw_customers"
            << "your-project.jaffle_shop.stg_customers";
        QTest::addRow("jaffle_v11")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v11__jaffle_shop__manifest.json"
            << "v11"
            << "jaffle_shop"
            << "2023-11-06T00:51:31.798Z"
            << "model=35 seed=3" << 33 << "your-project.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "your-project.elementary.data_monitoring_metrics"
            << "your-project.elementary.metrics_anomaly_score";
        QTest::addRow("jaffle_v12_1_10")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.10.json"
            << "v12"
            << "jaffle_shop"
            << "2025-10-11T00:05:38.551Z"
            << "model=13 source=6" << 17 << "jaffle_shop.main.stg_order_items"
            << "duckdb" << QStringList {"order_item_id", "order_id"} << 2 << "jaffle_shop.main.order_items"
            << "jaffle_shop.main.orders";
        QTest::addRow("jaffle_v12_1_12")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json"
            << "v12"
            << "jaffle_shop"
            << "2026-08-10T07:03:39.506Z"
            << "model=13 seed=6" << 17 << "jaffle_shop.main.stg_order_items"
            << "duckdb" << QStringList {"order_item_id", "order_id"} << 2 << "jaffle_shop.main.order_items"
            << "jaffle_shop.main.orders";
        QTest::addRow("jaffle_v12_1_9")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.9.json"
            << "v12"
            << "jaffle_shop"
            << "2024-12-16T07:44:51.334Z"
            << "model=36 seed=3" << 39 << "your-project.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "your-project.jaffle_shop.data_monitoring_metrics"
            << "your-project.jaffle_shop.metrics_anomaly_score";
        QTest::addRow("jaffle_v1")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v1__jaffle_shop__manifest.json"
            << "v1"
            << "jaffle_shop"
            << "2021-06-16T08:34:18.410Z"
            << "model=8 seed=3" << 12 << "your-gcp-project.jaffle_shop.stg_payments"
            << "bigquery" << QStringList {"payment_id", "payment_method"} << 2
            << "your-gcp-project.jaffle_shop.customer_orders"
            << "your-gcp-project.jaffle_shop.dim_customers";
        QTest::addRow("jaffle_v2")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v2__jaffle_shop__manifest.json"
            << "v2"
            << "jaffle_shop"
            << "2021-10-12T02:03:51.251Z"
            << "model=8 seed=3" << 12 << "your-gcp-project.jaffle_shop.stg_payments"
            << "bigquery" << QStringList {"payment_id", "payment_method"} << 2
            << "your-gcp-project.jaffle_shop.customer_orders"
            << "your-gcp-project.jaffle_shop.dim_customers";
        QTest::addRow("jaffle_v3")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v3__jaffle_shop__manifest.json"
            << "v3"
            << "jaffle_shop"
            << "2021-11-08T09:31:10.463Z"
            << "model=8 seed=3" << 12 << "your-gcp-project.jaffle_shop.stg_payments"
            << "bigquery" << QStringList {"payment_id", "payment_method"} << 2
            << "your-gcp-project.jaffle_shop.customer_orders"
            << "your-gcp-project.jaffle_shop.dim_customers";
        QTest::addRow("jaffle_v4")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v4__jaffle_shop__manifest.json"
            << "v4"
            << "jaffle_shop"
            << "2021-12-09T13:45:59.538Z"
            << "model=5 seed=3" << 5 << "your-gcp-project.jaffle_shop.orders"
            << "bigquery" << QStringList {"order_id", "customer_id", "order_date"} << 9
            << "your-gcp-project.jaffle_shop.raw_customers"
            << "your-gcp-project.jaffle_shop.stg_customers";
        QTest::addRow("jaffle_v5")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v5__jaffle_shop__manifest.json"
            << "v5"
            << "jaffle_shop"
            << "2022-05-02T02:19:04.813Z"
            << "model=25 source=6 seed=3" << 28 << "your-gcp-project.jaffle_shop.stg_payments"
            << "bigquery" << QStringList {"payment_id", "payment_method"} << 2
            << "dbt:model:elementary.current_schema_columns"
            << "your-gcp-project.jaffle_shop.column_changes";
        QTest::addRow("jaffle_v6")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v6__jaffle_shop__manifest.json"
            << "v6"
            << "jaffle_shop"
            << "2022-09-08T12:14:10.348Z"
            << "model=5 seed=3" << 8 << "bigquery_proj.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "bigquery_proj.jaffle_shop.raw_customers"
            << "bigquery_proj.jaffle_shop.stg_customers";
        QTest::addRow("jaffle_v7")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v7__jaffle_shop__manifest.json"
            << "v7"
            << "jaffle_shop"
            << "2022-10-31T15:07:42.606Z"
            << "model=5 seed=3" << 8 << "database.schema.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "database.schema.raw_customers"
            << "database.schema.stg_customers";
        QTest::addRow("jaffle_v8")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v8__jaffle_shop__manifest.json"
            << "v8"
            << "jaffle_shop"
            << "2023-01-30T17:33:12.991Z"
            << "model=5 seed=3" << 8 << "dbt-dev-dan.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "dbt-dev-dan.jaffle_shop.raw_customers"
            << "dbt-dev-dan.jaffle_shop.stg_customers";
        QTest::addRow("jaffle_v8_1_4_3")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v8__jaffle_shop_at_1_4_3__manifest.json"
            << "v8"
            << "jaffle_shop"
            << "2023-03-09T12:48:05.372Z"
            << "model=7 seed=3" << 8 << "your-project.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 7
            << "your-project.jaffle_shop.raw_customers"
            << "your-project.jaffle_shop.stg_customers";
        QTest::addRow("jaffle_v9_1_5rc1")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v9__jaffle_shop_at_1.5rc1__manifest.json"
            << "v9"
            << "jaffle_shop"
            << "2023-04-14T04:30:34.933Z"
            << "model=34 seed=3" << 31 << "your-gcp-project.jaffle_shop.customers"
            << "bigquery" << QStringList {"customer_id", "first_name", "last_name"} << 8
            << "your-gcp-project.elementary.data_monitoring_metrics"
            << "your-gcp-project.elementary.metrics_anomaly_score";
    }

    void realManifest()
    {
        QFETCH(QString, file);
        QFETCH(QString, version);
        QFETCH(QString, project);
        QFETCH(QString, capturedAt);
        QFETCH(QString, kinds);
        QFETCH(int, edges);
        QFETCH(QString, sampleKey);
        QFETCH(QString, platform);
        QFETCH(QStringList, firstColumns);
        QFETCH(int, columnCount);
        QFETCH(QString, edgeFrom);
        QFETCH(QString, edgeTo);

        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const ImportReport report = import(wsPath, {test::sharedData(file)});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files[0].format, QStringLiteral("dbt-manifest"));
        QCOMPARE(report.files[0].version, version);

        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        const auto snapshots = ws->snapshots();
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(snapshots[0].sources, QStringList {"dbt:" + project});
        QCOMPARE(snapshots[0].capturedAt, QDateTime::fromString(capturedAt, Qt::ISODateWithMs));
        QCOMPARE(test::kindCounts(*ws), kinds);
        QCOMPARE(ws->edges().size(), edges);
        QVERIFY(ws->edges().contains(Edge {edgeFrom, edgeTo}));

        const auto asset = ws->asset(sampleKey);
        QVERIFY(asset);
        QCOMPARE(asset->kind, AssetKind::Model);
        QCOMPARE(asset->platform, platform);
        QCOMPARE(asset->systems, QStringList {"dbt"});
        QCOMPARE(asset->columns.size(), columnCount);
        QStringList names;
        for (const auto& c : asset->columns.mid(0, firstColumns.size()))
            names.append(c.name);
        QCOMPARE(names, firstColumns);
        for (int i = 0; i < asset->columns.size(); ++i)
            QCOMPARE(asset->columns[i].ordinal, i + 1);
    }

    // A new manifest in ../shared/data must get a row above.
    void everyManifestHasARow()
    {
        QStringList found;
        QDirIterator it(test::sharedDataDir(), {"*manifest*.json"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            found.append(it.next());
        QCOMPARE(found.size(), 19);
    }

    void ownersAndEphemeralFromDataHub()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const auto report = import(
            wsPath,
            {test::sharedData(
                "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_manifest_deleted_actor.json")});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->asset("pagila.public.country")->owner, QStringLiteral("@bob"));
        QCOMPARE(ws->asset("pagila.public.payment_p2020_02")->owner, QStringLiteral("@charles"));
        QCOMPARE(ws->asset("pagila.public.payment_p2020_02")->kind, AssetKind::Source);
        QCOMPARE(ws->asset("pagila.public.address")->owner, QString());
        int owned = 0;
        for (const auto& a : ws->assets())
            owned += a.owner.isEmpty() ? 0 : 1;
        QCOMPARE(owned, 2);
        const auto ephemeral = ws->asset("dbt:model:sample_dbt.customer_details");
        QVERIFY(ephemeral);
        QCOMPARE(ephemeral->platform, QStringLiteral("dbt"));
        QCOMPARE(ephemeral->kind, AssetKind::Model);
        QCOMPARE(ephemeral->database, QString());
        const auto aliased = ws->asset("pagila.dbt_postgres.an-aliased-view-for-monthly-billing");
        QVERIFY(aliased);
        QCOMPARE(aliased->name, QStringLiteral("monthly_billing_with_cust"));
        QCOMPARE(aliased->database, QStringLiteral("pagila"));
        QCOMPARE(aliased->schema, QStringLiteral("dbt_postgres"));
    }

    void columnTypesAndSourceIdentifier()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const auto report =
            import(wsPath, {test::sharedData("FlipsideCrypto__axelar-models/docs__manifest@2022-11-17_8bcee1aa.json")});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        const auto source = ws->asset("flipside_prod_db.bronze.algorand_indexer_tx");
        QVERIFY(source);
        QCOMPARE(source->kind, AssetKind::Source);
        QCOMPARE(source->platform, QStringLiteral("snowflake"));
        const QList<Column> expected = {{"account_id", "string", 1, "account_id used in request"},
                                        {"tx_id", "string", 2, "txid used in request"},
                                        {"metadata", "variant", 3, "raw indexer response"},
                                        {"data", "variant", 4, "raw indexer response"}};
        QCOMPARE(source->columns, expected);
        // relation_name "ALGORAND_DEV.core...." is case-folded into the key; the parts keep their case.
        const auto model = ws->asset("algorand_dev.core.ez_transaction_asset_freeze");
        QCOMPARE(model->database, QStringLiteral("ALGORAND_DEV"));
        QCOMPARE(model->columns.first().description, QStringLiteral("Timestamp of block minting(without a timezone)"));
    }

    void aliasesNameAssetsByUniqueId()
    {
        // run_results.json and sources.json name nodes by unique_id: the manifest records each
        // asset's, and each test's tested asset (parent_map of the file, read with python3).
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        import(wsPath,
               {test::sharedData(
                   "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json")});
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
        auto aliasOf = [&](const QString& alias) {
            auto stmt = ws->db().prepare(
                "SELECT a.key FROM asset_alias x JOIN asset a ON a.id = x.asset_id WHERE x.alias = ?1");
            stmt.bind(1, alias);
            return stmt.step() ? stmt.text(0) : QString();
        };
        QCOMPARE(aliasOf("dbt:node:model.jaffle_shop.stg_orders"), QStringLiteral("jaffle_shop.main.stg_orders"));
        QCOMPARE(aliasOf("dbt:node:test.jaffle_shop.not_null_stg_orders_order_id.81cfe2fe64"),
                 QStringLiteral("jaffle_shop.main.stg_orders"));
        QCOMPARE(aliasOf("dbt:node:model.jaffle_shop.nope"), QString());
    }

    void reimportIsNoOp()
    {
        QTemporaryDir dir;
        const QString wsPath = dir.filePath("ws.sightline");
        const QString file = test::sharedData("fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json");
        QCOMPARE(import(wsPath, {file}).outcome, ImportReport::Outcome::Imported);
        const QString before = test::dumpWorkspace(wsPath);
        const auto again = import(wsPath, {file});
        QCOMPARE(again.outcome, ImportReport::Outcome::NothingNew);
        QCOMPARE(again.duplicates, 1);
        QCOMPARE(test::dumpWorkspace(wsPath), before);
    }

    void detectsManifestsOnly_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("version");
        QTest::addRow("manifest v12")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json"
            << "v12";
        QTest::addRow("manifest v1")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v1__jaffle_shop__manifest.json"
            << "v1";
        QTest::addRow("catalog")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__catalog__v1__jaffle_shop__catalog.json"
            << "";
        QTest::addRow("run_results")
            << "yu-iskw__dbt-artifacts-parser/tests__resources__run_results__v6__jaffle_shop__run_results.json"
            << "";
    }

    void detectsManifestsOnly()
    {
        QFETCH(QString, file);
        QFETCH(QString, version);
        QFile f(test::sharedData(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Detection d = m_registry.byFormat("dbt-manifest")->detect(f.read(64 * 1024));
        QCOMPARE(d.confidence > 0, !version.isEmpty());
        QCOMPARE(d.version, version);
    }

    void synthetic();
};

// A small manifest written here for what the real files lack: exposures, groups, config.meta
// against meta, a project known only by project_id, and no parent_map (edges from depends_on).
static const char kSynthetic[] = R"json({
 "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json",
   "generated_at": "2024-05-06T07:08:09.123456+02:00", "adapter_type": "bigquery",
   "project_id": "96db900d06b169eefbecf8140b1debbe", "unknown_field": {"x": [1, 2]}},
 "nodes": {
  "model.carmarket.stg_listings": {"resource_type": "model", "name": "stg_listings", "package_name": "carmarket",
   "database": "Car-Prod", "schema": "staging", "alias": "stg_listings",
   "config": {"materialized": "view", "meta": {"owner": "config-owner", "slack_channel": "#config-slack"}, "tags": ["hourly"]},
   "meta": {"owner": "meta-owner", "team": "listings", "alert_channel": "#meta-alert"}, "tags": ["staging"],
   "description": "Listings, cleaned",
   "columns": {"listing_id": {"name": "listing_id", "data_type": "INT64", "description": "id"},
               "price": {"name": "price", "data_type": "NUMERIC"}, "a_first": {"name": "a_first"}},
   "depends_on": {"macros": ["macro.x"], "nodes": ["source.carmarket.raw.listings"]}, "raw_code": "select 1"},
  "model.carmarket.int_prices": {"resource_type": "model", "name": "int_prices", "package_name": "carmarket",
   "database": "car-prod", "schema": "staging", "alias": "int_prices", "config": {"materialized": "ephemeral"},
   "depends_on": {"nodes": ["model.carmarket.stg_listings"]}},
  "model.carmarket.fct_sales": {"resource_type": "model", "name": "fct_sales", "package_name": "carmarket",
   "database": "car-prod", "schema": "marts", "alias": "sales", "config": {"materialized": "table", "group": "finance"},
   "depends_on": {"nodes": ["model.carmarket.int_prices", "model.carmarket.int_prices", "test.carmarket.not_null_x"]}},
  "test.carmarket.not_null_x": {"resource_type": "test", "name": "not_null_x", "package_name": "carmarket",
   "depends_on": {"nodes": ["model.carmarket.stg_listings"]}},
  "analysis.carmarket.adhoc": {"resource_type": "analysis", "name": "adhoc", "package_name": "carmarket",
   "database": "car-prod", "schema": "x", "depends_on": {"nodes": ["model.carmarket.fct_sales"]}}
 },
 "sources": {"source.carmarket.raw.listings": {"resource_type": "source", "name": "listings", "source_name": "raw",
   "package_name": "carmarket", "database": "car-prod", "schema": "raw", "identifier": "`Listings_v2`",
   "meta": {"channel": "#raw"}, "columns": {}}},
 "macros": {"macro.x": {"deep": [[[[{"a": 1}]]]], "text": "skipped"}},
 "exposures": {
  "exposure.carmarket.weekly_kpis": {"resource_type": "exposure", "name": "weekly_kpis", "label": "Weekly KPIs",
   "package_name": "carmarket", "type": "dashboard", "url": "https://carmarket.looker.com/dashboards/42",
   "owner": {"name": "Ann Analyst", "email": "ann@example.com"}, "depends_on": {"nodes": ["model.carmarket.fct_sales"]}},
  "exposure.carmarket.churn_nb": {"type": "notebook", "name": "churn_nb", "package_name": "carmarket",
   "owner": {"email": "bo@example.com"}, "meta": {"team": "ds"}, "depends_on": {"nodes": ["model.carmarket.fct_sales"]}}
 },
 "groups": {"group.carmarket.finance": {"name": "finance", "owner": {"email": "finance@example.com", "name": null}}}
})json";

void TestDbtManifest::synthetic()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("manifest.json");
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kSynthetic);
    }
    const QString wsPath = dir.filePath("ws.sightline");
    const auto report = import(wsPath, {file});
    QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    QCOMPARE(report.files[0].warnings, QStringList());
    auto ws = Workspace::open(wsPath, Workspace::OpenMode::ReadOnly);
    QCOMPARE(ws->snapshots()[0].sources, QStringList {"dbt:carmarket"});
    QCOMPARE(ws->snapshots()[0].capturedAt, QDateTime::fromString("2024-05-06T05:08:09.123Z", Qt::ISODateWithMs));
    QCOMPARE(test::kindCounts(*ws), QStringLiteral("model=3 source=1 dashboard=1 notebook=1"));

    const auto stg = ws->asset("car-prod.staging.stg_listings");
    QVERIFY(stg);
    QCOMPARE(stg->owner, QStringLiteral("config-owner")); // config.meta wins
    QCOMPARE(stg->team, QStringLiteral("listings")); // meta where config.meta says nothing
    QCOMPARE(stg->channel, QStringLiteral("#config-slack")); // config.meta wins as a whole
    QCOMPARE(stg->tags, QStringList({"staging", "hourly"}));
    QCOMPARE(stg->description, QStringLiteral("Listings, cleaned"));
    QCOMPARE(stg->platform, QStringLiteral("bigquery"));
    QCOMPARE(stg->database, QStringLiteral("Car-Prod"));
    const QList<Column> columns = {
        {"listing_id", "INT64", 1, "id"}, {"price", "NUMERIC", 2, {}}, {"a_first", {}, 3, {}}};
    QCOMPARE(stg->columns, columns);

    const auto eph = ws->asset("dbt:model:carmarket.int_prices");
    QVERIFY(eph);
    QCOMPARE(eph->platform, QStringLiteral("dbt"));
    QCOMPARE(ws->asset("car-prod.marts.sales")->owner, QStringLiteral("finance@example.com")); // group owner
    QCOMPARE(ws->asset("car-prod.raw.listings_v2")->channel, QStringLiteral("#raw"));

    const auto kpis = ws->asset("dbt:exposure:carmarket.weekly_kpis");
    QVERIFY(kpis);
    QCOMPARE(kpis->kind, AssetKind::Dashboard);
    QCOMPARE(kpis->name, QStringLiteral("Weekly KPIs"));
    QCOMPARE(kpis->owner, QStringLiteral("Ann Analyst"));
    QCOMPARE(kpis->platform, QStringLiteral("looker"));
    QCOMPARE(kpis->url, QStringLiteral("https://carmarket.looker.com/dashboards/42"));
    const auto nb = ws->asset("dbt:exposure:carmarket.churn_nb");
    QVERIFY(nb);
    QCOMPARE(nb->kind, AssetKind::Notebook);
    QCOMPARE(nb->owner, QStringLiteral("bo@example.com"));
    QCOMPARE(nb->team, QStringLiteral("ds"));
    QCOMPARE(nb->platform, QStringLiteral("dbt"));

    auto edges = ws->edges();
    std::sort(edges.begin(), edges.end(),
              [](const Edge& a, const Edge& b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
    const QList<Edge> expected = {
        {"car-prod.marts.sales", "dbt:exposure:carmarket.churn_nb"},
        {"car-prod.marts.sales", "dbt:exposure:carmarket.weekly_kpis"},
        {"car-prod.raw.listings_v2", "car-prod.staging.stg_listings"},
        {"car-prod.staging.stg_listings", "dbt:model:carmarket.int_prices"},
        {"dbt:model:carmarket.int_prices", "car-prod.marts.sales"},
    };
    QCOMPARE(edges, expected);
}

QTEST_GUILESS_MAIN(TestDbtManifest)
#include "tst_dbtmanifest.moc"
