#include "impact.h"

#include <algorithm>

namespace sightline {

QList<std::pair<AssetKind, QList<Impact::Affected>>> Impact::byKind() const
{
    QList<std::pair<AssetKind, QList<Affected>>> out;
    for (AssetKind kind : allKinds()) {
        QList<Affected> group;
        for (const auto& a : downstream) {
            if (a.asset.kind == kind)
                group.append(a);
        }
        if (!group.isEmpty())
            out.append({kind, std::move(group)});
    }
    return out;
}

Impact computeImpact(const LineageGraph& graph, LineageGraph::Index asset, int depth)
{
    Impact out;
    if (asset >= LineageGraph::Index(graph.size()))
        return out;
    out.asset = graph.asset(asset);
    auto reached = graph.closureDown(asset, depth);
    std::sort(reached.begin(), reached.end(), [&graph](const auto& a, const auto& b) {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return graph.asset(a.node).key < graph.asset(b.node).key;
    });
    out.downstream.reserve(qsizetype(reached.size()));
    for (const auto& r : reached) {
        const Asset& a = graph.asset(r.node);
        out.downstream.append({a, r.distance});
        if (!a.channel.isEmpty())
            out.channels.append(a.channel);
        if (a.owner.isEmpty())
            out.unowned.append(a.key);
    }
    out.channels.sort();
    out.channels.removeDuplicates();
    out.unowned.sort();
    return out;
}

} // namespace sightline
