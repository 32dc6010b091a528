#pragma once

#include "layout/overview.h"

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
    // When set, exactly these assets (a selector's result) are shown instead of the focus's
    // neighbourhood; the focus is only marked if it is among them.
    std::optional<std::vector<LineageGraph::Index>> selection;
    QList<AssetKind> hiddenKinds; // the kind/platform filter (the focus excepted)
    QStringList hiddenPlatforms;
    std::optional<GroupBy> groupBy; // how to collapse above the cap; none: cut to the nearest
    QStringList expandedGroups;
    QStringList collapsedGroups; // closed by hand: the overview does not open them by itself
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
// unless told otherwise; nested under platforms when there are too many groups, see
// overviewLineage); groups open in place through expandedGroups. A selection is drawn flat
// when it fits and as an overview of its assets when it does not. Deterministic.
ViewContent composeView(const LineageGraph& graph, const ViewSpec& spec);

} // namespace sightline
