#include "lineage/impactpanel.h"
#include "lineage/impactrows.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sightline;
using namespace sightline::ui;

namespace {

Asset asset(const QString& key, AssetKind kind, const QString& owner, const QString& team, const QString& channel)
{
    Asset a;
    a.key = key;
    a.name = key.section(u'.', -1).section(u':', -1);
    a.kind = kind;
    a.owner = owner;
    a.team = team;
    a.channel = channel;
    return a;
}

// src -> stg -> fct -> {dash_a, dash_b}; stg -> snap; fct -> job
std::shared_ptr<const LineageGraph> estate()
{
    const QList<Asset> assets = {
        asset("raw.s.src", AssetKind::Source, "ana", "ingest", "#ingest"),
        asset("prod.stg.stg", AssetKind::Model, "ana", "analytics", "#analytics"),
        asset("prod.snap.snap", AssetKind::Snapshot, QString(), QString(), QString()),
        asset("prod.marts.fct", AssetKind::Model, "bo", "analytics", "#analytics"),
        asset("looker:dashboard:dash_a", AssetKind::Dashboard, "cy", "sales", "#sales, ops"),
        asset("looker:dashboard:dash_b", AssetKind::Dashboard, QString(), "sales", QString()),
        asset("airflow:job:export", AssetKind::Job, "dan", "platform", "#platform"),
    };
    const QList<Edge> edges = {
        {"raw.s.src", "prod.stg.stg"},
        {"prod.stg.stg", "prod.marts.fct"},
        {"prod.stg.stg", "prod.snap.snap"},
        {"prod.marts.fct", "looker:dashboard:dash_a"},
        {"prod.marts.fct", "looker:dashboard:dash_b"},
        {"prod.marts.fct", "airflow:job:export"},
    };
    return std::make_shared<const LineageGraph>(assets, edges);
}

} // namespace

class TestImpactRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsGroupedByKind()
    {
        const ImpactRows rows = impactRows(*estate(), QStringLiteral("raw.s.src"));
        QStringList order;
        for (const ImpactRow& row : rows.rows)
            order.append(QStringLiteral("%1:%2:%3").arg(impactGroup(row.asset.kind), row.asset.name).arg(row.distance));
        QCOMPARE(order,
                 QStringList({"tables:snap:2", "models:stg:1", "models:fct:2", "dashboards:dash_a:3",
                              "dashboards:dash_b:3", "jobs:export:3"}));
        QCOMPARE(rows.channels, QStringList({"#analytics", "#platform", "#sales, ops"}));
        QCOMPARE(rows.unowned, QStringList({"looker:dashboard:dash_b", "prod.snap.snap"}));
        QVERIFY(impactRows(*estate(), QStringLiteral("nope")).rows.isEmpty());
        QVERIFY(impactRows(*estate(), QStringLiteral("airflow:job:export")).rows.isEmpty());
    }

    void csv()
    {
        const QByteArray text = impactCsv(impactRows(*estate(), QStringLiteral("prod.marts.fct")));
        QCOMPARE(text,
                 QByteArray("group,key,name,kind,platform,owner,team,channel,distance,unowned\r\n"
                            "dashboards,looker:dashboard:dash_a,dash_a,dashboard,,cy,sales,\"#sales, ops\",1,false\r\n"
                            "dashboards,looker:dashboard:dash_b,dash_b,dashboard,,,sales,,1,true\r\n"
                            "jobs,airflow:job:export,export,job,,dan,platform,#platform,1,false\r\n"));
    }

    void panel()
    {
        ImpactPanel panel;
        panel.setGraph(estate());
        panel.setAsset(QStringLiteral("raw.s.src"));
        QTreeWidget* tree = panel.tree();
        QCOMPARE(tree->topLevelItemCount(), 4);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("tables (1)"));
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("models (2)"));
        QCOMPARE(tree->topLevelItem(2)->childCount(), 2);
        QVERIFY(tree->topLevelItem(2)->child(1)->text(2).contains(QStringLiteral("no owner")));
        QTemporaryDir dir;
        QString error;
        QVERIFY(panel.exportCsv(dir.filePath(QStringLiteral("impact.csv")), &error));
        panel.resize(700, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(QString::fromLocal8Bit(qgetenv("SIGHTLINE_BUILD_DIR")) + "/impactpanel.png"));
    }
};

QTEST_MAIN(TestImpactRows)
#include "tst_impactrows.moc"
