#pragma once

#include "layout/grouping.h"

#include <optional>
#include <vector>

namespace sightline {

// The estate-wide picture. dot's time grows with nodes, edges and ranks, and a picture of more
// than a few dozen boxes is not an overview anyway, so the overview nests groups: when the
// chosen grouping has more than maxGroups groups, the top level is the platform and the chosen
// grouping sits one level below (bigquery > its datasets > their assets). Every level shows at
// most maxGroups boxes: the largest groups, and one "N more" box for the rest that opens into
// the next page. Opening a box (its id in `expanded`) replaces it in place by what it holds, as
// long as the whole picture stays within maxNodes; what would pass is listed in
// refusedExpansions. Edges are bundled per node pair; at most maxEdges group-to-group bundles
// (the heaviest) are drawn. A picture of fewer than kMinOverviewBoxes boxes opens its largest
// boxes by itself (listed in autoExpanded) while it stays within maxGroups and, unless the
// picture has next to nothing (< 4 boxes), while what they hold needs no paging. Deterministic.
inline constexpr qsizetype kMinOverviewBoxes = 12;

struct OverviewSpec
{
    std::vector<GroupBy> levels; // outermost first; empty: chooseOverviewLevels(preferred)
    std::optional<GroupBy> preferred; // the user's grouping; dataset when none
    QStringList expanded; // group ids opened in place, in the order they were opened
    QStringList collapsed; // group ids closed by hand: never opened automatically
    qsizetype maxNodes = kMaxLayoutNodes;
    qsizetype maxGroups = kMaxOverviewGroups;
    qsizetype maxEdges = kMaxOverviewEdges;
};

// The nesting the overview uses for `members`: {preferred} when it has at most maxGroups
// groups, else {platform, preferred} (just {platform} when platform was preferred), and for
// datasets {platform, database, dataset family, dataset}.
std::vector<GroupBy> chooseOverviewLevels(const LineageGraph& graph, const std::vector<LineageGraph::Index>& members,
                                          std::optional<GroupBy> preferred, qsizetype maxGroups);

GroupedLineage overviewLineage(const LineageGraph& graph, const std::vector<LineageGraph::Index>& members,
                               const OverviewSpec& spec);

// The id of a group nested in `parent` (ids of top-level groups are their keys).
QString nestedGroupId(const QString& parent, const QString& key);

} // namespace sightline
