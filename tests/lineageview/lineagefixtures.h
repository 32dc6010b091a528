#pragma once
// The lineage view tests' fixtures: a used-car marketplace in miniature and a wide estate.

#include "lineage/lineagegraph.h"
#include "lineage/lineagenodeitem.h"
#include "lineage/lineageview.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QSignalSpy>
#include <QSize>
#include <QTest>

#include <memory>
#include <optional>

namespace sightline::test {

using namespace sightline;
using namespace sightline::ui;

inline const QString kRawListings = QStringLiteral("autohub-raw.marketplace.listings");
inline const QString kRawDealers = QStringLiteral("autohub-raw.marketplace.dealers");
inline const QString kRawLeads = QStringLiteral("autohub-raw.crm.leads");
inline const QString kRawViews = QStringLiteral("autohub-raw.tracking.page_views");
inline const QString kStgListings = QStringLiteral("autohub-prod.staging.stg_listings");
inline const QString kStgDealers = QStringLiteral("autohub-prod.staging.stg_dealers");
inline const QString kStgLeads = QStringLiteral("autohub-prod.staging.stg_leads");
inline const QString kStgViews = QStringLiteral("autohub-prod.staging.stg_page_views");
inline const QString kCountries = QStringLiteral("autohub-prod.seeds.country_codes");
inline const QString kIntPerformance = QStringLiteral("autohub-prod.intermediate.int_listing_performance");
inline const QString kDimDealers = QStringLiteral("autohub-prod.marts.dim_dealers");
inline const QString kFctLeads = QStringLiteral("autohub-prod.marts.fct_leads");
inline const QString kFctListingDaily = QStringLiteral("autohub-prod.marts.fct_listing_daily");
inline const QString kDealerSnapshot = QStringLiteral("autohub-prod.snapshots.dealers_snapshot");
inline const QString kDashDealers = QStringLiteral("dbt:dashboard:autohub.dealer_performance");
inline const QString kDashLeads = QStringLiteral("dbt:dashboard:autohub.lead_funnel");

inline Asset asset(const QString& key, AssetKind kind, const QString& platform)
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.platform = platform;
    a.name = key.section(QLatin1Char(key.startsWith(QLatin1String("dbt:")) ? ':' : '.'), -1);
    return a;
}

// A used-car marketplace in miniature: raw BigQuery sources, dbt staging, an intermediate
// model, marts, a seed, a snapshot and two Looker dashboards declared as exposures.
inline std::shared_ptr<const LineageGraph> marketplace()
{
    const QList<Asset> assets = {
        asset(kRawListings, AssetKind::Source, "bigquery"),    asset(kRawDealers, AssetKind::Source, "bigquery"),
        asset(kRawLeads, AssetKind::Source, "bigquery"),       asset(kRawViews, AssetKind::Source, "bigquery"),
        asset(kStgListings, AssetKind::Model, "bigquery"),     asset(kStgDealers, AssetKind::Model, "bigquery"),
        asset(kStgLeads, AssetKind::Model, "bigquery"),        asset(kStgViews, AssetKind::Model, "bigquery"),
        asset(kCountries, AssetKind::Seed, "bigquery"),        asset(kIntPerformance, AssetKind::Model, "bigquery"),
        asset(kDimDealers, AssetKind::Model, "bigquery"),      asset(kFctLeads, AssetKind::Model, "bigquery"),
        asset(kFctListingDaily, AssetKind::Model, "bigquery"), asset(kDealerSnapshot, AssetKind::Snapshot, "bigquery"),
        asset(kDashDealers, AssetKind::Dashboard, "looker"),   asset(kDashLeads, AssetKind::Dashboard, "looker"),
    };
    const QList<Edge> edges = {
        {kRawListings, kStgListings},
        {kRawDealers, kStgDealers},
        {kRawLeads, kStgLeads},
        {kRawViews, kStgViews},
        {kStgListings, kIntPerformance},
        {kStgViews, kIntPerformance},
        {kStgLeads, kIntPerformance},
        {kStgDealers, kDimDealers},
        {kCountries, kDimDealers},
        {kStgDealers, kDealerSnapshot},
        {kStgLeads, kFctLeads},
        {kStgListings, kFctLeads},
        {kIntPerformance, kFctListingDaily},
        {kDimDealers, kFctListingDaily},
        {kFctListingDaily, kDashDealers},
        {kDimDealers, kDashDealers},
        {kFctLeads, kDashLeads},
    };
    return std::make_shared<const LineageGraph>(assets, edges);
}

