#pragma once

#include "core/asset.h"
#include "lineage/lineagegraph.h"

#include <QByteArray>
#include <QList>

#include <nlohmann/json.hpp>

namespace sightline {

// One asset of a lineage neighbourhood, with where it sits relative to the focus.
struct LineageNode
{
    enum class Role
    {
        Focus,
        Upstream,
        Downstream,
    };
    Asset asset;
    Role role = Role::Focus;
    int distance = 0; // steps from the focus; 0 for the focus itself
};

// A focus asset and its neighbourhood in a fixed, documented order, so every output format (and
// every run) lists the same nodes and edges the same way:
// - nodes: the focus first, then upstream nodes by (distance, key), then downstream nodes by
//   (distance, key). A node reachable both ways (only in a cyclic graph) counts as upstream.
// - edges: every edge among the nodes, sorted by (from, to).
struct LineageSelection
{
    QList<LineageNode> nodes;
    QList<Edge> edges;
    int upstreamDepth = 1; // as requested; < 0 means unlimited
    int downstreamDepth = 1;
};

// depth < 0: unlimited.
LineageSelection selectLineage(const LineageGraph& graph, LineageGraph::Index focus, int upstreamDepth,
                               int downstreamDepth);

// A selected set (e.g. from a Selector) as a selection: the selected assets are all "focus"
// (distance 0), then what lies within upstreamDepth / downstreamDepth of the set (0: nothing,
// < 0: unlimited) as upstream / downstream nodes with their distance to the nearest selected
// asset; nodes in each part by (distance, key); every edge among them, by (from, to).
LineageSelection selectLineageSet(const LineageGraph& graph, const std::vector<LineageGraph::Index>& selected,
                                  int upstreamDepth = 0, int downstreamDepth = 0);

QString roleName(LineageNode::Role role); // "focus", "upstream", "downstream"

// {"nodes": [asset objects + "role" and "distance"], "edges": [{"from", "to"}]}
// (../shared/contracts/lineage.schema.json), in the selection's order.
nlohmann::json lineageToJson(const LineageSelection& selection);

// A Graphviz digraph (rankdir=LR): node ids are the quoted asset keys, labels name and kind, the
// focus drawn bold. Every string is quoted and escaped, so any key or name is safe.
QByteArray lineageToDot(const LineageSelection& selection);

// s as the body of a DOT double-quoted string: backslash and quote escaped, line breaks as \n,
// other control characters as spaces.
QString dotEscape(const QString& s);

} // namespace sightline
