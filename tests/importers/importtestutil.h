#pragma once

#include "core/asset.h"
#include "store/workspace.h"

#include <QMap>
#include <QStringList>

namespace sightline::test {

// "model=73 source=35": current assets by kind, in the order of allKinds().
inline QString kindCounts(Workspace& ws)
{
    QMap<int, int> counts;
    for (const auto& a : ws.assets())
        ++counts[int(a.kind)];
    QStringList parts;
    for (AssetKind kind : allKinds()) {
        if (counts.value(int(kind)))
            parts.append(kindName(kind) + u'=' + QString::number(counts.value(int(kind))));
    }
    return parts.join(u' ');
}

} // namespace sightline::test
