#pragma once

#include "core/asset.h"
#include "lineage/lineagegraph.h"

#include <QList>
#include <QStringList>

#include <utility>

namespace sightline {

// What breaks downstream of an asset, and whom to tell.
struct Impact
{
    struct Affected
    {
        Asset asset;
        int distance = 1; // steps downstream of the asset (>= 1)
    };
    Asset asset;
    QList<Affected> downstream; // every asset downstream, by (distance, key)
    QStringList channels; // distinct non-empty channels of the downstream assets, sorted
    QStringList unowned; // keys of downstream assets without an owner, sorted

    // The downstream assets grouped by kind, in the order of allKinds(); each group by
    // (distance, key). Kinds with nothing downstream are left out.
    QList<std::pair<AssetKind, QList<Affected>>> byKind() const;
};

// depth < 0: everything downstream. An index out of range gives an empty impact.
Impact computeImpact(const LineageGraph& graph, LineageGraph::Index asset, int depth = -1);

} // namespace sightline
