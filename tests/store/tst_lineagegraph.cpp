#include "lineage/lineagegraph.h"

#include <QTest>

using namespace sightline;

namespace {
LineageGraph chain()
{
    // a -> b -> c -> d, b -> e, and a cycle d -> b (a MERGE job writing back)
    QList<Asset> assets;
    for (const char* k : {"a", "b", "c", "d", "e"}) {
        Asset x;
        x.key = QString::fromLatin1(k);
        assets.append(x);
    }
    auto e = [](const char* f, const char* t) { return Edge {QString::fromLatin1(f), QString::fromLatin1(t)}; };
    return LineageGraph(assets, {e("a", "b"), e("b", "c"), e("c", "d"), e("b", "e"), e("d", "b")});
}

QStringList keys(const LineageGraph& g, const std::vector<LineageGraph::Reached>& r)
{
    QStringList out;
    for (const auto& x : r)
        out.append(g.asset(x.node).key + u'@' + QString::number(x.distance));
    return out;
}
} // namespace

class TestLineageGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closures()
    {
        const auto g = chain();
        QCOMPARE(keys(g, g.closureDown(g.indexOf(QStringLiteral("a")), -1)), QStringList({"b@1", "c@2", "e@2", "d@3"}));
        QCOMPARE(keys(g, g.closureDown(g.indexOf(QStringLiteral("a")), 1)), QStringList({"b@1"}));
        QCOMPARE(keys(g, g.closureUp(g.indexOf(QStringLiteral("c")), -1)), QStringList({"b@1", "a@2", "d@2"}));
        QVERIFY(g.closureUp(g.indexOf(QStringLiteral("a")), -1).empty());
    }

    void neighbourhoodHasEdgesAmongMembersOnce()
    {
        const auto g = chain();
        const auto sub = g.neighbourhood(g.indexOf(QStringLiteral("c")), 1, 1);
        QCOMPARE(sub.nodes.size(), size_t(3)); // c, b, d
        QCOMPARE(g.asset(sub.nodes[0]).key, QStringLiteral("c"));
        QCOMPARE(sub.edges.size(), size_t(3)); // b->c, c->d, d->b
    }

    void unknownEdgesAreIgnored()
    {
        Asset a;
        a.key = QStringLiteral("a");
        const LineageGraph g({a}, {Edge {QStringLiteral("a"), QStringLiteral("zz")}});
        QCOMPARE(g.edgeCount(), 0);
        QCOMPARE(g.indexOf(QStringLiteral("zz")), LineageGraph::npos);
    }
};

QTEST_GUILESS_MAIN(TestLineageGraph)
#include "tst_lineagegraph.moc"
