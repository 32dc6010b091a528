#include "incidentdetail.h"

#include "incidents/incidentstore.h"
#include "store/workspace.h"

namespace sightline {

std::optional<IncidentDetail> loadIncidentDetail(Workspace& workspace, const LineageGraph& graph, qint64 id,
                                                 int maxUpstream)
{
    IncidentStore store(workspace.db());
    auto incident = store.incident(id);
    if (!incident)
        return std::nullopt;
    IncidentDetail detail;
    detail.incident = *incident;
    detail.events = store.events(id);
    detail.times = incidentTimes(detail.incident, detail.events);

    if (detail.incident.groupId > 0) {
        auto stmt = workspace.db().prepare("SELECT id FROM incident WHERE group_id = ?1 AND id <> ?2 "
                                           "ORDER BY detected_at DESC, id DESC");
        stmt.bind(1, detail.incident.groupId);
        stmt.bind(2, id);
        while (stmt.step()) {
            if (auto other = store.incident(stmt.int64(0)))
                detail.grouped.append(*other);
        }
    }

    const LineageGraph::Index index = graph.indexOf(detail.incident.assetKey);
    if (index == LineageGraph::npos) {
        detail.asset.key = detail.incident.assetKey;
        return detail;
    }
    detail.asset = graph.asset(index);
    detail.impact = computeImpact(graph, index);

    const auto up = graph.closureUp(index, -1);
    detail.upstreamTotal = int(up.size());
    // Incidents by asset row id, one indexed lookup per upstream asset.
    auto ids = workspace.db().prepare("SELECT id FROM incident WHERE asset_id = ?1 ORDER BY detected_at DESC, id DESC");
    for (const auto& reached : up) {
        if (detail.upstreamChecked >= maxUpstream)
            break;
        ++detail.upstreamChecked;
        const Asset& asset = graph.asset(reached.node);
        ids.reset();
        ids.bind(1, asset.id);
        IncidentDetail::Upstream entry;
        while (ids.step()) {
            if (auto other = store.incident(ids.int64(0))) {
                entry.earlier = entry.earlier || other->detectedAt <= detail.incident.detectedAt;
                entry.incidents.append(*other);
            }
        }
        if (entry.incidents.isEmpty())
            continue;
        entry.asset = asset;
        entry.distance = reached.distance;
        detail.upstream.append(entry);
    }
    return detail;
}

} // namespace sightline
