#pragma once

#include "layout/layouttypes.h"
#include "lineage/lineagegraph.h"

#include <QSet>
#include <QString>

#include <vector>

namespace sightline {

// What assets are collapsed by when a picture would exceed kMaxLayoutNodes.
enum class GroupBy
{
    Dataset, // the schema part of the key: "db.schema" of a relation, "system:kind" otherwise
    Platform,
    Owner,
    Team,
    // Levels the overview nests datasets under when there are too many to show (not offered as
    // a grouping of their own):
    Database, // a relation's database (BigQuery project), else the system of a system key
    DatasetFamily, // datasets whose names share a prefix up to the first '_', '-' or digit: "proj.raw_*"
};

QString groupByName(GroupBy by); // "dataset", "platform", "owner", "team", "database", "dataset family"
// The group an asset falls in; never empty ("(no owner)" and the like for missing values).
QString groupKeyOf(const Asset& asset, GroupBy by);

// A picture of (part of) the lineage in which whole groups of assets are drawn as one node.
struct GroupedLineage
{
    struct Node
    {
        LineageGraph::Index asset = LineageGraph::npos; // an asset node; npos for a group node
        QString group; // the group's id (for an asset node: the innermost group it belongs to)
        qsizetype count = 1; // assets inside (1 for an asset node)
        QString label; // what a group node shows (empty: its id); nested groups show their own key
        GroupBy by = GroupBy::Dataset; // what a group node collects by
        QString parent; // the opened group a nested group node sits in; empty at the top
        bool more = false; // "N more datasets": the smaller groups of one level, opened page by page
        bool isGroup() const
        {
            return asset == LineageGraph::npos;
        }
    };
    struct BundledEdge
    {
        int from = 0; // index into nodes
        int to = 0;
        qsizetype count = 0; // lineage edges bundled into this one
    };

    std::vector<Node> nodes; // pinned assets first (in the order given), then by group key
    std::vector<BundledEdge> edges; // sorted by (from, to)
    QStringList refusedExpansions; // asked-for groups left collapsed: expanding them would pass the cap
    QStringList autoExpanded; // groups the overview opened by itself (see overviewLineage)
    qsizetype otherGroups = 0; // small groups merged into the "(other groups)" node to stay under the cap
    qsizetype droppedEdges = 0; // thinnest bundles between two groups left out (see maxEdges)
    // Per asset of the graph, the node it is drawn in (-1: not drawn); filled by groupLineage and
    // overviewLineage (what a group holds, e.g. for its health).
    std::vector<int> nodeOfAsset;
};

// A readable overview has far fewer groups than the layout cap allows, and dot's time grows with
// the edges too: an estate-wide picture keeps at most this many groups and this many bundles.
inline constexpr qsizetype kMaxOverviewGroups = 80;
inline constexpr qsizetype kMaxOverviewEdges = 240;

inline const QString kOtherGroupsKey = QStringLiteral("(other groups)");

// Bundles the downstream edges of `set` between the nodes `display` maps them to (asset index ->
// node index, < 0: not drawn) into out.edges: one edge per node pair with a count, sorted, edges
// inside one group node dropped. maxEdges (when > 0) keeps only the heaviest bundles between two
// groups (edges touching an asset node always stay) and counts the rest in out.droppedEdges.
void bundleEdges(const LineageGraph& graph, const std::vector<LineageGraph::Index>& set,
                 const std::vector<int>& display, qsizetype maxEdges, GroupedLineage& out);

// Collapses `members` (every asset of the graph when empty) by `by`. Assets in `pinned` stay
// single nodes (a view's focus); groups in `expanded` show their assets one by one, in the
// order given, as long as the picture stays within maxNodes nodes. When there are more groups
// than fit, the largest are kept and the rest merge into one "(other groups)" node. Edges
// between two nodes are bundled into one with a count; edges inside a collapsed group are not
// drawn. maxGroups (when > 0) caps the groups before merging, below maxNodes; maxEdges (when > 0)
// keeps only the heaviest bundles between two groups (edges touching an asset node always stay).
// Deterministic: the same input gives the same output.
GroupedLineage groupLineage(const LineageGraph& graph, const std::vector<LineageGraph::Index>& members, GroupBy by,
                            const std::vector<LineageGraph::Index>& pinned = {}, const QStringList& expanded = {},
                            qsizetype maxNodes = kMaxLayoutNodes, qsizetype maxGroups = -1, qsizetype maxEdges = -1);

} // namespace sightline
