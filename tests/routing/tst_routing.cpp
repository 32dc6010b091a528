#include "demo/demoworkspace.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "lineage/graphloader.h"
#include "routing/routing.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
const char* const kPagila =
    "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_manifest_deleted_actor.json";

QStringList keysOf(const Recipient& r)
{
    QStringList out;
    for (const auto& a : r.assets)
        out.append(QStringLiteral("%1@%2").arg(a.key).arg(a.distance));
    return out;
}
} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ImporterRegistry m_registry;
    std::shared_ptr<const LineageGraph> m_pagila;
    std::shared_ptr<const LineageGraph> m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const auto problems = m_registry.loadPlugins(test::pluginDir());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        const QString pagila = m_dir.filePath("pagila.sightline");
        const auto report = ImportRunner(m_registry).run(pagila, {test::sharedData(QString::fromLatin1(kPagila))});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        m_pagila = loadLineageGraph(*Workspace::open(pagila, Workspace::OpenMode::ReadOnly));

        const QString demoPath = m_dir.filePath("demo.sightline");
        const auto demoReport = demo::prepare(m_registry, demoPath);
        QVERIFY2(demoReport.outcome == ImportReport::Outcome::Imported, qPrintable(demoReport.error));
        m_demo = loadLineageGraph(*Workspace::open(demoPath, Workspace::OpenMode::ReadOnly));
    }

    // pagila: payment_p2020_02 is owned by @charles (source meta); its three downstream models
    // (payments_base, payments_by_customer_by_month, monthly_billing_with_cust) have no owner.
    void pagilaOwnedSource()
    {
        const auto i = m_pagila->indexOf("pagila.public.payment_p2020_02");
        QVERIFY(i != LineageGraph::npos);
        const Routing r = routeIncident(*m_pagila, i);
        QCOMPARE(r.asset.key, "pagila.public.payment_p2020_02");
        QCOMPARE(r.downstreamCount, 3);
        QCOMPARE(r.recipients.size(), 1);
        QCOMPARE(r.recipients[0].channel, QString());
        QCOMPARE(r.recipients[0].owners, QStringList {"@charles"});
        QVERIFY(r.recipients[0].ownsIncidentAsset());
        QCOMPARE(keysOf(r.recipients[0]), QStringList {"pagila.public.payment_p2020_02@0"});
        QVERIFY(r.channels().isEmpty());
        QVERIFY(r.gaps.isEmpty()); // no dashboards in this project
    }

    void pagilaUnownedSourceHasNobody()
    {
        const auto i = m_pagila->indexOf("pagila.public.address");
        QVERIFY(i != LineageGraph::npos);
        const Routing r = routeIncident(*m_pagila, i);
        // customer_details (ephemeral) and monthly_billing_with_cust, both without an owner.
        QCOMPARE(r.downstreamCount, 2);
        QVERIFY(r.recipients.isEmpty());
    }

    void pagilaOwnershipGaps()
    {
        const auto report = ownershipGaps(*m_pagila);
        // 11 sources + 4 models; owners only on country (@bob) and payment_p2020_02 (@charles).
        QCOMPARE(report.assets, 15);
        QCOMPARE(report.withOwner, 2);
        QCOMPARE(report.withChannel, 0);
        QCOMPARE(report.byKind.size(), 2);
        QCOMPARE(report.byKind[0].kind, AssetKind::Model);
        QCOMPARE(report.byKind[0].total, 4);
        QCOMPARE(report.byKind[0].withOwner, 0);
        QCOMPARE(report.byKind[1].kind, AssetKind::Source);
        QCOMPARE(report.byKind[1].total, 11);
        QCOMPARE(report.byKind[1].withOwner, 2);
        QVERIFY(report.consumers.isEmpty());
        QCOMPARE(report.silent.size(), 15); // no channel anywhere: every incident is silent
    }

    // The demo. Every figure below was re-derived by hand from the generated files
    // (build/dev/share/sightline/demo): manifest.json's depends_on (models, seeds, snapshots,
    // sources, exposures; owner from meta.owner or the model's group, channel from meta
    // alert_channel or slack_channel) plus the last capture's looker.json (explore ->
    // sql_table_name and join tables, dashboard -> its tiles' query.view, dashboard owner = the
    // e-mail of its user_id), walked breadth-first in python, and checked against
    // `sightline impact` on the demo workspace.
    //
    // Each Looker dashboard is one asset with the dbt exposure that documents it (same URL):
    // reported by both systems, reached by both paths, owned as dbt declares it (owner name,
    // team, channel). So each owner hears once, through the channel, and no dashboard is a gap.
    //
    // mart_dealer_revenue: 5 downstream. Distance 1: the exposure dealer_revenue_overview (Looker
    // dashboard 101), the Looker explore dealer_revenue, mart_marketplace_kpis_daily; 2: the
    // exposure marketplace_daily_kpis (Looker dashboard 7, also reached through the explore
    // marketplace_kpis), the explore marketplace_kpis.
    void demoRevenueMart()
    {
        const auto i = m_demo->indexOf(demo::initialFocusKey());
        QVERIFY(i != LineageGraph::npos);
        const Routing r = routeIncident(*m_demo, i);
        QCOMPARE(r.downstreamCount, 5);
        QCOMPARE(r.channels(), (QStringList {"#data-finance-alerts", "#data-platform-alerts"}));
        QCOMPARE(r.recipients.size(), 2);
        QCOMPARE(r.recipients[0].owners, QStringList {"Hannah Kowalski"});
        QCOMPARE(r.recipients[0].teams, QStringList {"Finance Analytics"});
        QCOMPARE(keysOf(r.recipients[0]),
                 (QStringList {"wheelhouse-analytics.marts_finance.mart_dealer_revenue@0",
                               "dbt:exposure:wheelhouse.dealer_revenue_overview@1"}));
        QCOMPARE(r.recipients[1].channel, "#data-platform-alerts");
        QCOMPARE(r.recipients[1].owners, QStringList {"Jonas Lindqvist"});
        QCOMPARE(r.recipients[1].distance, 1);
        QCOMPARE(keysOf(r.recipients[1]),
                 (QStringList {"wheelhouse-analytics.marts_consumer.mart_marketplace_kpis_daily@1",
                               "dbt:exposure:wheelhouse.marketplace_daily_kpis@2"}));
        // The two dashboards; explores are not consumers.
        QCOMPARE(r.consumers.size(), 2);
        QVERIFY(r.gaps.isEmpty());
    }

    // A raw source everything hangs off: 35 assets downstream (26 dbt assets, 9 Looker explores;
    // the 7 dashboards it reaches are exposures among the 26: every dashboard but 102, whose
    // explores read only finance tables), 9 consumers (7 dashboards, the ml model and the
    // application), six channels, nearest first. Recipients by (distance, channel): listings 0
    // (8 assets), pricing 2 (6), consumer/dealers/platform 5 (4, 5, 2), finance 6 (2).
    void demoListingsSource()
    {
        const auto i = m_demo->indexOf("wheelhouse-raw.listings_db.listings");
        QVERIFY(i != LineageGraph::npos);
        const Routing r = routeIncident(*m_demo, i);
        QCOMPARE(r.downstreamCount, 35);
        QCOMPARE(r.consumers.size(), 9);
        QCOMPARE(r.channels(),
                 (QStringList {"#data-listings-alerts", "#pricing-alerts", "#data-consumer-alerts",
                               "#data-dealers-alerts", "#data-platform-alerts", "#data-finance-alerts"}));
        QList<int> distances;
        QList<qsizetype> sizes;
        for (const auto& rec : r.recipients) {
            distances.append(rec.distance);
            sizes.append(rec.assets.size());
        }
        QCOMPARE(distances, (QList<int> {0, 2, 5, 5, 5, 6}));
        QCOMPARE(sizes, (QList<qsizetype> {8, 6, 4, 5, 2, 2}));
        QVERIFY(r.recipients[0].ownsIncidentAsset());
        QCOMPARE(r.recipients[0].owners, QStringList {"Priya Shah"});
        // Dashboard 318 (stock health) through its exposure, at the distance of the shorter path.
        QVERIFY(keysOf(r.recipients[0]).contains("dbt:exposure:wheelhouse.stock_health@5"));
        QCOMPARE(r.recipients[5].owners, QStringList {"Hannah Kowalski"});
        QVERIFY(r.gaps.isEmpty());
        // Depth-limited routing tells only the nearest.
        QCOMPARE(routeIncident(*m_demo, i, 1).channels(), QStringList {"#data-listings-alerts"});
    }

    // 82 dbt assets (20 sources, 3 seeds, 2 snapshots, 47 models, 10 exposures: 8 of them also
    // Looker's dashboards), all with an owner and a channel, plus Looker's 11 explores (no owner,
    // no channel). No consumer lacks a channel, and no asset is silent: every explore feeds a
    // dashboard whose channel hears of it.
    void demoOwnershipIsComplete()
    {
        const auto report = ownershipGaps(*m_demo);
        QCOMPARE(report.assets, 93);
        QCOMPARE(report.withOwner, 82);
        QCOMPARE(report.withChannel, 82);
        QVERIFY(report.consumers.isEmpty());
        QVERIFY(report.silent.isEmpty());
    }

    void outOfRange()
    {
        const Routing r = routeIncident(*m_pagila, LineageGraph::npos);
        QVERIFY(r.asset.key.isEmpty());
        QVERIFY(r.recipients.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
