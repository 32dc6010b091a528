#include "layout/layout.h"
#include "layout/layoutservice.h"
#include "layout/neighbourhood.h"

#include <QSignalSpy>
#include <QTest>

#include <cstdint>
#include <memory>

using namespace sightline;

namespace {

struct Shape
{
    int nodes = 0;
    QList<LayoutEdge> edges;
};

LayoutRequest requestFor(const Shape& shape)
{
    LayoutRequest r;
    for (int i = 0; i < shape.nodes; ++i)
        r.nodeSizes.append(QSizeF(90 + (i % 4) * 20, 34 + (i % 3) * 4)); // varied, whole points
    r.edges = shape.edges;
    return r;
}

Shape chain(int n)
{
    Shape s {n, {}};
    for (int i = 0; i + 1 < n; ++i)
        s.edges.append({i, i + 1});
    return s;
}

// A dbt-like estate: sources feed staging models, which feed marts, which feed dashboards; each
// node picks one to three parents from the layers before it (deterministic pseudo-random).
Shape lineageShaped(int n)
{
    Shape s {n, {}};
    std::uint32_t state = 12345;
    auto next = [&state](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    const int sources = n * 3 / 10;
    for (int i = sources; i < n; ++i) {
        const int parents = 1 + int(next(3));
        for (int p = 0; p < parents; ++p) {
            // Prefer recent nodes (the layer just before) but reach back now and then.
            const int window = std::max(1, std::min(i, p == 0 ? sources : i));
            const int parent = i - 1 - int(next(std::uint32_t(window)));
            if (!s.edges.contains(LayoutEdge {parent, i}))
                s.edges.append({parent, i});
        }
    }
    return s;
}

LineageGraph graphOf(const QStringList& keys, const QList<std::pair<QString, QString>>& edges)
{
    QList<Asset> assets;
    for (const QString& k : keys) {
        Asset a;
        a.key = k;
        a.name = k;
        assets.append(a);
    }
    QList<Edge> e;
    for (const auto& [from, to] : edges)
        e.append(Edge {from, to});
    return LineageGraph(assets, e);
}

// Bezier routes are a start point plus three points per segment.
bool wellFormed(const EdgeRoute& route)
{
    return route.points.size() >= 4 && (route.points.size() - 1) % 3 == 0;
}

bool onBorder(QPointF p, const QRectF& r)
{
    return r.adjusted(-1.5, -1.5, 1.5, 1.5).contains(p) && !r.adjusted(1.5, 1.5, -1.5, -1.5).contains(p);
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyRequest()
    {
        const LayoutResult r = layout(LayoutRequest {});
        QVERIFY(r.ok());
        QVERIFY(r.nodes.isEmpty());
        QVERIFY(r.edges.isEmpty());
        QVERIFY(r.bounds.isNull());
    }

    void invalidRequests()
    {
        LayoutRequest dangling = requestFor(chain(2));
        dangling.edges.append({1, 2});
        QVERIFY(!layout(dangling).ok());

        LayoutRequest zero = requestFor(chain(2));
        zero.nodeSizes[0] = QSizeF(0, 10);
        QVERIFY(!layout(zero).ok());

        LayoutRequest huge;
        huge.nodeSizes.fill(QSizeF(10, 10), kMaxLayoutNodes + 1);
        const LayoutResult r = layout(huge);
        QVERIFY(!r.ok());
        QVERIFY(r.nodes.isEmpty());
    }

    void acyclicShapes_data()
    {
        QTest::addColumn<int>("nodes");
        QTest::addColumn<QList<LayoutEdge>>("edges");
        QTest::addRow("single node") << 1 << QList<LayoutEdge> {};
        QTest::addRow("two unconnected") << 2 << QList<LayoutEdge> {};
        QTest::addRow("chain of 5") << 5 << chain(5).edges;
        QTest::addRow("diamond") << 4 << QList<LayoutEdge> {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
        QTest::addRow("fan in") << 6 << QList<LayoutEdge> {{0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}};
        QTest::addRow("parallel edges") << 2 << QList<LayoutEdge> {{0, 1}, {0, 1}};
        const Shape estate = lineageShaped(80);
        QTest::addRow("lineage-shaped 80") << estate.nodes << estate.edges;
    }

    void acyclicShapes()
    {
        QFETCH(int, nodes);
        QFETCH(QList<LayoutEdge>, edges);
        const LayoutRequest request = requestFor(Shape {nodes, edges});
        const LayoutResult r = layout(request);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.nodes.size(), nodes);
        QCOMPARE(r.edges.size(), edges.size());

        for (int i = 0; i < nodes; ++i) {
            // Sizes come back exactly as measured by the caller (fixedsize).
            QCOMPARE(r.nodes[i].size(), request.nodeSizes[i]);
            QVERIFY(r.bounds.contains(r.nodes[i]));
            for (int j = i + 1; j < nodes; ++j)
                QVERIFY2(!r.nodes[i].intersects(r.nodes[j]),
                         qPrintable(QStringLiteral("%1 overlaps %2").arg(i).arg(j)));
        }
        for (int k = 0; k < edges.size(); ++k) {
            const EdgeRoute& route = r.edges[k];
            const QRectF& from = r.nodes[edges[k].from];
            const QRectF& to = r.nodes[edges[k].to];
            QVERIFY(wellFormed(route));
            QVERIFY(route.hasArrow);
            // Left to right: the target's rank lies right of the source's.
            QVERIFY2(to.center().x() > from.center().x(), qPrintable(QStringLiteral("edge %1").arg(k)));
            // The route leaves the source's border and the arrow touches the target's border.
            QVERIFY(onBorder(route.points.first(), from));
            QVERIFY(onBorder(route.arrowTip, to));
            QVERIFY(route.arrowTip.x() > route.points.first().x());
            QVERIFY(r.bounds.adjusted(-1, -1, 1, 1).contains(route.arrowTip));
        }
    }

    void topToBottomFlipsY()
    {
        // Graphviz's y grows upwards; ours grows downwards, so a downstream node sits lower.
        LayoutRequest request = requestFor(chain(3));
        request.direction = LayoutRequest::Direction::TopToBottom;
        const LayoutResult r = layout(request);
        QVERIFY(r.ok());
        QVERIFY(r.nodes[1].center().y() > r.nodes[0].center().y());
        QVERIFY(r.nodes[2].center().y() > r.nodes[1].center().y());
        QVERIFY(r.edges[0].arrowTip.y() > r.edges[0].points.first().y());
        QCOMPARE(r.bounds.top(), 0.0);
    }

    void deterministic()
    {
        const LayoutRequest request = requestFor(lineageShaped(60));
        const LayoutResult first = layout(request);
        QVERIFY(first.ok());
        QCOMPARE(layout(request), first);
        QCOMPARE(layout(LayoutRequest(request)), first);
        QCOMPARE(qHash(request), qHash(LayoutRequest(request)));
    }

    void cycleAndSelfLoop()
    {
        // a -> b -> c -> a, and c -> c (a MERGE job reading and writing its own table).
        const LayoutRequest request = requestFor(Shape {4, {{0, 1}, {1, 2}, {2, 0}, {2, 2}, {3, 0}}});
        const LayoutResult r = layout(request);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.nodes.size(), 4);
        QCOMPARE(r.edges.size(), 5);
        for (const EdgeRoute& route : r.edges) {
            QVERIFY(wellFormed(route));
            QVERIFY(route.hasArrow);
        }
        // Every edge starts at its own source and ends at its own target, whichever way dot
        // ranked it.
        for (int k = 0; k < request.edges.size(); ++k) {
            const QRectF from = r.nodes[request.edges[k].from].adjusted(-2, -2, 2, 2);
            const QRectF to = r.nodes[request.edges[k].to].adjusted(-2, -2, 2, 2);
            QVERIFY2(from.contains(r.edges[k].points.first()), qPrintable(QStringLiteral("edge %1").arg(k)));
            QVERIFY2(to.contains(r.edges[k].arrowTip), qPrintable(QStringLiteral("edge %1").arg(k)));
        }
        // The self-loop leaves the node and comes back to it.
        const EdgeRoute& loop = r.edges[3];
        const QRectF c = r.nodes[2];
        bool leaves = false;
        for (const QPointF& p : loop.points)
            leaves = leaves || !c.contains(p);
        QVERIFY(leaves);
        for (int i = 0; i < 4; ++i) {
            for (int j = i + 1; j < 4; ++j)
                QVERIFY(!r.nodes[i].intersects(r.nodes[j]));
        }
    }

    void neighbourhoodByDistanceAndCut()
    {
        // s1, s2 -> stg -> fct -> dash1, dash2; fct -> fct2 -> dash3
        const LineageGraph g = graphOf({"s1", "s2", "stg", "fct", "dash1", "dash2", "fct2", "dash3"},
                                       {{"s1", "stg"},
                                        {"s2", "stg"},
                                        {"stg", "fct"},
                                        {"fct", "dash1"},
                                        {"fct", "dash2"},
                                        {"fct", "fct2"},
                                        {"fct2", "dash3"}});
        const auto keys = [&g](const Neighbourhood& n) {
            QStringList out;
            for (auto i : n.nodes)
                out.append(g.asset(i).key);
            return out;
        };
        const auto fct = g.indexOf(QStringLiteral("fct"));

        const Neighbourhood one = boundedNeighbourhood(g, fct, 1, 1);
        QCOMPARE(keys(one), QStringList({"fct", "stg", "dash1", "dash2", "fct2"}));
        QCOMPARE(one.edges.size(), size_t(4));
        QVERIFY(!one.truncated());

        const Neighbourhood all = boundedNeighbourhood(g, fct, -1, -1);
        QCOMPARE(keys(all), QStringList({"fct", "stg", "dash1", "dash2", "fct2", "s1", "s2", "dash3"}));
        QCOMPARE(all.edges.size(), size_t(7));

        // Cut at 4: the nearest assets stay, edges to the cut ones go.
        const Neighbourhood cut = boundedNeighbourhood(g, fct, -1, -1, 4);
        QCOMPARE(keys(cut), QStringList({"fct", "stg", "dash1", "dash2"}));
        QCOMPARE(cut.reachable, 8);
        QVERIFY(cut.truncated());
        QCOMPARE(cut.edges.size(), size_t(3));

        QVERIFY(boundedNeighbourhood(g, LineageGraph::npos, 1, 1).nodes.empty());
        QCOMPARE(boundedNeighbourhood(g, fct, 0, 0).nodes.size(), size_t(1));
    }

    void neighbourhoodWithCycle()
    {
        // a -> b is asserted twice, as dbt's parent_map does for a model that refs a parent twice.
        const LineageGraph g = graphOf({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"c", "a"}, {"b", "b"}, {"a", "b"}});
        const Neighbourhood n = boundedNeighbourhood(g, g.indexOf(QStringLiteral("a")), 2, 2);
        QCOMPARE(n.nodes.size(), size_t(3));
        QCOMPARE(n.reachable, 3);
        QCOMPARE(n.edges.size(), size_t(4)); // the self-loop included, a -> b once
    }

