#pragma once

#include "core/asset.h"
#include "lineage/lineagegraph.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace sightline::ui {

// What the impact panel lists for one asset: everything downstream of it, grouped by kind.
// A UI-side pure function over LineageGraph::closureDown; model/lineage may grow its own impact
// analysis for the command line, this only shapes rows for the panel and its CSV.
struct ImpactRow
{
    Asset asset;
    int distance = 0; // steps downstream
    bool unowned = false; // no owner recorded
};

struct ImpactRows
{
    QString asset; // the asset whose impact this is
    QList<ImpactRow> rows; // by (kind group, distance, key)
    QStringList channels; // distinct alert channels to notify, sorted
    QStringList unowned; // keys of downstream assets with no owner, sorted
};

// "tables" (tables, views, sources, seeds, snapshots), "models", "dashboards" (dashboards, looks,
// explores, notebooks, analyses, ML, applications), "jobs": the panel's sections, in this order.
QString impactGroup(AssetKind kind);
int impactGroupOrder(const QString& group);

// An unknown asset gives empty rows.
ImpactRows impactRows(const LineageGraph& graph, const QString& assetKey);

// group,key,name,kind,platform,owner,team,channel,distance,unowned with a header line; RFC 4180
// quoting; UTF-8.
QByteArray impactCsv(const ImpactRows& rows);

} // namespace sightline::ui
