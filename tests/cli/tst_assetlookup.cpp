#include "lineage/assetlookup.h"

#include <QTest>

using namespace sightline;

namespace {
Asset asset(const QString& key, const QString& name)
{
    Asset a;
    a.key = key;
    a.name = name;
    return a;
}

const QList<Asset>& estate()
{
    static const QList<Asset> assets = {
        asset(QStringLiteral("raw.shop.orders"), QStringLiteral("orders")),
        asset(QStringLiteral("proj.marts.orders"), QStringLiteral("orders")),
        asset(QStringLiteral("proj.marts.customers"), QStringLiteral("customers")),
        asset(QStringLiteral("dbt:dashboard:proj.Weekly_KPIs"), QStringLiteral("Weekly KPIs")),
        asset(QStringLiteral("proj.stg.stg_customers"), QStringLiteral("stg_customers")),
    };
    return assets;
}
} // namespace

class TestAssetLookup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void finds_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<qsizetype>("index");
        QTest::addRow("exact key") << "proj.marts.orders" << qsizetype(1);
        QTest::addRow("key but for case") << "DBT:DASHBOARD:PROJ.WEEKLY_KPIS" << qsizetype(3);
        QTest::addRow("unique name, any case") << "weekly kpis" << qsizetype(3);
        QTest::addRow("unique name") << "customers" << qsizetype(2);
    }

    void finds()
    {
        QFETCH(QString, query);
        QFETCH(qsizetype, index);
        const auto found = lookupAsset(estate(), query);
        QCOMPARE(found.outcome, AssetLookup::Outcome::Found);
        QCOMPARE(found.index, index);
    }

    void ambiguousNameListsKeys()
    {
        const auto found = lookupAsset(estate(), QStringLiteral("ORDERS"));
        QCOMPARE(found.outcome, AssetLookup::Outcome::Ambiguous);
        QCOMPARE(found.candidates,
                 QStringList({QStringLiteral("proj.marts.orders"), QStringLiteral("raw.shop.orders")}));
    }

    void suggestsCloseAssets()
    {
        // A substring scores before a near miss; ties go by key.
        auto found = lookupAsset(estate(), QStringLiteral("customer"));
        QCOMPARE(found.outcome, AssetLookup::Outcome::NotFound);
        QCOMPARE(found.candidates,
                 QStringList({QStringLiteral("proj.marts.customers"), QStringLiteral("proj.stg.stg_customers")}));
        found = lookupAsset(estate(), QStringLiteral("ordrs"));
        QCOMPARE(found.outcome, AssetLookup::Outcome::NotFound);
        QCOMPARE(found.candidates,
                 QStringList({QStringLiteral("proj.marts.orders"), QStringLiteral("raw.shop.orders")}));
        found = lookupAsset(estate(), QStringLiteral("zebra"));
        QCOMPARE(found.outcome, AssetLookup::Outcome::NotFound);
        QVERIFY(found.candidates.isEmpty());
        found = lookupAsset(estate(), QStringLiteral("o"), 2);
        QCOMPARE(found.candidates.size(), 2);
    }

    void emptyQueryFindsNothing()
    {
        QCOMPARE(lookupAsset(estate(), QString()).outcome, AssetLookup::Outcome::NotFound);
        QCOMPARE(lookupAsset({}, QStringLiteral("x")).outcome, AssetLookup::Outcome::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestAssetLookup)
#include "tst_assetlookup.moc"
