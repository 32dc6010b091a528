#include "viewcontent.h"

#include "layout/neighbourhood.h"

namespace sightline {

namespace {

using Index = LineageGraph::Index;

// Every member as its own node, with the lineage edges between them (once each).
void drawFlat(const LineageGraph& graph, const std::vector<Index>& members, ViewContent& out)
{
    std::vector<int> position(size_t(graph.size()), -1);
    for (Index m : members) {
        position[m] = int(out.picture.nodes.size());
        GroupedLineage::Node node;
        node.asset = m;
        out.picture.nodes.push_back(node);
    }
    // Adjacency is sorted, so an edge asserted twice shows up as a repeated neighbour: once.
    for (Index m : members) {
        Index previous = LineageGraph::npos;
        for (Index child : graph.downstream(m)) {
            if (position[child] >= 0 && child != previous)
                out.picture.edges.push_back({position[m], position[child], 1});
            previous = child;
        }
    }
}

} // namespace

ViewContent composeView(const LineageGraph& graph, const ViewSpec& spec)
{
    ViewContent out;
    const size_t n = size_t(graph.size());
    std::vector<char> hidden(n, 0);
    for (Index h : spec.hidden) {
        if (h < n && h != spec.focus)
            hidden[h] = 1;
    }
    if (!spec.hiddenKinds.isEmpty() || !spec.hiddenPlatforms.isEmpty()) {
        for (Index i = 0; i < Index(n); ++i) {
            const Asset& a = graph.asset(i);
            if (i != spec.focus && (spec.hiddenKinds.contains(a.kind) || spec.hiddenPlatforms.contains(a.platform)))
                hidden[i] = 1;
        }
    }
    OverviewSpec overview;
    overview.preferred = spec.groupBy;
    overview.expanded = spec.expandedGroups;
    overview.collapsed = spec.collapsedGroups;
    overview.maxNodes = spec.maxNodes;

    if (spec.selection) {
        std::vector<char> member(n, 0);
        std::vector<Index> members;
        for (Index s : *spec.selection) {
            if (s < n && !hidden[s] && !member[s]) {
                member[s] = 1;
                members.push_back(s);
            }
        }
        for (Index e : spec.extra) {
            if (e < n && !hidden[e] && !member[e]) {
                member[e] = 1;
                members.push_back(e);
            }
        }
        out.reachable = qsizetype(members.size());
        if (out.reachable > spec.maxNodes) {
            out.grouped = true;
            out.picture = overviewLineage(graph, members, overview);
        } else {
            drawFlat(graph, members, out);
        }
        return out;
    }

    if (spec.focus >= n) {
        std::vector<Index> members;
        members.reserve(n);
        for (Index i = 0; i < Index(n); ++i) {
            if (!hidden[i])
                members.push_back(i);
        }
        out.reachable = qsizetype(members.size());
        out.grouped = true;
        out.picture = overviewLineage(graph, members, overview);
        return out;
    }

    const Neighbourhood hood =
        boundedNeighbourhood(graph, spec.focus, spec.upstreamDepth, spec.downstreamDepth, qsizetype(n));
    std::vector<char> member(n, 0);
    std::vector<Index> members;
    for (Index i : hood.nodes) {
        if (!hidden[i]) {
            member[i] = 1;
            members.push_back(i);
        }
    }
    std::vector<Index> pinned {spec.focus};
    for (Index e : spec.extra) {
        if (e < n && !hidden[e] && !member[e]) {
            member[e] = 1;
            members.push_back(e);
        }
        if (e < n && !hidden[e])
            pinned.push_back(e);
    }
    out.reachable = qsizetype(members.size());

    if (qsizetype(members.size()) > spec.maxNodes && spec.groupBy) {
        out.grouped = true;
        out.picture = groupLineage(graph, members, *spec.groupBy, pinned, spec.expandedGroups, spec.maxNodes);
        return out;
    }
    if (qsizetype(members.size()) > spec.maxNodes) {
        // Keep the nearest: the neighbourhood's order is by distance, extras last.
        out.truncated = true;
        members.resize(size_t(spec.maxNodes));
    }
    drawFlat(graph, members, out);
    return out;
}

} // namespace sightline
