#pragma once

#include "core/asset.h"
#include "incidents/incident.h"
#include "incidents/timing.h"
#include "lineage/impact.h"
#include "lineage/lineagegraph.h"

#include <QList>

#include <optional>

namespace sightline {

class Workspace;

// Everything the detail page of one incident shows, read in one go (no drawing).
struct IncidentDetail
{
    Incident incident;
    Asset asset; // from the lineage graph (no columns); key only when the graph lacks it
    QList<IncidentEvent> events; // the timeline, oldest first
    IncidentTimes times;
    QList<Incident> grouped; // other incidents of the same group, newest first

    // Upstream assets (nearest first) that have incidents of their own: what misbehaved there.
    struct Upstream
    {
        Asset asset;
        int distance = 1;
        QList<Incident> incidents; // newest first
        // Detected no later than this incident: a candidate cause rather than another symptom.
        bool earlier = false;
    };
    QList<Upstream> upstream;
    int upstreamChecked = 0; // upstream assets looked at (bounded by maxUpstream)
    int upstreamTotal = 0; // all upstream assets
    Impact impact; // downstream of the asset
};

// Reads the detail of incident id; nullopt when there is no such incident. Looks at the
// maxUpstream nearest upstream assets (one indexed query each). Throws sql::Error.
std::optional<IncidentDetail> loadIncidentDetail(Workspace& workspace, const LineageGraph& graph, qint64 id,
                                                 int maxUpstream = 500);

} // namespace sightline
