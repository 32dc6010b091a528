#include "viewcontent.h"

#include "layout/neighbourhood.h"

namespace sightline {

ViewContent composeView(const LineageGraph& graph, const ViewSpec& spec)
{
    using Index = LineageGraph::Index;
    ViewContent out;
    const size_t n = size_t(graph.size());
    std::vector<char> hidden(n, 0);
    for (Index h : spec.hidden) {
        if (h < n && h != spec.focus)
            hidden[h] = 1;
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
        if (!members.empty())
            out.picture = groupLineage(graph, members, spec.groupBy.value_or(GroupBy::Dataset), {}, spec.expandedGroups,
                                       spec.maxNodes);
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
        for (size_t i = size_t(spec.maxNodes); i < members.size(); ++i)
            member[members[i]] = 0;
        members.resize(size_t(spec.maxNodes));
    }
    std::vector<int> position(n, -1);
    for (Index m : members) {
        position[m] = int(out.picture.nodes.size());
        out.picture.nodes.push_back({m, QString(), 1});
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
    return out;
}

} // namespace sightline
