#pragma once

#include "layout/layouttypes.h"
#include "lineage/lineagegraph.h"

#include <utility>
#include <vector>

namespace sightline {

// The part of the lineage around one asset that a graph view shows: nodes ordered by distance
// from the focus (focus first; upstream before downstream at equal distance), cut at maxNodes so
// that the nearest assets are kept, and every edge among the kept nodes (once, however often the
// graph repeats it).
struct Neighbourhood
{
    std::vector<LineageGraph::Index> nodes;
    std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>> edges; // upstream -> downstream
    qsizetype reachable = 0; // nodes within the depths, before the cut

    bool truncated() const
    {
        return reachable > qsizetype(nodes.size());
    }
};

// upstreamDepth / downstreamDepth < 0 mean unlimited. An unknown focus gives an empty result.
Neighbourhood boundedNeighbourhood(const LineageGraph& graph, LineageGraph::Index focus, int upstreamDepth,
                                   int downstreamDepth, qsizetype maxNodes = kMaxLayoutNodes);

} // namespace sightline
