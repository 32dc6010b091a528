#include "routing.h"

#include "lineage/impact.h"

#include <QHash>

#include <algorithm>

namespace sightline {

namespace {

void insertSorted(QStringList& list, const QString& value)
{
    if (value.isEmpty())
        return;
    const auto it = std::lower_bound(list.begin(), list.end(), value);
    if (it == list.end() || *it != value)
        list.insert(it, value);
}

// Assets without a channel are grouped by whoever can still be told: owner, else team. An asset
// with neither is not a recipient (a gap when it is a consumer).
QString groupKey(const Asset& a)
{
    if (!a.channel.isEmpty())
        return QStringLiteral("c:") + a.channel;
    if (!a.owner.isEmpty())
        return QStringLiteral("o:") + a.owner;
    if (!a.team.isEmpty())
        return QStringLiteral("t:") + a.team;
    return {};
}

QString firstOrEmpty(const QStringList& list)
{
    return list.isEmpty() ? QString() : list.first();
}

} // namespace

bool isConsumerKind(AssetKind kind)
{
    switch (kind) {
    case AssetKind::Dashboard:
    case AssetKind::Look:
    case AssetKind::Notebook:
    case AssetKind::Analysis:
    case AssetKind::Ml:
    case AssetKind::Application:
        return true;
    default:
        return false;
    }
}

QStringList Routing::channels() const
{
    QStringList out;
    for (const auto& r : recipients) {
        if (!r.channel.isEmpty() && !out.contains(r.channel))
            out.append(r.channel);
    }
    return out;
}

Routing routeIncident(const LineageGraph& graph, LineageGraph::Index asset, int depth)
{
    Routing out;
    if (asset >= LineageGraph::Index(graph.size()))
        return out;
    const Impact impact = computeImpact(graph, asset, depth);
    out.asset = impact.asset;
    out.downstreamCount = int(impact.downstream.size());

    QHash<QString, qsizetype> byGroup;
    auto add = [&](const Asset& a, int distance) {
        const QString key = groupKey(a);
        if (key.isEmpty())
            return;
        auto it = byGroup.find(key);
        if (it == byGroup.end()) {
            Recipient r;
            r.channel = a.channel;
            r.distance = distance;
            it = byGroup.insert(key, out.recipients.size());
            out.recipients.append(r);
        }
        Recipient& r = out.recipients[*it];
        insertSorted(r.owners, a.owner);
        insertSorted(r.teams, a.team);
        r.assets.append({a.key, a.name, a.kind, distance});
        r.distance = std::min(r.distance, distance);
    };
    add(out.asset, 0);
    // impact.downstream is already by (distance, key), so each recipient's assets are too.
    for (const auto& d : impact.downstream) {
        add(d.asset, d.distance);
        if (isConsumerKind(d.asset.kind))
            out.consumers.append({d.asset.key, d.asset.name, d.asset.kind, d.distance});
        if (isConsumerKind(d.asset.kind) && (d.asset.owner.isEmpty() || d.asset.channel.isEmpty()))
            out.gaps.append({d.asset, d.distance, d.asset.owner.isEmpty(), d.asset.channel.isEmpty()});
    }
    std::stable_sort(out.recipients.begin(), out.recipients.end(), [](const Recipient& a, const Recipient& b) {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        // Channels before direct owners at the same distance: a channel reaches a whole team.
        if (a.channel.isEmpty() != b.channel.isEmpty())
            return !a.channel.isEmpty();
        if (a.channel != b.channel)
            return a.channel < b.channel;
        if (firstOrEmpty(a.owners) != firstOrEmpty(b.owners))
            return firstOrEmpty(a.owners) < firstOrEmpty(b.owners);
        return firstOrEmpty(a.teams) < firstOrEmpty(b.teams);
    });
    return out;
}

OwnershipGapReport ownershipGaps(const LineageGraph& graph)
{
    OwnershipGapReport out;
    QHash<int, OwnershipGapReport::KindCoverage> byKind;
    std::vector<LineageGraph::Index> withChannel;
    for (LineageGraph::Index i = 0; i < LineageGraph::Index(graph.size()); ++i) {
        const Asset& a = graph.asset(i);
        ++out.assets;
        auto& k = byKind[int(a.kind)];
        k.kind = a.kind;
        ++k.total;
        if (!a.owner.isEmpty()) {
            ++out.withOwner;
            ++k.withOwner;
        }
        if (!a.channel.isEmpty()) {
            ++out.withChannel;
            ++k.withChannel;
            withChannel.push_back(i);
        }
        if (isConsumerKind(a.kind) && (a.owner.isEmpty() || a.channel.isEmpty()))
            out.consumers.append({a, 0, a.owner.isEmpty(), a.channel.isEmpty()});
    }
    for (AssetKind kind : allKinds()) {
        const auto it = byKind.constFind(int(kind));
        if (it != byKind.constEnd())
            out.byKind.append(*it);
    }
    std::sort(out.consumers.begin(), out.consumers.end(),
              [](const RoutingGap& a, const RoutingGap& b) { return a.asset.key < b.asset.key; });

    // An asset reaches a channel when it has one or anything downstream has one: everything
    // upstream of a channel-bearing asset, in one breadth-first pass instead of one per asset.
    std::vector<bool> reaches(size_t(graph.size()), false);
    for (auto i : withChannel)
        reaches[i] = true;
    for (const auto& r : graph.closureUp(withChannel, -1))
        reaches[r.node] = true;
    for (LineageGraph::Index i = 0; i < LineageGraph::Index(graph.size()); ++i) {
        if (!reaches[i])
            out.silent.append(graph.asset(i).key);
    }
    out.silent.sort();
    return out;
}

} // namespace sightline
