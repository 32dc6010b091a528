#include "impactrows.h"

#include <QSet>

#include <algorithm>

namespace sightline::ui {

namespace {

const QStringList kGroups = {QStringLiteral("tables"), QStringLiteral("models"), QStringLiteral("dashboards"),
                             QStringLiteral("jobs")};

QString csvField(const QString& value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QString(u'"' + quoted + u'"');
}

} // namespace

QString impactGroup(AssetKind kind)
{
    switch (kind) {
    case AssetKind::Model:
        return kGroups[1];
    case AssetKind::Dashboard:
    case AssetKind::Look:
    case AssetKind::Explore:
    case AssetKind::Notebook:
    case AssetKind::Analysis:
    case AssetKind::Ml:
    case AssetKind::Application:
        return kGroups[2];
    case AssetKind::Job:
        return kGroups[3];
    case AssetKind::Table:
    case AssetKind::View:
    case AssetKind::Source:
    case AssetKind::Seed:
    case AssetKind::Snapshot:
        break;
    }
    return kGroups[0];
}

int impactGroupOrder(const QString& group)
{
    const qsizetype i = kGroups.indexOf(group);
    return i < 0 ? int(kGroups.size()) : int(i);
}

ImpactRows impactRows(const LineageGraph& graph, const QString& assetKey)
{
    ImpactRows out;
    out.asset = assetKey;
    const LineageGraph::Index start = graph.indexOf(assetKey);
    if (start == LineageGraph::npos)
        return out;
    QSet<QString> channels;
    for (const LineageGraph::Reached& r : graph.closureDown(start, -1)) {
        const Asset& asset = graph.asset(r.node);
        if (r.node == start)
            continue; // a cycle back to itself
        ImpactRow row {asset, r.distance, asset.owner.isEmpty()};
        if (!asset.channel.isEmpty())
            channels.insert(asset.channel);
        if (row.unowned)
            out.unowned.append(asset.key);
        out.rows.append(row);
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const ImpactRow& a, const ImpactRow& b) {
        const int ga = impactGroupOrder(impactGroup(a.asset.kind));
        const int gb = impactGroupOrder(impactGroup(b.asset.kind));
        if (ga != gb)
            return ga < gb;
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return a.asset.key < b.asset.key;
    });
    out.channels = QStringList(channels.begin(), channels.end());
    out.channels.sort();
    out.unowned.sort();
    return out;
}

QByteArray impactCsv(const ImpactRows& rows)
{
    QString text = QStringLiteral("group,key,name,kind,platform,owner,team,channel,distance,unowned\r\n");
    for (const ImpactRow& row : rows.rows) {
        const QStringList fields = {impactGroup(row.asset.kind),
                                    row.asset.key,
                                    row.asset.name,
                                    kindName(row.asset.kind),
                                    row.asset.platform,
                                    row.asset.owner,
                                    row.asset.team,
                                    row.asset.channel,
                                    QString::number(row.distance),
                                    row.unowned ? QStringLiteral("true") : QStringLiteral("false")};
        QStringList quoted;
        for (const QString& f : fields)
            quoted.append(csvField(f));
        text += quoted.join(u',') + QStringLiteral("\r\n");
    }
    return text.toUtf8();
}

} // namespace sightline::ui
