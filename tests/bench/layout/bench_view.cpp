// Times the lineage view end to end: from asking for a picture to a frame drawn (layout on the
// layout thread, items built, the viewport rendered into an image), on generated lineage-shaped
// estates; and one pan/zoom frame of a 2,000-node scene. Also writes the generated graphs as JSON
// for the peer comparison (tests/bench/peer). Usage:
//   bench_view [--runs N] [--json DIR] [--overview] [--png DIR]
// --overview: only the 50,000-asset overviews; --png: save them as pictures there.
#include "layout/layout.h"
#include "layout/layoutservice.h"
#include "layout/viewcontent.h"
#include "lineage/lineageedgeitem.h"
#include "lineage/lineagegraphicsview.h"
#include "lineage/lineagenodeitem.h"
#include "lineage/lineageview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace sightline;
using namespace sightline::ui;

namespace {

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

// The estate of bench_layout: a quarter sources, a quarter staging, a fifth intermediate, a
// fifth marts, the rest dashboards; 1-4 parents each; spread over datasets of about 40 assets,
// five owners and two platforms.
std::shared_ptr<const LineageGraph> estate(int n)
{
    Random random(20221219u + std::uint32_t(n));
    const int sources = n / 4, staging = sources + n / 4, intermediate = staging + n / 5, marts = intermediate + n / 5;
    QList<Asset> assets;
    QList<Edge> edges;
    for (int i = 0; i < n; ++i) {
        Asset a;
        const char* layer = i < sources ? "raw"
            : i < staging               ? "stg"
            : i < intermediate          ? "int"
            : i < marts                 ? "mart"
                                        : "dash";
        const QString name = QStringLiteral("%1_%2_%3")
                                 .arg(QLatin1String(layer))
                                 .arg(i)
                                 .arg(QString(random.below(3) + 1, QLatin1Char('x')));
        a.kind = i < sources ? AssetKind::Source : i < marts ? AssetKind::Model : AssetKind::Dashboard;
        a.platform = i < marts ? QStringLiteral("bigquery") : QStringLiteral("looker");
        a.key = i < marts ? QStringLiteral("proj.%1_%2.%3").arg(QLatin1String(layer)).arg(i / 40).arg(name)
                          : QStringLiteral("looker:dashboard:%1").arg(name);
        a.name = name;
        a.owner = QStringLiteral("owner%1").arg(i % 5);
        assets.append(a);
        const auto link = [&](int from) { edges.append({assets[from].key, a.key}); };
        if (i < sources)
            continue;
        if (i < staging)
            link(random.below(sources));
        else if (i < intermediate)
            for (int k = 2 + random.below(2); k > 0; --k)
                link(sources + random.below(staging - sources));
        else if (i < marts)
            for (int k = 2 + random.below(3); k > 0; --k)
                link(sources + random.below(i - sources));
        else
            for (int k = 1 + random.below(3); k > 0; --k)
                link(intermediate + random.below(marts - intermediate));
    }
    return std::make_shared<const LineageGraph>(assets, edges);
}

// The shape that defeats dot's placement unbounded: datasets of 40 tables in one long chain
// (each table read by one of the next dataset), every dataset read by some of `dashboards`
// Looker dashboards: an overview then has one long edge per dataset into the dashboards' box.
std::shared_ptr<const LineageGraph> chainEstate(int tables, int dashboards)
{
    QList<Asset> assets;
    QList<Edge> edges;
    for (int i = 0; i < tables; ++i) {
        Asset a;
        a.schema = QStringLiteral("ds_%1").arg(i / 40, 4, 10, QLatin1Char('0'));
        a.database = QStringLiteral("proj");
        a.name = QStringLiteral("t%1").arg(i);
        a.key = QStringLiteral("proj.%1.%2").arg(a.schema, a.name);
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
    return std::make_shared<const LineageGraph>(assets, edges);
}

// The asset whose whole lineage (up and down, all depths) is closest to `target` assets.
QString focusOfSize(const LineageGraph& graph, qsizetype target, qsizetype* size)
{
    QString best;
    qsizetype bestSize = -1;
    for (qsizetype i = 0; i < graph.size(); i += std::max<qsizetype>(1, graph.size() / 400)) {
        const auto index = LineageGraph::Index(i);
        const qsizetype s = 1 + qsizetype(graph.closureUp(index, -1).size() + graph.closureDown(index, -1).size());
        if (bestSize < 0 || std::abs(s - target) < std::abs(bestSize - target)) {
            best = graph.asset(index).key;
            bestSize = s;
        }
    }
    *size = bestSize;
    return best;
}

double renderViewport(QGraphicsView* view)
{
    QImage frame(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer timer;
    timer.start();
    QPainter painter(&frame);
    view->render(&painter, QRectF(), view->viewport()->rect());
    painter.end();
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// From asking for the picture to its first frame rendered.
double firstFrame(LineageView& view, const std::function<void()>& ask)
{
    QSignalSpy finished(&view, &LineageView::layoutFinished);
    QElapsedTimer timer;
    timer.start();
    ask();
    finished.wait(120000);
    renderViewport(view.graphicsView());
    return double(timer.nsecsElapsed()) / 1e6;
}

void writeJson(const LineageGraph& graph, const QString& path)
{
    // Node sizes as the view measures them, so every engine lays out the same boxes.
    const LineageNodeStyle style(QApplication::font());
    QJsonArray nodes, edges;
    for (const Asset& a : graph.assets()) {
        const QSizeF s = style.measure(a);
        nodes.append(QJsonObject {{QStringLiteral("id"), a.key},
                                  {QStringLiteral("width"), s.width()},
                                  {QStringLiteral("height"), s.height()}});
    }
    for (qsizetype i = 0; i < graph.size(); ++i)
        for (LineageGraph::Index c : graph.downstream(LineageGraph::Index(i)))
            edges.append(QJsonObject {{QStringLiteral("from"), graph.asset(LineageGraph::Index(i)).key},
                                      {QStringLiteral("to"), graph.asset(c).key}});
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(QJsonObject {{QStringLiteral("nodes"), nodes}, {QStringLiteral("edges"), edges}})
                       .toJson(QJsonDocument::Compact));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IONBF, 0); // progress as it comes
    int runs = 5;
    QString jsonDir;
    const QStringList args = app.arguments();
    const bool overviewOnly = args.contains(QLatin1String("--overview"));
    QString pngDir; // --png DIR: the overview pictures, to look at
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--png"))
            pngDir = args[i + 1];
    }
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--json"))
            jsonDir = args[i + 1];
    }
    if (!jsonDir.isEmpty()) {
        for (int n : {200, 1000, 3000})
            writeJson(*estate(n), QStringLiteral("%1/graph-%2.json").arg(jsonDir).arg(n));
        std::printf("graphs written to %s\n", qPrintable(jsonDir));
        // The same graphs drawn whole by Sightline (within the cap): layout, items, first frame;
        // node centres written for crossings.js.
        for (int n : {200, 1000}) {
            const auto graph = estate(n);
            auto style = std::make_shared<const LineageNodeStyle>(QApplication::font());
            QElapsedTimer timer;
            timer.start();
            LayoutRequest request;
            for (const Asset& a : graph->assets())
                request.nodeSizes.append(style->measure(a));
            for (qsizetype i = 0; i < graph->size(); ++i) {
                LineageGraph::Index previous = LineageGraph::npos;
                for (LineageGraph::Index c : graph->downstream(LineageGraph::Index(i))) {
                    if (c != previous)
                        request.edges.append(LayoutEdge {int(i), int(c)});
                    previous = c;
                }
            }
            const LayoutResult result = layout(request);
            QGraphicsScene scene;
            for (qsizetype i = 0; i < graph->size(); ++i)
                scene.addItem(new LineageNodeItem(graph->asset(LineageGraph::Index(i)), result.nodes[i], style, false));
            for (qsizetype e = 0; e < result.edges.size(); ++e)
                scene.addItem(new LineageEdgeItem(result.edges[e], QString(), QString()));
            LineageGraphicsView canvas(&scene);
            canvas.resize(1280, 800);
            canvas.fitScene();
            renderViewport(&canvas);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            QJsonObject centres;
            for (qsizetype i = 0; i < graph->size(); ++i)
                centres.insert(graph->asset(LineageGraph::Index(i)).key,
                               QJsonObject {{QStringLiteral("x"), result.nodes[i].center().x()},
                                            {QStringLiteral("y"), result.nodes[i].center().y()}});
            QFile out(QStringLiteral("%1/sightline-%2.json").arg(jsonDir).arg(n));
            if (out.open(QIODevice::WriteOnly))
                out.write(QJsonDocument(centres).toJson(QJsonDocument::Compact));
            std::printf("sightline, whole graph of %d nodes: drawn in %.0f ms\n", n, ms);
            scene.clear();
        }
    }
    prepareLayoutEngine();
    LineageView view;
    view.resize(1280, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return 2;

    bool ok = true;
    // Focused views: the whole lineage of one asset, about 300 and about 1,000 assets.
    struct Case
    {
        int estate;
        qsizetype target;
        double budgetMs;
    };
    for (const Case c : {Case {1200, 300, 250}, Case {4000, 1000, 1000}}) {
        if (overviewOnly)
            break;
        const auto graph = estate(c.estate);
        view.setGraph(graph);
        view.setDepth(-1, -1);
        qsizetype size = 0;
        const QString focus = focusOfSize(*graph, c.target, &size);
        std::vector<double> times;
        for (int r = 0; r < runs; ++r) {
            // A fresh service each run, so the cache never answers.
            LayoutService::instance()->setCacheCapacity(0);
            view.setFocusAsset(QString());
            QSignalSpy(&view, &LineageView::layoutFinished).wait(1000);
            times.push_back(firstFrame(view, [&] { view.setFocusAsset(focus); }));
        }
        const double m = median(times);
        std::printf("focused view, %lld assets shown (estate %d): first frame median %.0f ms (min %.0f, max %.0f), "
                    "budget %.0f ms\n",
                    static_cast<long long>(std::min<qsizetype>(size, kMaxLayoutNodes)), c.estate, m,
                    *std::min_element(times.begin(), times.end()), *std::max_element(times.begin(), times.end()),
                    c.budgetMs);
        ok = ok && m <= c.budgetMs;
    }

    // A pan/zoom frame on 2,000 nodes: two 1,000-node layouts side by side in one scene.
    if (!overviewOnly) {
        const auto graph = estate(4000);
        auto style = std::make_shared<const LineageNodeStyle>(QApplication::font());
        QGraphicsScene scene;
        scene.setItemIndexMethod(QGraphicsScene::NoIndex);
        qreal offset = 0;
        int nodes = 0;
        for (int half = 0; half < 2; ++half) {
            LayoutRequest request;
            const int first = half * 2000;
            for (int i = 0; i < 1000; ++i)
                request.nodeSizes.append(style->measure(graph->asset(LineageGraph::Index(first + i * 2))));
            for (int i = 0; i < 1000; ++i)
                for (LineageGraph::Index c : graph->downstream(LineageGraph::Index(first + i * 2)))
                    if (c % 2 == 0 && int(c) >= first && int(c) < first + 2000)
                        request.edges.append(LayoutEdge {i, int(c - LineageGraph::Index(first)) / 2});
            const LayoutResult result = layout(request);
            for (int i = 0; i < 1000; ++i) {
                auto* item = new LineageNodeItem(graph->asset(LineageGraph::Index(first + i * 2)),
                                                 result.nodes[i].translated(offset, 0), style, false);
                item->setCounts(2, 3);
                scene.addItem(item);
                ++nodes;
            }
            for (qsizetype e = 0; e < result.edges.size(); ++e) {
                EdgeRoute route = result.edges[e];
                for (QPointF& p : route.points)
                    p.rx() += offset;
                route.arrowTip.rx() += offset;
                scene.addItem(new LineageEdgeItem(route, QString(), QString()));
            }
            offset += result.bounds.width() + 100;
        }
        LineageGraphicsView canvas(&scene);
        canvas.resize(1280, 800);
        canvas.show();
        if (!QTest::qWaitForWindowExposed(&canvas))
            return 2;
        for (const qreal scale : {0.1, 0.5, 1.0}) {
            canvas.setScale(scale);
            std::vector<double> times;
            for (int f = 0; f < 31; ++f) {
                canvas.horizontalScrollBar()->setValue(canvas.horizontalScrollBar()->value() + 37);
                times.push_back(renderViewport(&canvas));
            }
            std::printf("pan frame, %d nodes, zoom %.0f %%: median %.1f ms (max %.1f), budget 16 ms\n", nodes,
                        scale * 100, median(times), *std::max_element(times.begin(), times.end()));
            ok = ok && median(times) <= 16;
        }
    }

    // The overview of a 50,000-asset estate: the lineage-shaped one, and the long chain.
    for (int shape = 0; shape < 2; ++shape) {
        const auto graph = shape == 0 ? estate(50000) : chainEstate(45000, 5000);
        const char* name = shape == 0 ? "lineage-shaped" : "chain";
        // The parts: what the GUI thread picks (grouping, bundling) and what Graphviz gets; the
        // overview as it opens, and with its first dataset opened.
        QString firstGroup;
        for (int opened = 0; opened < 2; ++opened) {
            ViewSpec spec;
            if (opened)
                spec.expandedGroups.append(firstGroup);
            QElapsedTimer timer;
            timer.start();
            const ViewContent content = composeView(*graph, spec);
            const double composeMs = double(timer.nsecsElapsed()) / 1e6;
            if (!opened)
                firstGroup = content.picture.nodes.front().group;
            LayoutRequest request;
            for (const auto& node : content.picture.nodes)
                request.nodeSizes.append(QSizeF(node.isGroup() ? 200 : 160, 46));
            for (const auto& edge : content.picture.edges)
                request.edges.append(LayoutEdge {edge.from, edge.to});
            timer.restart();
            const LayoutResult result = layout(request);
            std::printf("%s overview%s: grouping %.0f ms -> %lld nodes, %lld edges (%lld thin links dropped); "
                        "dot %.0f ms%s\n",
                        name, opened ? " with a dataset opened" : "", composeMs,
                        static_cast<long long>(request.nodeSizes.size()), static_cast<long long>(request.edges.size()),
                        static_cast<long long>(content.picture.droppedEdges), double(timer.nsecsElapsed()) / 1e6,
                        result.ok() ? "" : " (failed)");
        }
        view.setGraph(graph);
        std::vector<double> times;
        for (int r = 0; r < std::max(1, runs / 2); ++r) {
            LayoutService::instance()->setCacheCapacity(0);
            view.setFocusAsset(QString());
            QSignalSpy(&view, &LineageView::layoutFinished).wait(1000);
            times.push_back(firstFrame(view, [&] { view.showOverview(); }));
        }
        std::printf("%s overview, %lld assets -> %lld boxes: first frame median %.0f ms (max %.0f), budget 2000 ms\n",
                    name, static_cast<long long>(graph->size()), static_cast<long long>(view.visibleGroups().size()),
                    median(times), *std::max_element(times.begin(), times.end()));
        ok = ok && median(times) <= 2000;
        if (!pngDir.isEmpty())
            view.grab().save(QStringLiteral("%1/overview-%2.png").arg(pngDir, QLatin1String(name)));
        // Opening a dataset in place: from the double click to the frame.
        const QString group = view.visibleGroups().contains(firstGroup) ? firstGroup : view.visibleGroups().front();
        const double openMs = firstFrame(view, [&] { view.expandGroup(group); });
        std::printf("%s overview, opening %s in place: %.0f ms to the frame\n", name, qPrintable(group), openMs);
        if (!pngDir.isEmpty())
            view.grab().save(QStringLiteral("%1/overview-%2-open.png").arg(pngDir, QLatin1String(name)));
    }

    return ok ? 0 : 1;
}
