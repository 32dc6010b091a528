// Builds a lineage-shaped workspace of 100,000 assets / 400,000 edges and measures graph build,
// closures and selector evaluation. Usage: bench_lineage [WORKSPACE] (a temporary file if omitted;
// an existing benchmark workspace is reused).
#include "lineage/graphloader.h"
#include "lineage/lineagegraph.h"
#include "lineage/selector.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>
#include <set>
#include <vector>

using namespace sightline;

namespace {

constexpr int kLayers = 20;
constexpr int kWidth = 5000; // 100,000 assets
constexpr int kEdges = 400000;

QString nameOf(int layer, int j)
{
    return QStringLiteral("m_%1_%2").arg(layer).arg(j);
}

// Layered like a real estate: each asset reads 4 assets of the layer before it, close by (sources
// feed their staging models, staging models their marts), and one in five also reads a random
// asset of any earlier layer (shared dimensions, hubs); topped up with random edges to 400,000.
void generate(Workspace& ws)
{
    auto& db = ws.db();
    sql::Transaction tx(db);
    db.exec(
        "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('bench', 'gen', 'bench', 0)");
    auto asset = db.prepare("INSERT INTO asset (id, key, kind, platform, name, tags, owner, team, database_name, "
                            "schema_name, systems, first_snapshot, last_snapshot) VALUES "
                            "(?1, ?2, ?3, 'bigquery', ?4, ?5, ?6, ?7, 'proj', ?8, '[\"dbt\"]', 1, 1)");
    for (int layer = 0; layer < kLayers; ++layer) {
        for (int j = 0; j < kWidth; ++j) {
            const QString schema = QStringLiteral("layer%1").arg(layer);
            const QString name = nameOf(layer, j);
            asset.bind(1, qint64(layer) * kWidth + j + 1)
                .bind(2, QStringLiteral("proj.") + schema + u'.' + name)
                .bind(3, layer == 0 ? QStringLiteral("source") : QStringLiteral("model"))
                .bind(4, name)
                .bind(5, j % 10 == 0 ? QStringLiteral("[\"nightly\"]") : QStringLiteral("[]"))
                .bind(6, j % 2 == 0 ? QStringLiteral("team-%1@example.com").arg(j % 7) : QString(), true)
                .bind(7, QStringLiteral("team-%1").arg(j % 7))
                .bind(8, schema);
            asset.exec();
            asset.reset();
        }
    }
    std::mt19937 rng(42);
    std::set<std::pair<int, int>> edges;
    auto id = [](int layer, int j) { return layer * kWidth + ((j % kWidth) + kWidth) % kWidth + 1; };
    std::uniform_int_distribution<int> near(-50, 50), any(0, kWidth - 1), percent(0, 99);
    for (int layer = 1; layer < kLayers; ++layer) {
        for (int j = 0; j < kWidth; ++j) {
            for (int k = 0; k < 4; ++k)
                edges.emplace(id(layer - 1, j + near(rng)), id(layer, j));
            if (percent(rng) < 20)
                edges.emplace(id(std::uniform_int_distribution<int>(0, layer - 1)(rng), any(rng)), id(layer, j));
        }
    }
    while (int(edges.size()) < kEdges) {
        const int to = std::uniform_int_distribution<int>(1, kLayers - 1)(rng);
        const int from = std::uniform_int_distribution<int>(0, to - 1)(rng);
        edges.emplace(id(from, any(rng)), id(to, any(rng)));
    }
    while (int(edges.size()) > kEdges)
        edges.erase(std::prev(edges.end()));
    auto edge =
        db.prepare("INSERT INTO edge (from_asset, to_asset, first_snapshot, last_snapshot) VALUES (?1, ?2, 1, 1)");
    for (const auto& [from, to] : edges) {
        edge.bind(1, qint64(from)).bind(2, qint64(to));
        edge.exec();
        edge.reset();
    }
    tx.commit();
}

double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double g_lastCpu = 0; // CPU time of the median run: on a shared, loaded machine wall time is mostly waiting

// Median wall time of runs of f, in milliseconds.
double median(int runs, const std::function<void()>& f)
{
    std::vector<std::pair<double, double>> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        const double cpu = cpuMs();
        t.start();
        f();
        ms.emplace_back(double(t.nsecsElapsed()) / 1e6, cpuMs() - cpu);
    }
    std::sort(ms.begin(), ms.end());
    g_lastCpu = ms[ms.size() / 2].second;
    return ms[ms.size() / 2].first;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : dir.filePath(QStringLiteral("bench.sightline"));
    const bool reuse = QFileInfo::exists(path);
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    if (!reuse) {
        QElapsedTimer t;
        t.start();
        generate(*ws);
        std::printf("generated %d assets, %d edges in %.0f ms\n", kLayers * kWidth, kEdges, double(t.elapsed()));
    }

