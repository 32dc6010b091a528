#include "grouping.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace sightline {

QString groupByName(GroupBy by)
{
    switch (by) {
    case GroupBy::Dataset:
        return QStringLiteral("dataset");
    case GroupBy::Platform:
        return QStringLiteral("platform");
    case GroupBy::Owner:
        return QStringLiteral("owner");
    case GroupBy::Team:
        return QStringLiteral("team");
    case GroupBy::Database:
        return QStringLiteral("database");
    case GroupBy::DatasetFamily:
        return QStringLiteral("dataset family");
    }
    return QString();
}

QString groupKeyOf(const Asset& asset, GroupBy by)
{
    switch (by) {
    case GroupBy::Dataset: {
        if (!asset.schema.isEmpty())
            return asset.database.isEmpty() ? asset.schema : QString(asset.database + u'.' + asset.schema);
        // A system key (system:kind:id) groups by system and kind; a relation key by what
        // precedes its last part.
        const qsizetype colon = asset.key.indexOf(u':');
        if (colon > 0) {
            const qsizetype second = asset.key.indexOf(u':', colon + 1);
            return second > 0 ? asset.key.left(second) : asset.key.left(colon);
        }
        const qsizetype dot = asset.key.lastIndexOf(u'.');
        return dot > 0 ? asset.key.left(dot) : QStringLiteral("(no dataset)");
    }
    case GroupBy::Platform:
        return asset.platform.isEmpty() ? QStringLiteral("(no platform)") : asset.platform;
    case GroupBy::Owner:
        return asset.owner.isEmpty() ? QStringLiteral("(no owner)") : asset.owner;
    case GroupBy::Team:
        return asset.team.isEmpty() ? QStringLiteral("(no team)") : asset.team;
    case GroupBy::Database: {
        if (!asset.database.isEmpty())
            return asset.database;
        const qsizetype colon = asset.key.indexOf(u':');
        if (colon > 0)
            return asset.key.left(colon);
        const qsizetype dot = asset.key.indexOf(u'.');
        return dot > 0 && asset.key.indexOf(u'.', dot + 1) > 0 ? asset.key.left(dot) : QStringLiteral("(no database)");
    }
    case GroupBy::DatasetFamily: {
        const QString dataset = groupKeyOf(asset, GroupBy::Dataset);
        if (dataset.contains(u':'))
            return dataset; // "looker:dashboard" is its own family
        const qsizetype dot = dataset.lastIndexOf(u'.');
        const QStringView schema = QStringView(dataset).mid(dot + 1);
        qsizetype cut = 1;
        while (cut < schema.size() && schema[cut] != u'_' && schema[cut] != u'-' && !schema[cut].isDigit())
            ++cut;
        if (cut >= schema.size())
            return dataset;
        if (!schema[cut].isDigit())
            ++cut; // keep the separator: "raw_*"
        return dataset.left(dot + 1) + schema.left(cut) + u'*';
    }
    }
    return QString();
}

void bundleEdges(const LineageGraph& graph, const std::vector<LineageGraph::Index>& set,
                 const std::vector<int>& display, qsizetype maxEdges, GroupedLineage& out)
{
    using Index = LineageGraph::Index;
    const size_t n = display.size();
    std::vector<std::uint64_t> pairs;
    for (Index a : set) {
        if (a >= n || display[a] < 0)
            continue;
        const int from = display[a];
        for (Index child : graph.downstream(a)) {
            const int to = display[child];
            if (to < 0 || (to == from && out.nodes[size_t(from)].isGroup()))
                continue;
            pairs.push_back((std::uint64_t(std::uint32_t(from)) << 32) | std::uint32_t(to));
        }
    }
    std::sort(pairs.begin(), pairs.end());
    out.edges.clear();
    for (size_t i = 0; i < pairs.size();) {
        size_t j = i;
        while (j < pairs.size() && pairs[j] == pairs[i])
            ++j;
        out.edges.push_back({int(pairs[i] >> 32), int(pairs[i] & 0xffffffffu), qsizetype(j - i)});
        i = j;
    }
    if (maxEdges <= 0)
        return;
    // Keep every edge touching an asset and the heaviest group-to-group bundles (ties: order).
    std::vector<size_t> bundles;
    for (size_t e = 0; e < out.edges.size(); ++e) {
        if (out.nodes[size_t(out.edges[e].from)].isGroup() && out.nodes[size_t(out.edges[e].to)].isGroup())
            bundles.push_back(e);
    }
    if (qsizetype(bundles.size()) <= maxEdges)
        return;
    std::stable_sort(bundles.begin(), bundles.end(),
                     [&out](size_t a, size_t b) { return out.edges[a].count > out.edges[b].count; });
    std::vector<char> drop(out.edges.size(), 0);
    for (size_t k = size_t(maxEdges); k < bundles.size(); ++k)
        drop[bundles[k]] = 1;
    out.droppedEdges = qsizetype(bundles.size()) - maxEdges;
    std::vector<GroupedLineage::BundledEdge> kept;
    for (size_t e = 0; e < out.edges.size(); ++e) {
        if (!drop[e])
            kept.push_back(out.edges[e]);
    }
    out.edges = std::move(kept);
}

