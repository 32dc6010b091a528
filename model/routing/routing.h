#pragma once

#include "core/asset.h"
#include "lineage/lineagegraph.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sightline {

// Who must hear about an incident on one asset: the owners, teams and alert channels of the
// asset itself and of everything downstream of it, computed before anything is sent so that a
// person can review the list.
struct Recipient
{
    // One message goes to one channel. Assets that declare no channel still have an owner or a
    // team to tell; they are grouped by owner (then team) with an empty channel, so they show up
    // in the list as "tell directly" instead of vanishing.
    QString channel;
    QStringList owners; // distinct, sorted
    QStringList teams; // distinct, sorted
    struct Because
    {
        QString key;
        QString name;
        AssetKind kind = AssetKind::Table;
        int distance = 0; // 0: the incident's own asset
    };
    QList<Because> assets; // why this recipient is on the list, by (distance, key)
    int distance = 0; // the nearest of assets
    bool ownsIncidentAsset() const
    {
        return distance == 0;
    }
};

// Something downstream that people look at (a dashboard, look, notebook, application, model
// consumer) without an owner or a channel: when it breaks nobody is told.
struct RoutingGap
{
    Asset asset;
    int distance = 0;
    bool noOwner = false;
    bool noChannel = false;
};

struct Routing
{
    Asset asset;
    int downstreamCount = 0;
    QList<Recipient> recipients; // incident asset's own first, then by (distance, channel, owner)
    QList<RoutingGap> gaps; // by (distance, key)
    QList<Recipient::Because> consumers; // every consumer downstream (isConsumerKind), by (distance, key)
    QStringList channels() const; // distinct non-empty channels in recipient order
};

// Kinds that stand for people looking at data (BI and its consumers) rather than data itself.
bool isConsumerKind(AssetKind kind);

// depth < 0: everything downstream. An index out of range gives an empty routing.
Routing routeIncident(const LineageGraph& graph, LineageGraph::Index asset, int depth = -1);

// Ownership coverage of the whole estate (current assets).
struct OwnershipGapReport
{
    struct KindCoverage
    {
        AssetKind kind = AssetKind::Table;
        int total = 0;
        int withOwner = 0;
        int withChannel = 0;
    };
    int assets = 0;
    int withOwner = 0;
    int withChannel = 0;
    QList<KindCoverage> byKind; // in allKinds() order, kinds without assets left out
    // Consumers (see isConsumerKind) without an owner or a channel, by key.
    QList<RoutingGap> consumers;
    // Assets where an incident would reach no channel at all: neither they nor anything
    // downstream declares one. Keys, sorted.
    QStringList silent;
};

OwnershipGapReport ownershipGaps(const LineageGraph& graph);

} // namespace sightline
