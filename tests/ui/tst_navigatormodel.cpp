#include "navigator/navigatorfiltermodel.h"
#include "navigator/navigatormodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace sightline;
using namespace sightline::ui;

namespace {

Asset relation(const QString& platform, const QString& database, const QString& schema, const QString& name,
               AssetKind kind, const QString& owner = {}, const QStringList& tags = {})
{
    Asset a;
    a.platform = platform;
    a.database = database;
    a.schema = schema;
    a.name = name;
    a.key = relationKey(database, schema, name);
    a.kind = kind;
    a.owner = owner;
    a.tags = tags;
    return a;
}

Asset thing(const QString& platform, const QString& key, const QString& name, AssetKind kind)
{
    Asset a;
    a.platform = platform;
    a.key = key;
    a.name = name;
    a.kind = kind;
    return a;
}

QList<Asset> estate()
{
    return {
        relation("bigquery", "raw", "shop", "orders", AssetKind::Source, "Ana", {"pii"}),
        relation("bigquery", "raw", "shop", "customers", AssetKind::Source, "Ana"),
        relation("bigquery", "prod", "marts", "fct_orders", AssetKind::Model, "Ben", {"tier-1"}),
        relation("bigquery", "prod", "staging", "stg_orders", AssetKind::Model, "Ben"),
        relation("duckdb", "", "main", "orders", AssetKind::Table),
        thing("looker", "dbt:exposure:shop.revenue", "Revenue", AssetKind::Dashboard),
        thing("dbt", "dbt:model:shop.int_orders", "int_orders", AssetKind::Model),
        thing("dbt", "dbt:exposure:shop.churn", "Churn model", AssetKind::Ml),
    };
}

QStringList dump(const QAbstractItemModel* model, const QModelIndex& parent = {}, int depth = 0)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        out.append(QString(depth * 2, u' ') + index.data().toString());
        out += dump(model, index, depth + 1);
    }
    return out;
}

} // namespace

class TestNavigatorModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tree()
    {
        NavigatorModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAssets(estate());
        const QStringList expected = {
            "bigquery (4)",     "  prod (2)",      "    marts (1)",   "      fct_orders", "    staging (1)",
            "      stg_orders", "  raw (2)",       "    shop (2)",    "      customers",  "      orders",
            "dbt (2)",          "  ml models (1)", "    Churn model", "  models (1)",     "    int_orders",
            "duckdb (1)",       "  main (1)",      "    orders",      "looker (1)",       "  dashboards (1)",
            "    Revenue",
        };
        QCOMPARE(dump(&model), expected);

        const QModelIndex orders = model.indexForKey("raw.shop.orders");
        QVERIFY(orders.isValid());
        QCOMPARE(orders.data(NavigatorModel::AssetKeyRole).toString(), "raw.shop.orders");
        QCOMPARE(orders.data(NavigatorModel::KindRole).toInt(), int(AssetKind::Source));
        QCOMPARE(orders.data(NavigatorModel::IsGroupRole).toBool(), false);
        QCOMPARE(orders.parent().data(NavigatorModel::LabelRole).toString(), "shop");
        QCOMPARE(orders.parent().data(NavigatorModel::LeafCountRole).toInt(), 2);
        QCOMPARE(model.assetAt(orders)->owner, "Ana");
        QCOMPARE(model.assetAt(orders.parent()), nullptr);
        QVERIFY(!model.indexForKey("nope").isValid());

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.indexForKey("raw.shop.orders").isValid());
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("name") << "stg_"
                              << QStringList {"bigquery (1)", "  prod (1)", "    staging (1)", "      stg_orders"};
        QTest::addRow("owner, any case") << "ana"
                                         << QStringList {"bigquery (2)", "  raw (2)", "    shop (2)", "      customers",
                                                         "      orders"};
        QTest::addRow("tag") << "tier-1"
                             << QStringList {"bigquery (1)", "  prod (1)", "    marts (1)", "      fct_orders"};
        QTest::addRow("key") << "dbt:exposure" << QStringList {"dbt (1)",    "  ml models (1)",  "    Churn model",
                                                               "looker (1)", "  dashboards (1)", "    Revenue"};
        QTest::addRow("group labels do not match") << "bigquery" << QStringList {};
        QTest::addRow("blank is no filter") << "  " << QStringList {};
    }

    void filter()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        NavigatorModel model;
        NavigatorFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAssets(estate());
        filter.setFilterText(text);
        if (text.trimmed().isEmpty())
            QCOMPARE(dump(&filter), dump(&model));
        else
            QCOMPARE(dump(&filter), expected);
        // Clearing brings everything back, counts included.
        filter.setFilterText({});
        QCOMPARE(dump(&filter), dump(&model));
    }
};

QTEST_MAIN(TestNavigatorModel)
#include "tst_navigatormodel.moc"
