#include "layout/grouping.h"

#include <QTest>

using namespace sightline;

namespace {

Asset asset(const QString& key, const QString& platform, const QString& owner)
{
    Asset a;
    a.key = key;
    a.name = key;
    a.platform = platform;
    a.owner = owner;
    return a;
}

// Two warehouse schemas and a BI tool:
//   w.raw.a, w.raw.b -> w.mart.x ; w.raw.b -> w.mart.y ; w.mart.x, w.mart.y -> looker:dashboard:d
//   w.raw.a -> w.raw.b (inside one group)
LineageGraph smallEstate()
{
    const QList<Asset> assets = {
        asset("w.raw.a", "bigquery", "ana"),         asset("w.raw.b", "bigquery", "ana"),
        asset("w.mart.x", "bigquery", "bo"),         asset("w.mart.y", "bigquery", QString()),
        asset("looker:dashboard:d", "looker", "bo"),
    };
    const QList<Edge> edges = {
        {"w.raw.a", "w.mart.x"},
        {"w.raw.b", "w.mart.x"},
        {"w.raw.b", "w.mart.y"},
        {"w.mart.x", "looker:dashboard:d"},
        {"w.mart.y", "looker:dashboard:d"},
        {"w.raw.a", "w.raw.b"},
    };
    return LineageGraph(assets, edges);
}

// A generated estate: `schemas` schemas of `perSchema` tables, each table fed by the table of
// the same position in the previous schema.
LineageGraph chain(int schemas, int perSchema)
{
    QList<Asset> assets;
    QList<Edge> edges;
    for (int s = 0; s < schemas; ++s) {
        for (int t = 0; t < perSchema; ++t) {
            assets.append(asset(QStringLiteral("db.s%1.t%2").arg(s, 4, 10, QLatin1Char('0')).arg(t), "bigquery",
                                QStringLiteral("owner%1").arg(t % 3)));
            if (s > 0)
                edges.append(
                    {QStringLiteral("db.s%1.t%2").arg(s - 1, 4, 10, QLatin1Char('0')).arg(t), assets.last().key});
        }
    }
    return LineageGraph(assets, edges);
}

QString describe(const LineageGraph& graph, const GroupedLineage& g)
{
    QStringList parts;
    for (const auto& node : g.nodes)
        parts.append(node.isGroup() ? QStringLiteral("[%1 x%2]").arg(node.group).arg(node.count)
                                    : graph.asset(node.asset).key);
    QStringList edges;
    for (const auto& e : g.edges)
        edges.append(QStringLiteral("%1>%2:%3").arg(e.from).arg(e.to).arg(e.count));
    return parts.join(u' ') + QStringLiteral(" | ") + edges.join(u' ');
}

} // namespace

