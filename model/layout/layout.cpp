#include "layout.h"

#include "core/logging.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>

#include <cmath>
#include <vector>

namespace sightline {

size_t qHash(const LayoutRequest& request, size_t seed) noexcept
{
    QtPrivate::QHashCombine combine;
    seed = combine(seed, int(request.direction));
    seed = combine(seed, request.nodeSeparation);
    seed = combine(seed, request.rankSeparation);
    seed = combine(seed, request.nodeSizes.size());
    for (const QSizeF& s : request.nodeSizes) {
        seed = combine(seed, s.width());
        seed = combine(seed, s.height());
    }
    for (const LayoutEdge& e : request.edges) {
        seed = combine(seed, e.from);
        seed = combine(seed, e.to);
    }
    return seed;
}

namespace {

constexpr double kPointsPerInch = 72.0;

// Every Graphviz call of the process goes through this lock: cgraph and gvc keep global state
// (the error handler, the memory disciplines, dot's static work areas).
QMutex& graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

// Graphviz reports problems by printing to stderr; route them to our logging category instead,
// so that a terminal session stays clean and QT_LOGGING_RULES can bring them back.
int logGraphvizMessage(char* message)
{
    QByteArray text(message);
    while (text.endsWith('\n'))
        text.chop(1);
    if (text.isEmpty())
        return 0;
    if (text.startsWith("Error"))
        qCWarning(lcLayout, "graphviz: %s", text.constData());
    else
        qCDebug(lcLayout, "graphviz: %s", text.constData());
    return 0;
}

struct Context
{
    GVC_t* gvc = nullptr;
    Context()
    {
        agseterrf(&logGraphvizMessage);
        agseterr(AGWARN);
        gvc = gvContext();
    }
    ~Context()
    {
        if (gvc)
            gvFreeContext(gvc);
    }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
};

// Created on first use (on the layout thread in the application); callers hold the mutex.
GVC_t* context()
{
    static Context instance;
    return instance.gvc;
}

// cgraph takes non-const char* everywhere although it copies what it is given.
char* cstr(const char* s)
{
    return const_cast<char*>(s);
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 4);
}

QByteArray indexedName(char prefix, qsizetype index)
{
    return prefix + QByteArray::number(index);
}

class Graph
{
public:
    Graph()
        : m_graph(agopen(cstr("lineage"), Agdirected, nullptr))
    {
    }
    ~Graph()
    {
        if (m_laidOut)
            gvFreeLayout(context(), m_graph);
        agclose(m_graph);
    }
    Graph(const Graph&) = delete;
    Graph& operator=(const Graph&) = delete;

    Agraph_t* get() const
    {
        return m_graph;
    }
    bool layout()
    {
        m_laidOut = gvLayout(context(), m_graph, cstr("dot")) == 0;
        return m_laidOut;
    }

private:
    Agraph_t* m_graph;
    bool m_laidOut = false;
};

QString validate(const LayoutRequest& request)
{
    if (request.nodeSizes.size() > kMaxLayoutNodes)
        return QStringLiteral("too many nodes for one layout (%1, at most %2)")
            .arg(request.nodeSizes.size())
            .arg(kMaxLayoutNodes);
    for (const QSizeF& s : request.nodeSizes) {
        if (!(s.width() > 0 && s.height() > 0) || !std::isfinite(s.width()) || !std::isfinite(s.height()))
            return QStringLiteral("node sizes must be positive");
    }
    for (const LayoutEdge& e : request.edges) {
        if (e.from < 0 || e.to < 0 || e.from >= request.nodeSizes.size() || e.to >= request.nodeSizes.size())
            return QStringLiteral("edge refers to a node that is not in the request");
    }
    return {};
}

} // namespace

void prepareLayoutEngine()
{
    QMutexLocker lock(&graphvizMutex());
    context();
}

