// Times layout() on generated lineage-shaped graphs: the median of several runs per size, and
// checks the 200-node budget (150 ms). Usage: bench_layout [--runs N] [SIZE...] (default 200 1000)

#include "layout/layout.h"
#include "layout/neighbourhood.h"
#include "lineage/lineagegraph.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace sightline;

namespace {

constexpr double kBudgetMs = 150;
constexpr int kBudgetNodes = 200;

class Random
{
public:
    explicit Random(std::uint32_t seed)
        : m_state(seed)
    {
    }
    int below(int bound)
    {
        m_state = m_state * 1664525u + 1013904223u;
        return int((m_state >> 8) % std::uint32_t(std::max(bound, 1)));
    }

private:
    std::uint32_t m_state;
};

// What a dbt estate's neighbourhood looks like: a quarter sources, a quarter staging models with
// one source each, a fifth intermediate models joining two or three staging models, a fifth marts
// joining two to four earlier models, the rest dashboards reading one to three marts. Node widths
// vary as measured names do; the height is the view's two-line node.
LayoutRequest lineageShaped(int n)
{
    Random random(20221219u + std::uint32_t(n));
    LayoutRequest request;
    for (int i = 0; i < n; ++i)
        request.nodeSizes.append(QSizeF(120 + random.below(141), 44));
    const int sources = n / 4;
    const int staging = sources + n / 4;
    const int intermediate = staging + n / 5;
    const int marts = intermediate + n / 5;
    qsizetype firstOfNode = 0; // edges are added node by node: duplicates can only be recent
    auto link = [&request, &firstOfNode](int from, int to) {
        const LayoutEdge e {from, to};
        if (from != to && std::find(request.edges.begin() + firstOfNode, request.edges.end(), e) == request.edges.end())
            request.edges.append(e);
    };
    for (int i = sources; i < n; ++i) {
        firstOfNode = request.edges.size();
        if (i < staging) {
            link(random.below(sources), i);
        } else if (i < intermediate) {
            for (int k = 2 + random.below(2); k > 0; --k)
                link(sources + random.below(staging - sources), i);
        } else if (i < marts) {
            for (int k = 2 + random.below(3); k > 0; --k)
                link(sources + random.below(i - sources), i);
        } else {
            for (int k = 1 + random.below(3); k > 0; --k)
                link(intermediate + random.below(marts - intermediate), i);
        }
    }
    return request;
}

// The part that runs on the GUI thread before a layout is submitted: picking the neighbourhood
// of a widely used asset in a 50,000-asset estate, unlimited depth, cut at kMaxLayoutNodes. The
// focus is a calendar seed that every 20th model joins, as such seeds are.
void benchNeighbourhood()
{
    const int n = 50000;
    LayoutRequest shape = lineageShaped(n);
    for (int i = n / 4; i < n; i += 20)
        shape.edges.append(LayoutEdge {0, i});
    QList<Asset> assets(n);
    for (int i = 0; i < n; ++i)
        assets[i].key = QStringLiteral("asset_%1").arg(i);
    QList<Edge> edges;
    edges.reserve(shape.edges.size());
    for (const LayoutEdge& e : shape.edges)
        edges.append(Edge {assets[e.from].key, assets[e.to].key});
    const LineageGraph graph(assets, edges);
    QElapsedTimer timer;
    timer.start();
    const Neighbourhood hood = boundedNeighbourhood(graph, 0, -1, -1);
    std::printf("neighbourhood in a %d-asset estate (%lld edges): %lld of %lld reachable assets kept, %.1f ms\n", n,
                static_cast<long long>(graph.edgeCount()), static_cast<long long>(hood.nodes.size()),
                static_cast<long long>(hood.reachable), double(timer.nsecsElapsed()) / 1e6);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 9;
    if (args.size() >= 2 && args.first() == QLatin1String("--runs")) {
        runs = std::max(1, args.at(1).toInt());
        args = args.mid(2);
    }
    std::vector<int> sizes;
    for (const QString& a : std::as_const(args))
        sizes.push_back(a.toInt());
    if (sizes.empty())
        sizes = {kBudgetNodes, 1000};

    QElapsedTimer timer;
    timer.start();
    prepareLayoutEngine();
    std::printf("graphviz context: %.1f ms (once per process)\n", double(timer.nsecsElapsed()) / 1e6);

    bool withinBudget = true;
    for (int n : sizes) {
        const LayoutRequest request = lineageShaped(n);
        std::vector<double> ms;
        LayoutResult result;
        const int count = n > 500 ? std::min(runs, 3) : runs; // big graphs take seconds each
        for (int r = 0; r < count; ++r) {
            timer.restart();
            result = layout(request);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!result.ok()) {
                std::fprintf(stderr, "layout failed: %s\n", qPrintable(result.error));
                return 2;
            }
        }
        const double m = median(ms);
        std::printf("%5d nodes %5d edges: median %8.1f ms, min %8.1f, max %8.1f over %d runs (%.0f x %.0f pt)", n,
                    int(request.edges.size()), m, *std::min_element(ms.begin(), ms.end()),
                    *std::max_element(ms.begin(), ms.end()), count, result.bounds.width(), result.bounds.height());
        if (n == kBudgetNodes) {
            std::printf("  budget %.0f ms: %s", kBudgetMs, m <= kBudgetMs ? "ok" : "OVER");
            withinBudget = withinBudget && m <= kBudgetMs;
        }
        std::printf("\n");
    }
    benchNeighbourhood();
    return withinBudget ? 0 : 1;
}