    void serviceDeliversLatestAndCaches()
    {
        LayoutService service;
        QObject requester;
        QList<int> delivered; // node counts of delivered results, in order
        const auto record = [&delivered](const LayoutService::ResultPtr& r) { delivered.append(int(r->nodes.size())); };

        const LayoutRequest small = requestFor(chain(3));
        const LayoutRequest big = requestFor(lineageShaped(40));
        const quint64 g1 = service.submit(&requester, big, record);
        const quint64 g2 = service.submit(&requester, small, record); // supersedes the first
        QVERIFY(g2 > g1);
        QVERIFY(delivered.isEmpty()); // never inside submit()
        QTRY_COMPARE(delivered, QList<int>({3}));
        QTest::qWait(50); // the superseded result must not follow
        QCOMPARE(delivered, QList<int>({3}));
        QVERIFY(service.cached(small));

        const int computed = service.layoutsComputed();
        service.submit(&requester, small, record);
        QVERIFY(delivered.size() == 1);
        QTRY_COMPARE(delivered, QList<int>({3, 3}));
        QCOMPARE(service.layoutsComputed(), computed); // served from the cache
    }

    void serviceDropsResultsForGoneOrCancelledRequesters()
    {
        LayoutService service;
        int calls = 0;
        {
            QObject gone;
            service.submit(&gone, requestFor(chain(4)), [&calls](const LayoutService::ResultPtr&) { ++calls; });
        }
        QObject cancelled;
        service.submit(&cancelled, requestFor(chain(5)), [&calls](const LayoutService::ResultPtr&) { ++calls; });
        service.cancel(&cancelled);
        QObject kept;
        bool keptDone = false;
        service.submit(&kept, requestFor(chain(6)),
                       [&keptDone](const LayoutService::ResultPtr& r) { keptDone = r->ok(); });
        QTRY_VERIFY(keptDone);
        QTest::qWait(20);
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