LayoutResult layout(const LayoutRequest& request)
{
    LayoutResult result;
    result.error = validate(request);
    if (!result.ok() || request.nodeSizes.isEmpty())
        return result;

    QMutexLocker lock(&graphvizMutex());
    if (!context()) {
        result.error = QStringLiteral("Graphviz could not be initialised");
        return result;
    }

    Graph graph;
    Agraph_t* g = graph.get();
    const auto gattr = [g](const char* name, const QByteArray& value) {
        agattr(g, AGRAPH, cstr(name), cstr(value.constData()));
    };
    gattr("rankdir", request.direction == LayoutRequest::Direction::LeftToRight ? "LR" : "TB");
    gattr("splines", "spline");
    gattr("nodesep", number(request.nodeSeparation / kPointsPerInch));
    gattr("ranksep", number(request.rankSeparation / kPointsPerInch));
    // dot places nodes within their ranks by network simplex over the real and the virtual nodes
    // (one per rank an edge crosses). Pictures with long edges (an overview's chain of datasets
    // all feeding one dashboard group) have thousands of virtual nodes, and the unbounded search
    // took 18 s for 119 boxes; one pass per node bounds it (0.3-0.4 s there) and changes nothing
    // measurable on lineage-shaped neighbourhoods (tests/bench/README.md, Lineage view).
    gattr("nslimit", "1");
    // Node sizes are final: no label to measure (Graphviz would guess text extents with its own
    // font metrics), and fixedsize so the box is exactly what the caller asked for.
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
    agattr(g, AGNODE, cstr("label"), cstr(""));
    Agsym_t* width = agattr(g, AGNODE, cstr("width"), cstr("0.75"));
    Agsym_t* height = agattr(g, AGNODE, cstr("height"), cstr("0.5"));
    agattr(g, AGEDGE, cstr("arrowsize"), cstr("0.7"));

    // Our own ids: node i is "n<i>", edge j is "e<j>"; the handles are kept by index, so
    // nothing is ever looked up by a label and parallel edges stay distinct.
    std::vector<Agnode_t*> nodes;
    nodes.reserve(size_t(request.nodeSizes.size()));
    for (qsizetype i = 0; i < request.nodeSizes.size(); ++i) {
        Agnode_t* n = agnode(g, cstr(indexedName('n', i).constData()), 1);
        agxset(n, width, cstr(number(request.nodeSizes[i].width() / kPointsPerInch).constData()));
        agxset(n, height, cstr(number(request.nodeSizes[i].height() / kPointsPerInch).constData()));
        nodes.push_back(n);
    }
    std::vector<Agedge_t*> edges;
    edges.reserve(size_t(request.edges.size()));
    for (qsizetype j = 0; j < request.edges.size(); ++j) {
        const LayoutEdge& e = request.edges[j];
        edges.push_back(
            agedge(g, nodes[size_t(e.from)], nodes[size_t(e.to)], cstr(indexedName('e', j).constData()), 1));
    }

    if (!graph.layout()) {
        result.error = QStringLiteral("Graphviz dot failed to lay out the graph");
        return result;
    }

    // Graphviz puts the origin bottom-left with y growing upwards; flip once, here.
    const boxf bb = GD_bb(g);
    const double flip = bb.LL.y + bb.UR.y;
    const auto toScene = [flip](pointf p) { return QPointF(p.x, flip - p.y); };
    result.bounds = QRectF(QPointF(bb.LL.x, bb.LL.y), QPointF(bb.UR.x, bb.UR.y)).normalized();

    result.nodes.reserve(request.nodeSizes.size());
    for (Agnode_t* n : nodes) {
        const QSizeF size(ND_width(n) * kPointsPerInch, ND_height(n) * kPointsPerInch);
        const QPointF centre = toScene(ND_coord(n));
        result.nodes.append(QRectF(centre - QPointF(size.width() / 2, size.height() / 2), size));
    }
    result.edges.reserve(request.edges.size());
    for (Agedge_t* e : edges) {
        EdgeRoute route;
        const splines* spl = ED_spl(e);
        for (int b = 0; spl && b < spl->size; ++b) {
            const bezier& bz = spl->list[b];
            // dot gives one piece per edge (several only when edges are concentrated, which we do
            // not ask for); should there be more, they join end to start.
            for (int p = route.points.isEmpty() ? 0 : 1; p < bz.size; ++p)
                route.points.append(toScene(bz.list[p]));
            if (bz.eflag) {
                route.hasArrow = true;
                route.arrowTip = toScene(bz.ep);
            }
        }
        if (route.points.isEmpty())
            qCWarning(lcLayout, "graphviz returned no route for an edge");
        result.edges.append(route);
    }
    for (const QRectF& r : std::as_const(result.nodes))
        result.bounds |= r;
    return result;
}

} // namespace sightline