    std::shared_ptr<const LineageGraph> graph;
    const double lean = median(5, [&] { graph = loadLineageGraph(*ws); });
    const double leanCpu = g_lastCpu;
    const double plain = median(3, [&] { LineageGraph g(ws->assets(), ws->edges()); });
    const double plainCpu = g_lastCpu;
    std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>> pairs;
    for (LineageGraph::Index i = 0; i < LineageGraph::Index(graph->size()); ++i) {
        for (auto child : graph->downstream(i))
            pairs.emplace_back(i, child);
    }
    const QList<Asset> assets = graph->assets();
    const double index = median(5, [&] { LineageGraph g(assets, pairs); });
    const double indexCpu = g_lastCpu;
    std::printf("graph: %lld assets, %lld edges\n", qlonglong(graph->size()), qlonglong(graph->edgeCount()));
    std::printf(
        "build from workspace, lean loader (LineageGraph::fromWorkspace): %.1f ms wall, %.1f ms CPU (median of 5)\n",
        lean, leanCpu);
    std::printf("  of which the in-memory part (hashes, CSR):                     %.1f ms wall, %.1f ms CPU\n", index,
                indexCpu);
    std::printf(
        "build from Workspace::assets() + edges():                        %.1f ms wall, %.1f ms CPU (median of 3)\n",
        plain, plainCpu);

    // The asset whose downstream (upstream) closure is closest to 10,000 nodes, among a sample.
    auto closest = [&](bool down) {
        LineageGraph::Index best = 0;
        size_t bestSize = 0;
        for (LineageGraph::Index i = 0; i < LineageGraph::Index(graph->size()); i += 97) {
            const size_t n = down ? graph->closureDown(i, -1).size() : graph->closureUp(i, -1).size();
            if (bestSize == 0 || std::abs(double(n) - 10000) < std::abs(double(bestSize) - 10000)) {
                best = i;
                bestSize = n;
            }
        }
        return std::make_pair(best, bestSize);
    };
    const auto downPick = closest(true);
    const auto upPick = closest(false);
    const LineageGraph::Index downNode = downPick.first, upNode = upPick.first;
    const size_t downSize = downPick.second, upSize = upPick.second;
    const double closureDown = median(51, [&] { graph->closureDown(downNode, -1); });
    const double closureDownCpu = g_lastCpu;
    const double closureUp = median(51, [&] { graph->closureUp(upNode, -1); });
    std::printf("closureDown(%s): %zu nodes in %.3f ms wall, %.3f ms CPU (median of 51)\n",
                qPrintable(graph->asset(downNode).name), downSize, closureDown, closureDownCpu);
    std::printf("closureUp(%s):   %zu nodes in %.3f ms wall, %.3f ms CPU (median of 51)\n",
                qPrintable(graph->asset(upNode).name), upSize, closureUp, g_lastCpu);

    auto bench = [&](const QString& text) {
        const Selector s = Selector::parse(text);
        size_t n = 0;
        const double ms = median(51, [&] { n = s.evaluate(*graph).size(); });
        std::printf("select %-28s %6zu nodes in %.3f ms wall, %.3f ms CPU (median of 51)\n",
                    qPrintable(QStringLiteral("\"%1\"").arg(text)), n, ms, g_lastCpu);
    };
    bench(graph->asset(downNode).name + u'+');
    bench(u'+' + graph->asset(upNode).name);
    bench(u'+' + graph->asset(upNode).name + u'+');
    bench(graph->asset(downNode).name + QStringLiteral("+,tag:nightly"));
    bench(QStringLiteral("tag:nightly"));
    bench(QStringLiteral("m_3_1*"));
    bench(QStringLiteral("@") + graph->asset(downNode).name);
    return 0;
}