GroupedLineage groupLineage(const LineageGraph& graph, const std::vector<LineageGraph::Index>& members, GroupBy by,
                            const std::vector<LineageGraph::Index>& pinned, const QStringList& expanded,
                            qsizetype maxNodes, qsizetype maxGroups, qsizetype maxEdges)
{
    using Index = LineageGraph::Index;
    GroupedLineage out;
    const size_t n = size_t(graph.size());
    std::vector<Index> all;
    if (members.empty()) {
        all.resize(n);
        std::iota(all.begin(), all.end(), Index(0));
    }
    const std::vector<Index>& set = members.empty() ? all : members;
    maxNodes = std::max<qsizetype>(maxNodes, 2);

    constexpr int kAbsent = -1;
    std::vector<int> display(n, kAbsent); // asset -> node index
    std::vector<char> isPinned(n, 0);
    for (Index p : pinned) {
        if (p < n && !isPinned[p] && qsizetype(out.nodes.size()) < maxNodes - 1) {
            isPinned[p] = 1;
            display[p] = int(out.nodes.size());
            out.nodes.push_back({p, groupKeyOf(graph.asset(p), by), 1, {}, by, {}, false});
        }
    }

    // Group the rest, by key (std::map: sorted, so the output order does not depend on hashing).
    std::map<QString, std::vector<Index>> groups;
    for (Index a : set) {
        if (a < n && !isPinned[a] && display[a] == kAbsent) {
            display[a] = -2; // member, not placed yet
            groups[groupKeyOf(graph.asset(a), by)].push_back(a);
        }
    }

    // Too many groups to draw: keep the largest (ties by key), merge the rest.
    qsizetype room = maxNodes - qsizetype(out.nodes.size());
    if (maxGroups > 0)
        room = std::min(room, std::max<qsizetype>(maxGroups, 2));
    std::vector<std::pair<QString, std::vector<Index>>> kept;
    std::vector<Index> other;
    if (qsizetype(groups.size()) > room) {
        std::vector<const std::pair<const QString, std::vector<Index>>*> order;
        for (const auto& g : groups)
            order.push_back(&g);
        std::stable_sort(order.begin(), order.end(),
                         [](const auto* a, const auto* b) { return a->second.size() > b->second.size(); });
        std::map<QString, std::vector<Index>> largest;
        for (size_t i = 0; i < order.size(); ++i) {
            if (qsizetype(i) < room - 1)
                largest.insert(*order[i]);
            else {
                other.insert(other.end(), order[i]->second.begin(), order[i]->second.end());
                ++out.otherGroups;
            }
        }
        kept.assign(largest.begin(), largest.end());
    } else {
        kept.assign(groups.begin(), groups.end());
    }

    // Expand the asked-for groups while the picture stays within the cap.
    qsizetype total = qsizetype(out.nodes.size()) + qsizetype(kept.size()) + (other.empty() ? 0 : 1);
    QSet<QString> open;
    for (const QString& key : expanded) {
        const auto it = std::find_if(kept.begin(), kept.end(), [&key](const auto& g) { return g.first == key; });
        if (it == kept.end() || open.contains(key))
            continue;
        const qsizetype grow = qsizetype(it->second.size()) - 1;
        if (total + grow > maxNodes) {
            out.refusedExpansions.append(key);
            continue;
        }
        total += grow;
        open.insert(key);
    }

    for (const auto& [key, assets] : kept) {
        if (open.contains(key)) {
            std::vector<Index> sorted = assets;
            std::sort(sorted.begin(), sorted.end(),
                      [&graph](Index a, Index b) { return graph.asset(a).key < graph.asset(b).key; });
            for (Index a : sorted) {
                display[a] = int(out.nodes.size());
                out.nodes.push_back({a, key, 1, {}, by, {}, false});
            }
        } else {
            const int node = int(out.nodes.size());
            for (Index a : assets)
                display[a] = node;
            out.nodes.push_back({LineageGraph::npos, key, qsizetype(assets.size()), {}, by, {}, false});
        }
    }
    if (!other.empty()) {
        const int node = int(out.nodes.size());
        for (Index a : other)
            display[a] = node;
        out.nodes.push_back({LineageGraph::npos, kOtherGroupsKey, qsizetype(other.size()), {}, by, {}, false});
    }

    // Pinned assets not in `set` have outgoing edges too.
    std::vector<Index> withPinned = set;
    for (Index p : pinned) {
        if (p < n && isPinned[p] && std::find(set.begin(), set.end(), p) == set.end())
            withPinned.push_back(p);
    }
    bundleEdges(graph, withPinned, display, maxEdges, out);
    out.nodeOfAsset = std::move(display);
    for (int& d : out.nodeOfAsset)
        d = std::max(d, -1);
    return out;
}

} // namespace sightline
