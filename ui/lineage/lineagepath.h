#pragma once

#include "lineage/lineagegraph.h"

#include <vector>

namespace sightline::ui {

// The shortest lineage path between two assets by breadth-first search, following edges
// downstream from `from` to `to`, or, when there is none that way, downstream from `to` to
// `from` (so the order of the two clicks does not matter). Both ends included, in flow order;
// empty when the two are not connected either way. Ties break towards the lower index, so the
// answer is deterministic.
std::vector<LineageGraph::Index> shortestLineagePath(const LineageGraph& graph, LineageGraph::Index from,
                                                     LineageGraph::Index to);

} // namespace sightline::ui
