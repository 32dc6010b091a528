#pragma once

#include "layout/grouping.h"

#include <optional>
#include <vector>

namespace sightline {

// Everything that decides which nodes a lineage view draws.
struct ViewSpec
{
    LineageGraph::Index focus = LineageGraph::npos; // npos: an overview of the whole estate
    int upstreamDepth = 1; // < 0: all the way
    int downstreamDepth = 1;
    std::vector<LineageGraph::Index> extra; // shown besides the neighbourhood ("expand one level", paths)
    std::vector<LineageGraph::Index> hidden; // never shown (the focus excepted)
    std::optional<GroupBy> groupBy; // how to collapse above the cap; none: cut to the nearest
    QStringList expandedGroups;
    qsizetype maxNodes = kMaxLayoutNodes;
};

struct ViewContent
{
    GroupedLineage picture; // what to lay out: asset and group nodes, bundled edges
    qsizetype reachable = 0; // assets that qualified before any cut or grouping
    bool truncated = false; // cut to the nearest maxNodes (no grouping chosen)
    bool grouped = false;
};

// A focused view shows the focus's neighbourhood plus `extra` minus `hidden`; when that passes
// maxNodes it is collapsed by spec.groupBy (the focus and extras stay single) or, without a
// grouping, cut to the nearest assets. The overview (no focus) is always grouped (by dataset
// unless told otherwise); groups open in place through expandedGroups. Deterministic.
ViewContent composeView(const LineageGraph& graph, const ViewSpec& spec);

} // namespace sightline
