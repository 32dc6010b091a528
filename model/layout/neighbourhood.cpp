#include "neighbourhood.h"

namespace sightline {

Neighbourhood boundedNeighbourhood(const LineageGraph& graph, LineageGraph::Index focus, int upstreamDepth,
                                   int downstreamDepth, qsizetype maxNodes)
{
    Neighbourhood out;
    if (focus >= LineageGraph::Index(graph.size()) || maxNodes < 1)
        return out;
    const auto up = graph.closureUp(focus, upstreamDepth);
    const auto down = graph.closureDown(focus, downstreamDepth);

    // Both closures come in breadth-first order, so merging them by distance keeps the nearest
    // assets on both sides when the cut falls. A node on a cycle is reached both ways; count it
    // once.
    std::vector<char> member(size_t(graph.size()), 0);
    member[focus] = 1;
    out.nodes.push_back(focus);
    out.reachable = 1;
    auto take = [&](LineageGraph::Index n) {
        if (member[n])
            return;
        member[n] = 1;
        ++out.reachable;
        if (qsizetype(out.nodes.size()) < maxNodes)
            out.nodes.push_back(n);
        else
            member[n] = 2; // reached, but cut
    };
    size_t u = 0, d = 0;
    while (u < up.size() || d < down.size()) {
        if (d >= down.size() || (u < up.size() && up[u].distance <= down[d].distance))
            take(up[u++].node);
        else
            take(down[d++].node);
    }

    // Adjacency is sorted, so an edge asserted twice (dbt lists a parent once per ref) shows up
    // as a repeated neighbour: draw it once.
    for (LineageGraph::Index n : out.nodes) {
        LineageGraph::Index previous = LineageGraph::npos;
        for (LineageGraph::Index child : graph.downstream(n)) {
            if (member[child] == 1 && child != previous)
                out.edges.emplace_back(n, child);
            previous = child;
        }
    }
    return out;
}

} // namespace sightline