class TestGrouping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupKeys_data()
    {
        QTest::addColumn<int>("by");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::addRow("relation dataset") << int(GroupBy::Dataset) << "w.raw.a"
                                          << "w.raw";
        QTest::addRow("system dataset") << int(GroupBy::Dataset) << "looker:dashboard:d"
                                        << "looker:dashboard";
        QTest::addRow("platform") << int(GroupBy::Platform) << "looker:dashboard:d"
                                  << "looker";
        QTest::addRow("owner") << int(GroupBy::Owner) << "w.raw.a"
                               << "ana";
        QTest::addRow("no owner") << int(GroupBy::Owner) << "w.mart.y"
                                  << "(no owner)";
        QTest::addRow("no team") << int(GroupBy::Team) << "w.mart.y"
                                 << "(no team)";
    }
    void groupKeys()
    {
        QFETCH(int, by);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        const LineageGraph graph = smallEstate();
        QCOMPARE(groupKeyOf(graph.asset(graph.indexOf(key)), GroupBy(by)), expected);
    }

    void countsAndBundles()
    {
        const LineageGraph graph = smallEstate();
        const GroupedLineage g = groupLineage(graph, {}, GroupBy::Dataset);
        // Groups sorted by key; the edge inside w.raw is not drawn; two raw->mart edges into x and
        // one into y bundle into 3, the two mart->dashboard edges into 2.
        QCOMPARE(describe(graph, g), QStringLiteral("[looker:dashboard x1] [w.mart x2] [w.raw x2] | 1>0:2 2>1:3"));
        QCOMPARE(g.otherGroups, 0);
    }

    void pinnedAndExpanded()
    {
        const LineageGraph graph = smallEstate();
        const GroupedLineage g =
            groupLineage(graph, {}, GroupBy::Dataset, {graph.indexOf("w.mart.x")}, {QStringLiteral("w.raw")});
        QCOMPARE(describe(graph, g),
                 QStringLiteral("w.mart.x [looker:dashboard x1] [w.mart x1] w.raw.a w.raw.b | "
                                "0>1:1 2>1:1 3>0:1 3>4:1 4>0:1 4>2:1"));
    }

    void expansionRefusedAboveCap()
    {
        const LineageGraph graph = chain(10, 50); // 500 assets in 10 datasets
        const GroupedLineage g =
            groupLineage(graph, {}, GroupBy::Dataset, {}, {QStringLiteral("db.s0000"), QStringLiteral("db.s0001")}, 60);
        // 10 groups; opening the first adds 49 nodes (59 <= 60), the second would make 108.
        QCOMPARE(qsizetype(g.nodes.size()), 59);
        QCOMPARE(g.refusedExpansions, QStringList {QStringLiteral("db.s0001")});
    }

    void thresholdRespected_data()
    {
        QTest::addColumn<int>("schemas");
        QTest::addColumn<int>("cap");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<int>("other");
        QTest::addRow("fits") << 20 << 100 << 20 << 0;
        QTest::addRow("exactly") << 100 << 100 << 100 << 0;
        QTest::addRow("one over") << 101 << 100 << 100 << 2;
        QTest::addRow("many over") << 3000 << 1000 << 1000 << 2001;
    }
    void thresholdRespected()
    {
        QFETCH(int, schemas);
        QFETCH(int, cap);
        QFETCH(int, nodes);
        QFETCH(int, other);
        const LineageGraph graph = chain(schemas, 2);
        const GroupedLineage g = groupLineage(graph, {}, GroupBy::Dataset, {}, {}, cap);
        QCOMPARE(qsizetype(g.nodes.size()), qsizetype(nodes));
        QCOMPARE(g.otherGroups, qsizetype(other));
        qsizetype total = 0;
        for (const auto& node : g.nodes)
            total += node.count;
        QCOMPARE(total, graph.size()); // every asset is somewhere, once
    }

    void overviewCapsGroupsAndEdges()
    {
        // 300 datasets of 2 tables in a chain: 299 bundles between consecutive datasets.
        const LineageGraph graph = chain(300, 2);
        const GroupedLineage g = groupLineage(graph, {}, GroupBy::Dataset, {}, {}, 1000, 150, 100);
        QCOMPARE(qsizetype(g.nodes.size()), 150);
        QCOMPARE(g.otherGroups, 151);
        QCOMPARE(qsizetype(g.edges.size()), 100);
        // 149 kept groups in a chain and "(other groups)" after them: 149 bundles of 2 edges each.
        QCOMPARE(g.droppedEdges, 49);
    }

    void deterministic()
    {
        const LineageGraph graph = chain(40, 30);
        const GroupedLineage a = groupLineage(graph, {}, GroupBy::Owner, {5}, {QStringLiteral("owner1")}, 400);
        const GroupedLineage b = groupLineage(graph, {}, GroupBy::Owner, {5}, {QStringLiteral("owner1")}, 400);
        QCOMPARE(describe(graph, a), describe(graph, b));
        // owner0 and owner1 hold 400 assets, owner2 399 (one is pinned): 4 nodes, and opening owner1
        // would make 403 > 400.
        QCOMPARE(a.refusedExpansions, QStringList {QStringLiteral("owner1")});
        QCOMPARE(qsizetype(a.nodes.size()), 4);
    }
};

QTEST_GUILESS_MAIN(TestGrouping)
#include "tst_grouping.moc"
