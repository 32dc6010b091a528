// The estate-wide overview: nested groups so that Graphviz gets a small picture however large
// the estate (model/layout/overview.h).
#include "layout/overview.h"
#include "layout/viewcontent.h"

#include <QTest>

#include <numeric>

using namespace sightline;

namespace {

// `datasets` BigQuery datasets of 40 tables ("proj.ds_0000" ...), each table read by one table
// of the next dataset; `dashboards` Looker dashboards, dashboard j reading table j*13 (mod the
// table count), so every dataset feeds some dashboard.
LineageGraph estate(int datasets, int dashboards)
{
    QList<Asset> assets;
    QList<Edge> edges;
    const int tables = datasets * 40;
    for (int i = 0; i < tables; ++i) {
        Asset a;
        a.key = QStringLiteral("proj.ds_%1.t%2").arg(i / 40, 4, 10, QLatin1Char('0')).arg(i);
        a.database = QStringLiteral("proj");
        a.schema = QStringLiteral("ds_%1").arg(i / 40, 4, 10, QLatin1Char('0'));
        a.name = QStringLiteral("t%1").arg(i);
        a.kind = AssetKind::Table;
        a.platform = QStringLiteral("bigquery");
        assets.append(a);
        if (i >= 40)
            edges.append({assets[i - 40].key, a.key});
    }
    for (int j = 0; j < dashboards; ++j) {
        Asset a;
        a.key = QStringLiteral("looker:dashboard:%1").arg(j);
        a.name = QStringLiteral("Dashboard %1").arg(j);
        a.kind = AssetKind::Dashboard;
        a.platform = QStringLiteral("looker");
        assets.append(a);
        edges.append({assets[(j * 13) % tables].key, a.key});
    }
    return LineageGraph(assets, edges);
}

ViewContent overviewOf(const LineageGraph& graph, const QStringList& expanded = {}, const QStringList& collapsed = {},
                       qsizetype maxNodes = kMaxLayoutNodes)
{
    ViewSpec spec;
    spec.expandedGroups = expanded;
    spec.collapsedGroups = collapsed;
    spec.maxNodes = maxNodes;
    return composeView(graph, spec);
}

qsizetype assetsIn(const GroupedLineage& picture)
{
    qsizetype total = 0;
    for (const auto& node : picture.nodes)
        total += node.count;
    return total;
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void largeEstateNestsUnderPlatforms()
    {
        const LineageGraph graph = estate(750, 5000); // 35,000 assets
        QCOMPARE(chooseOverviewLevels(graph, {0, 1, 2}, std::nullopt, kMaxOverviewGroups),
                 std::vector<GroupBy> {GroupBy::Dataset});
        std::vector<LineageGraph::Index> all(size_t(graph.size()));
        std::iota(all.begin(), all.end(), LineageGraph::Index(0));
        QCOMPARE(
            chooseOverviewLevels(graph, all, std::nullopt, kMaxOverviewGroups),
            (std::vector<GroupBy> {GroupBy::Platform, GroupBy::Database, GroupBy::DatasetFamily, GroupBy::Dataset}));
        QCOMPARE(chooseOverviewLevels(graph, all, GroupBy::Owner, kMaxOverviewGroups),
                 std::vector<GroupBy> {GroupBy::Owner}); // every owner empty: one group

        const ViewContent content = overviewOf(graph);
        const GroupedLineage& g = content.picture;
        QVERIFY(content.grouped);
        QCOMPARE(content.reachable, qsizetype(35000));
        // bigquery and looker are too few to be an overview: bigquery opens by itself (one
        // database, one family "proj.ds_*": both skipped) into its 78 largest datasets (all hold
        // 40: the first by key) and "672 more datasets", within 80 boxes with looker.
        QCOMPARE(qsizetype(g.nodes.size()), kMaxOverviewGroups);
        QVERIFY(qsizetype(g.nodes.size()) <= kMaxLayoutNodes);
        QCOMPARE(g.autoExpanded, QStringList {QStringLiteral("bigquery")});
        QCOMPARE(g.nodes.front().group, QStringLiteral("bigquery \u203a proj.ds_0000"));
        QCOMPARE(g.nodes.front().label, QStringLiteral("proj.ds_0000"));
        QCOMPARE(g.nodes.front().parent, QStringLiteral("bigquery"));
        QCOMPARE(g.nodes[77].label, QStringLiteral("proj.ds_0077"));
        QVERIFY(g.nodes[78].more);
        QCOMPARE(g.nodes[78].label, QStringLiteral("672 more datasets"));
        QCOMPARE(g.nodes[78].count, qsizetype(672 * 40));
        QCOMPARE(g.nodes[79].group, QStringLiteral("looker"));
        QCOMPARE(g.nodes[79].by, GroupBy::Platform);
        QCOMPARE(assetsIn(g), graph.size());
        for (const auto& node : g.nodes)
            QVERIFY(node.isGroup());
        // ds_k -> ds_k+1 (77), ds_77 -> the rest (1), every shown dataset -> looker (78), the rest
        // -> looker (1); edges inside a box are not drawn.
        QCOMPARE(qsizetype(g.edges.size()), qsizetype(157));
        QCOMPARE(g.droppedEdges, qsizetype(0));
        for (const auto& e : g.edges)
            QVERIFY(e.from != e.to);
    }

    void opensInPlace()
    {
        const LineageGraph graph = estate(750, 5000);
        // A dataset opens into its 40 tables.
        const GroupedLineage one = overviewOf(graph, {QStringLiteral("bigquery \u203a proj.ds_0003")}).picture;
        QCOMPARE(qsizetype(one.nodes.size()), qsizetype(80 - 1 + 40));
        QCOMPARE(one.nodes[3].asset, graph.indexOf(QStringLiteral("proj.ds_0003.t120")));
        QCOMPARE(one.nodes[3].group, QStringLiteral("bigquery \u203a proj.ds_0003"));
        QCOMPARE(assetsIn(one), graph.size());
        // "672 more datasets" opens into the next page: 79 datasets and "593 more datasets".
        const GroupedLineage page = overviewOf(graph, {QStringLiteral("bigquery \u203a (more)")}).picture;
        QCOMPARE(qsizetype(page.nodes.size()), qsizetype(80 - 1 + 80));
        QCOMPARE(page.nodes[78].label, QStringLiteral("proj.ds_0078"));
        QCOMPARE(page.nodes[157].label, QStringLiteral("593 more datasets"));
        QCOMPARE(page.nodes[157].group, QStringLiteral("bigquery \u203a (more) \u203a (more)"));
        QCOMPARE(assetsIn(page), graph.size());
        // Closed by hand: the two platforms only.
        const GroupedLineage closed = overviewOf(graph, {}, {QStringLiteral("bigquery")}).picture;
        QCOMPARE(qsizetype(closed.nodes.size()), qsizetype(2));
        QCOMPARE(closed.nodes[0].count, qsizetype(30000));
    }

    void expansionRefusedAboveCap()
    {
        const LineageGraph graph = estate(750, 5000);
        // Looker's 5,000 dashboards would make 5,079 nodes; the dataset after it still fits.
        const GroupedLineage g =
            overviewOf(graph, {QStringLiteral("looker"), QStringLiteral("bigquery \u203a proj.ds_0001")}).picture;
        QCOMPARE(g.refusedExpansions, QStringList {QStringLiteral("looker")});
        QCOMPARE(qsizetype(g.nodes.size()), qsizetype(119));
        const GroupedLineage capped =
            overviewOf(graph, {QStringLiteral("bigquery \u203a proj.ds_0001")}, {}, 100).picture;
        QCOMPARE(capped.refusedExpansions, QStringList {QStringLiteral("bigquery \u203a proj.ds_0001")});
        QCOMPARE(qsizetype(capped.nodes.size()), qsizetype(80));
    }

    void smallEstateGroupsByDataset()
    {
        const LineageGraph graph = estate(12, 3);
        const GroupedLineage g = overviewOf(graph).picture;
        // 12 datasets and looker:dashboard: 13 boxes, one level, nothing opened by itself.
        QCOMPARE(qsizetype(g.nodes.size()), qsizetype(13));
        QVERIFY(g.autoExpanded.isEmpty());
        QCOMPARE(g.nodes.front().group, QStringLiteral("looker:dashboard"));
        QCOMPARE(g.nodes.front().by, GroupBy::Dataset);
    }

    void edgesCapped()
    {
        // Every dashboard reads one table; 300 datasets by owner would all be boxes; force many
        // bundles by reading across: the cap keeps the heaviest.
        const LineageGraph graph = estate(750, 5000);
        std::vector<LineageGraph::Index> all(size_t(graph.size()));
        std::iota(all.begin(), all.end(), LineageGraph::Index(0));
        OverviewSpec spec;
        spec.maxEdges = 50;
        const GroupedLineage g = overviewLineage(graph, all, spec);
        QCOMPARE(qsizetype(g.edges.size()), qsizetype(50));
        QCOMPARE(g.droppedEdges, qsizetype(107));
    }

    void familiesMakeALayeredOverview()
    {
        // 100 raw_, 100 stg_ and 90 mart_ datasets of 40 tables in one project, each stg table
        // reading a raw one and each mart table a stg one, and 20 dashboards on marts.
        QList<Asset> assets;
        QList<Edge> edges;
        const auto table = [&](const QString& family, int i) {
            Asset a;
            a.database = QStringLiteral("proj");
            a.schema = QStringLiteral("%1_%2").arg(family).arg(i / 40);
            a.name = QStringLiteral("%1_t%2").arg(family).arg(i);
            a.key = QStringLiteral("proj.%1.%2").arg(a.schema, a.name);
            a.platform = QStringLiteral("bigquery");
            assets.append(a);
            return a.key;
        };
        for (int i = 0; i < 4000; ++i)
            table(QStringLiteral("raw"), i);
        for (int i = 0; i < 4000; ++i)
            edges.append({QStringLiteral("proj.raw_%1.raw_t%2").arg(i / 40).arg(i), table(QStringLiteral("stg"), i)});
        for (int i = 0; i < 3600; ++i)
            edges.append({QStringLiteral("proj.stg_%1.stg_t%2").arg(i / 40).arg(i), table(QStringLiteral("mart"), i)});
        for (int j = 0; j < 20; ++j) {
            Asset a;
            a.key = QStringLiteral("looker:dashboard:%1").arg(j);
            a.platform = QStringLiteral("looker");
            assets.append(a);
            edges.append({QStringLiteral("proj.mart_%1.mart_t%2").arg(j).arg(j * 40), a.key});
        }
        const LineageGraph graph(assets, edges);
        const GroupedLineage g = overviewOf(graph).picture;
        QStringList labels;
        for (const auto& node : g.nodes)
            labels.append(node.label);
        // bigquery opens into its three families (no paging); the families would need paging
        // (raw_, stg_: 100 datasets each, above 80) or pass the 80 boxes (mart_: 90).
        QCOMPARE(labels, QStringList({"proj.mart_*", "proj.raw_*", "proj.stg_*", "looker"}));
        QCOMPARE(g.nodes[0].by, GroupBy::DatasetFamily);
        QCOMPARE(g.nodes[0].count, qsizetype(3600));
        // raw_* -> stg_* (100 bundled edges... one bundle of 4,000), stg_* -> mart_*, mart_* -> looker.
        QCOMPARE(qsizetype(g.edges.size()), qsizetype(3));
        // Opening a family pages its datasets.
        const GroupedLineage open = overviewOf(graph, {QStringLiteral("bigquery \u203a proj.raw_*")}).picture;
        QCOMPARE(qsizetype(open.nodes.size()), qsizetype(3 + 80));
        QCOMPARE(open.nodes[1].label, QStringLiteral("proj.raw_0"));
        QCOMPARE(open.nodes[80].label, QStringLiteral("21 more datasets"));
    }

    void deterministic()
    {
        const LineageGraph graph = estate(200, 500);
        const QStringList open {QStringLiteral("bigquery \u203a proj.ds_0010")};
        const GroupedLineage a = overviewOf(graph, open).picture;
        const GroupedLineage b = overviewOf(graph, open).picture;
        QCOMPARE(a.nodes.size(), b.nodes.size());
        for (size_t i = 0; i < a.nodes.size(); ++i) {
            QCOMPARE(a.nodes[i].group, b.nodes[i].group);
            QCOMPARE(a.nodes[i].asset, b.nodes[i].asset);
        }
        QCOMPARE(a.edges.size(), b.edges.size());
    }
};

QTEST_GUILESS_MAIN(TestOverview)
#include "tst_overview.moc"