// One mart fed by n staging models, each fed by two sources, read by n/4 dashboards.
inline std::shared_ptr<const LineageGraph> wideEstate(int n)
{
    QList<Asset> assets {asset(QStringLiteral("mart_0"), AssetKind::Model, QStringLiteral("bigquery"))};
    QList<Edge> edges;
    for (int i = 0; i < n; ++i) {
        const QString stg = QStringLiteral("stg_%1").arg(i);
        assets.append(asset(stg, AssetKind::Model, QStringLiteral("bigquery")));
        edges.append({stg, QStringLiteral("mart_0")});
        for (int s = 0; s < 2; ++s) {
            const QString src = QStringLiteral("src_%1_%2").arg(i).arg(s);
            assets.append(asset(src, AssetKind::Source, QStringLiteral("bigquery")));
            edges.append({src, stg});
        }
    }
    for (int d = 0; d < n / 4; ++d) {
        const QString dash = QStringLiteral("dash_%1").arg(d);
        assets.append(asset(dash, AssetKind::Dashboard, QStringLiteral("looker")));
        edges.append({QStringLiteral("mart_0"), dash});
    }
    return std::make_shared<const LineageGraph>(assets, edges);
}

// Where most view tests start: a lineage view (on screen or not), a spy on its finished layouts,
// and the first layout of a graph around a focus.
struct ViewUnderTest
{
    explicit ViewUnderTest(QSize size = {})
    {
        if (size.isValid())
            view.resize(size);
    }
    // Shows the view; whether its window was exposed.
    [[nodiscard]] bool show()
    {
        view.show();
        return QTest::qWaitForWindowExposed(&view);
    }
    // Gives the view graph, at depth both ways if given (else the view's own: 1), focused on
    // focus unless it is empty; whether the layout then finished within timeout ms.
    [[nodiscard]] bool open(std::shared_ptr<const LineageGraph> graph, const QString& focus = {},
                            std::optional<int> depth = std::nullopt, int timeout = 5000)
    {
        view.setGraph(std::move(graph));
        if (depth)
            view.setDepth(*depth, *depth);
        if (!focus.isEmpty())
            view.setFocusAsset(focus);
        return finished.wait(timeout);
    }

    LineageView view;
    QSignalSpy finished {&view, &LineageView::layoutFinished};
};

inline QStringList sorted(QStringList keys)
{
    keys.sort();
    return keys;
}

inline LineageNodeItem* nodeItem(const LineageView& view, const QString& key)
{
    const QList<QGraphicsItem*> items = view.graphicsView()->scene()->items();
    for (QGraphicsItem* item : items) {
        auto* node = qgraphicsitem_cast<LineageNodeItem*>(item);
        if (node && node->key() == key)
            return node;
    }
    return nullptr;
}

inline int countItems(const LineageView& view, int type)
{
    int n = 0;
    const QList<QGraphicsItem*> items = view.graphicsView()->scene()->items();
    for (const QGraphicsItem* item : items)
        n += item->type() == type ? 1 : 0;
    return n;
}

inline QPoint viewportPos(const LineageView& view, const QString& key)
{
    const LineageNodeItem* node = nodeItem(view, key);
    return node ? view.graphicsView()->mapFromScene(node->sceneBoundingRect().center()) : QPoint();
}

} // namespace sightline::test
