#include "reportdata.h"

#include "import/importer.h"
#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace sightline {

namespace {

QStringList metricsFor(const Incident& incident)
{
    switch (incident.kind) {
    case IncidentKind::Volume:
        return {QString::fromUtf16(metric::RowCount)};
    case IncidentKind::Freshness:
        return {QString::fromUtf16(metric::LastModified), QString::fromUtf16(metric::LoadedAt)};
    case IncidentKind::Distribution:
        return {QString::fromUtf16(metric::NullRate), QString::fromUtf16(metric::DistinctCount),
                QString::fromUtf16(metric::Mean)};
    case IncidentKind::Schema:
    case IncidentKind::Test:
        break;
    }
    return {};
}

ReportSeries readSeries(sql::Database& db, const Incident& incident, const QDateTime& until, qint64 historyMs)
{
    ReportSeries out;
    auto id = db.prepare("SELECT id FROM asset WHERE key = ?1");
    id.bind(1, incident.assetKey);
    if (!id.step())
        return out;
    const qint64 assetId = id.int64(0);
    const QDateTime start = incident.windowStart.isValid() ? incident.windowStart : incident.detectedAt;
    const qint64 from = toStoredTime(start) - historyMs;
    const qint64 to = toStoredTime(std::max(until, incident.windowEnd));
    auto stmt = db.prepare("SELECT at, value FROM observation WHERE asset_id = ?1 AND metric = ?2 AND column_name = ?3 "
                           "AND at BETWEEN ?4 AND ?5 ORDER BY at");
    for (const QString& metric : metricsFor(incident)) {
        stmt.reset();
        stmt.bind(1, assetId).bind(2, metric).bind(3, incident.column).bind(4, from).bind(5, to);
        while (stmt.step()) {
            if (!stmt.isNull(1))
                out.points.append({stmt.int64(0), stmt.real(1)});
        }
        if (!out.points.isEmpty()) {
            out.metric = metric;
            out.column = incident.column;
            break;
        }
    }
    return out;
}

qint64 median(std::vector<qint64> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

QString teamOf(const Asset& a)
{
    if (!a.team.isEmpty())
        return a.team;
    if (!a.owner.isEmpty())
        return a.owner;
    return QStringLiteral("(no owner)");
}

} // namespace

std::pair<qint64, qint64> responseTimes(const Incident& incident, const QList<IncidentEvent>& events)
{
    qint64 ack = -1;
    qint64 resolve = -1;
    for (const auto& e : events) {
        if (e.type != u"status")
            continue;
        const auto status = statusFromName(e.newValue);
        if (!status)
            continue;
        const qint64 since = incident.detectedAt.msecsTo(e.at);
        if (ack < 0 && *status != IncidentStatus::Open)
            ack = std::max<qint64>(0, since);
        if (resolve < 0 && isResolved(*status))
            resolve = std::max<qint64>(0, since);
    }
    return {ack, resolve};
}

std::optional<IncidentReportData> collectIncidentReport(Workspace& workspace, const LineageGraph& graph,
                                                        qint64 incidentId, const ReportOptions& options)
{
    IncidentStore store(workspace.db());
    const auto incident = store.incident(incidentId);
    if (!incident)
        return std::nullopt;
    IncidentReportData out;
    out.incident = *incident;
    out.dataTime = workspace.dataTime();
    out.timeline = store.events(incidentId);
    const auto index = graph.indexOf(incident->assetKey);
    if (index != LineageGraph::npos) {
        out.asset = graph.asset(index);
        out.routing = routeIncident(graph, index);
        out.lineage = selectLineage(graph, index, options.lineageDepth, options.lineageDepth);
        // Keep the excerpt to a page: nearest nodes first (selectLineage orders by distance).
        if (out.lineage.nodes.size() > options.maxLineageNodes) {
            QList<LineageNode> kept = out.lineage.nodes.mid(0, options.maxLineageNodes);
            QSet<QString> keys;
            for (const auto& n : kept)
                keys.insert(n.asset.key);
            QList<Edge> edges;
            for (const auto& e : out.lineage.edges) {
                if (keys.contains(e.from) && keys.contains(e.to))
                    edges.append(e);
            }
            out.lineage.nodes = kept;
            out.lineage.edges = edges;
        }
        RootCauseOptions rc;
        rc.maxCandidates = options.maxCauses;
        out.causes = rankCauses(workspace, graph, *incident, rc);
    } else if (const auto asset = workspace.asset(incident->assetKey)) {
        out.asset = *asset; // retired since: no lineage to show
        out.routing.asset = *asset;
    }
    out.series = readSeries(workspace.db(), *incident, out.dataTime, options.historyMs);
    if (incident->groupId != 0) {
        auto group = workspace.db().prepare("SELECT explanation FROM incident_group WHERE id = ?1");
        group.bind(1, incident->groupId);
        if (group.step())
            out.groupExplanation = group.text(0);
    }
    if (!isResolved(incident->status) && out.dataTime.isValid())
        out.nextUpdate = out.dataTime.addMSecs(options.updateEveryMs);
    return out;
}

HealthReportData collectHealthReport(Workspace& workspace, const LineageGraph& graph, const QDateTime& from,
                                     const QDateTime& to)
{
    HealthReportData out;
    out.from = from;
    out.to = to;
    sql::Database& db = workspace.db();
    IncidentStore store(db);
    const qint64 fromMs = toStoredTime(from);
    const qint64 toMs = toStoredTime(to);

    QHash<qint64, QList<IncidentEvent>> statusEvents;
    auto events = db.prepare("SELECT e.incident_id, e.at, e.new_value FROM incident_event e JOIN incident i ON "
                             "i.id = e.incident_id WHERE e.type = 'status' AND i.detected_at >= ?1 AND "
                             "i.detected_at < ?2 ORDER BY e.incident_id, e.at, e.id");
    events.bind(1, fromMs).bind(2, toMs);
    while (events.step()) {
        IncidentEvent e;
        e.incidentId = events.int64(0);
        e.at = fromStoredTime(events.int64(1));
        e.type = QStringLiteral("status");
        e.newValue = events.text(2);
        statusEvents[e.incidentId].append(e);
    }

    QMap<std::pair<QString, QString>, HealthReportData::Count> byTeamKind;
    QMap<QString, std::pair<std::vector<qint64>, std::vector<qint64>>> teamTimes;
    QHash<QString, int> kindCounts;
    QMap<QDate, int> perDay;
    std::vector<qint64> acks;
    std::vector<qint64> resolves;
    QHash<QString, QList<LineageGraph::Index>> consumersOf; // per incident asset, its downstream consumers
    QHash<LineageGraph::Index, int> affected;

    for (const Incident& incident : store.incidents()) {
        const qint64 at = toStoredTime(incident.detectedAt);
        if (at < fromMs || at >= toMs)
            continue;
        HealthReportData::Row row;
        row.incident = incident;
        const auto index = graph.indexOf(incident.assetKey);
        row.team = index != LineageGraph::npos ? teamOf(graph.asset(index)) : QStringLiteral("(no owner)");
        std::tie(row.ackMs, row.resolveMs) = responseTimes(incident, statusEvents.value(incident.id));

        ++out.total;
        const bool resolved = isResolved(incident.status);
        resolved ? ++out.resolved : ++out.open;
        auto& c = byTeamKind[{row.team, incidentKindName(incident.kind)}];
        c.team = row.team;
        c.kind = incidentKindName(incident.kind);
        ++c.total;
        if (!resolved)
            ++c.open;
        ++kindCounts[incidentKindName(incident.kind)];
        ++perDay[incident.detectedAt.toUTC().date()];
        auto& tt = teamTimes[row.team];
        if (row.ackMs >= 0) {
            acks.push_back(row.ackMs);
            tt.first.push_back(row.ackMs);
            ++out.acknowledged;
        }
        if (row.resolveMs >= 0) {
            resolves.push_back(row.resolveMs);
            tt.second.push_back(row.resolveMs);
        }
        if (index != LineageGraph::npos) {
            auto it = consumersOf.find(incident.assetKey);
            if (it == consumersOf.end()) {
                QList<LineageGraph::Index> list;
                for (const auto& r : graph.closureDown(index, -1)) {
                    if (isConsumerKind(graph.asset(r.node).kind))
                        list.append(r.node);
                }
                it = consumersOf.insert(incident.assetKey, list);
            }
            row.consumers = int(it->size());
            for (auto c : *it)
                ++affected[c];
        }
        out.incidents.append(row);
    }
    out.byTeamKind = byTeamKind.values();
    for (IncidentKind kind : {IncidentKind::Freshness, IncidentKind::Volume, IncidentKind::Schema,
                              IncidentKind::Distribution, IncidentKind::Test}) {
        const QString name = incidentKindName(kind);
        if (kindCounts.contains(name))
            out.byKind.append({name, kindCounts.value(name)});
    }
    for (QDate d = from.toUTC().date(); d.isValid() && d <= to.toUTC().addMSecs(-1).date(); d = d.addDays(1))
        out.perDay.append({d, perDay.value(d)});
    out.medianAckMs = median(acks);
    out.medianResolveMs = median(resolves);
    for (auto it = teamTimes.cbegin(); it != teamTimes.cend(); ++it)
        out.timesByTeam.append({it.key(), median(it->first), median(it->second)});
    for (auto it = affected.cbegin(); it != affected.cend(); ++it)
        out.mostAffected.append({graph.asset(it.key()), it.value()});
    std::sort(out.mostAffected.begin(), out.mostAffected.end(), [](const auto& a, const auto& b) {
        if (a.incidents != b.incidents)
            return a.incidents > b.incidents;
        return a.asset.key < b.asset.key;
    });
    if (out.mostAffected.size() > 10)
        out.mostAffected.resize(10);
    return out;
}

} // namespace sightline
