#include "lineageexport.h"

#include "export/assetjson.h"

#include <algorithm>

namespace sightline {

namespace {

std::string utf8(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

// Fill colours by kind, the same families the lineage view uses (ui/common/kindstyle.cpp), lightened
// so black text stays readable on them.
const char* dotFill(AssetKind kind)
{
    switch (kind) {
    case AssetKind::Source:
        return "#d5eedf";
    case AssetKind::Model:
        return "#d5e2f7";
    case AssetKind::Seed:
        return "#e8def4";
    case AssetKind::Snapshot:
        return "#f4e4d2";
    case AssetKind::Dashboard:
    case AssetKind::Look:
    case AssetKind::Explore:
    case AssetKind::Notebook:
    case AssetKind::Analysis:
    case AssetKind::Ml:
    case AssetKind::Application:
        return "#f6dbe3";
    case AssetKind::Job:
        return "#e1e3e6";
    case AssetKind::Table:
    case AssetKind::View:
        return "#d2e8eb";
    }
    return "#eeeeee";
}

QString quoted(const QString& s)
{
    return u'"' + dotEscape(s) + u'"';
}

} // namespace

LineageSelection selectLineage(const LineageGraph& graph, LineageGraph::Index focus, int upstreamDepth,
                               int downstreamDepth)
{
    if (focus >= LineageGraph::Index(graph.size())) {
        LineageSelection out;
        out.upstreamDepth = upstreamDepth;
        out.downstreamDepth = downstreamDepth;
        return out;
    }
    return selectLineageSet(graph, {focus}, upstreamDepth, downstreamDepth);
}

LineageSelection selectLineageSet(const LineageGraph& graph, const std::vector<LineageGraph::Index>& selected,
                                  int upstreamDepth, int downstreamDepth)
{
    LineageSelection out;
    out.upstreamDepth = upstreamDepth;
    out.downstreamDepth = downstreamDepth;

    std::vector<char> member(size_t(graph.size()), 0);
    auto byDistanceAndKey = [&graph](const LineageGraph::Reached& a, const LineageGraph::Reached& b) {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return graph.asset(a.node).key < graph.asset(b.node).key;
    };
    auto collect = [&](std::vector<LineageGraph::Reached> reached, LineageNode::Role role) {
        std::vector<LineageGraph::Reached> fresh;
        for (const auto& r : reached) {
            if (r.node < LineageGraph::Index(graph.size()) && !member[r.node]) {
                member[r.node] = 1;
                fresh.push_back(r);
            }
        }
        std::sort(fresh.begin(), fresh.end(), byDistanceAndKey);
        for (const auto& r : fresh)
            out.nodes.append(LineageNode {graph.asset(r.node), role, r.distance});
    };
    std::vector<LineageGraph::Reached> focus;
    for (auto n : selected)
        focus.push_back({n, 0});
    collect(focus, LineageNode::Role::Focus);
    const bool expand = upstreamDepth != 0 || downstreamDepth != 0;
    if (expand) {
        collect(graph.closureUp(selected, upstreamDepth), LineageNode::Role::Upstream);
        collect(graph.closureDown(selected, downstreamDepth), LineageNode::Role::Downstream);
    }

    for (const auto& node : std::as_const(out.nodes)) {
        const auto from = graph.indexOf(node.asset.key);
        for (auto child : graph.downstream(from)) {
            if (member[child])
                out.edges.append(Edge {node.asset.key, graph.asset(child).key});
        }
    }
    std::sort(out.edges.begin(), out.edges.end(),
              [](const Edge& a, const Edge& b) { return a.from != b.from ? a.from < b.from : a.to < b.to; });
    return out;
}

QString roleName(LineageNode::Role role)
{
    switch (role) {
    case LineageNode::Role::Focus:
        return QStringLiteral("focus");
    case LineageNode::Role::Upstream:
        return QStringLiteral("upstream");
    case LineageNode::Role::Downstream:
        return QStringLiteral("downstream");
    }
    return {};
}

nlohmann::json lineageToJson(const LineageSelection& selection)
{
    auto nodes = nlohmann::json::array();
    for (const auto& node : selection.nodes) {
        auto object = assetToJson(node.asset);
        object["role"] = utf8(roleName(node.role));
        object["distance"] = node.distance;
        nodes.push_back(std::move(object));
    }
    auto edges = nlohmann::json::array();
    for (const auto& edge : selection.edges)
        edges.push_back({{"from", utf8(edge.from)}, {"to", utf8(edge.to)}});
    return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

QByteArray lineageToDot(const LineageSelection& selection)
{
    QString out;
    out += QStringLiteral("digraph lineage {\n"
                          "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"Helvetica\"];\n"
                          "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n"
                          "  edge [color=\"#7a7f87\", arrowsize=0.7];\n");
    for (const auto& node : selection.nodes) {
        const auto& a = node.asset;
        const QString label = a.name.isEmpty() ? a.key : a.name;
        out += QStringLiteral("  ") + quoted(a.key) + QStringLiteral(" [label=")
            + quoted(label + u'\n' + kindName(a.kind) + QStringLiteral(" · ") + a.platform)
            + QStringLiteral(", tooltip=") + quoted(a.key) + QStringLiteral(", fillcolor=\"")
            + QLatin1String(dotFill(a.kind)) + u'"';
        if (node.role == LineageNode::Role::Focus)
            out += QStringLiteral(", penwidth=2.5");
        out += QStringLiteral("];\n");
    }
    for (const auto& edge : selection.edges)
        out +=
            QStringLiteral("  ") + quoted(edge.from) + QStringLiteral(" -> ") + quoted(edge.to) + QStringLiteral(";\n");
    out += QStringLiteral("}\n");
    return out.toUtf8();
}

QString dotEscape(const QString& s)
{
    QString out;
    out.reserve(s.size() + 8);
    for (const QChar c : s) {
        if (c == u'\\' || c == u'"') {
            out += u'\\';
            out += c;
        } else if (c == u'\n') {
            out += QStringLiteral("\\n");
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            out += u' ';
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace sightline
