#include "timing.h"

#include "incidents/incidentstore.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace sightline {

IncidentTimes incidentTimes(const Incident& incident, const QList<IncidentEvent>& events)
{
    QSet<qint64> ignored;
    for (const IncidentEvent& e : events) {
        if (const qint64 undone = revertedEventId(e)) {
            ignored.insert(undone);
            ignored.insert(e.id);
        }
    }
    const QString open = statusName(IncidentStatus::Open);
    const QString current = statusName(incident.status);
    IncidentTimes times;
    QDateTime lastStatusChange;
    for (const IncidentEvent& e : events) {
        if (e.type != QLatin1String("status"))
            continue;
        lastStatusChange = e.at;
        if (ignored.contains(e.id))
            continue;
        if (!times.acknowledgedAt.isValid() && e.oldValue == open && e.newValue != open)
            times.acknowledgedAt = e.at;
        if (isResolved(incident.status) && e.newValue == current)
            times.resolvedAt = e.at;
    }
    if (isResolved(incident.status) && !times.resolvedAt.isValid())
        times.resolvedAt = lastStatusChange;
    const auto since = [&](const QDateTime& at) -> std::optional<qint64> {
        if (!at.isValid() || !incident.detectedAt.isValid())
            return std::nullopt;
        return std::max<qint64>(0, incident.detectedAt.msecsTo(at));
    };
    times.toAcknowledgeMs = since(times.acknowledgedAt);
    times.toResolveMs = since(times.resolvedAt);
    return times;
}

std::optional<qint64> meanOf(QList<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    qint64 sum = 0;
    for (qint64 v : values)
        sum += v;
    return sum / values.size();
}

std::optional<qint64> medianOf(QList<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    if (values.size() % 2 == 1)
        return values[mid];
    return (values[mid - 1] + values[mid]) / 2;
}

QList<TeamTimes> teamTimes(sql::Database& db)
{
    IncidentStore store(db);
    const QList<Incident> incidents = store.incidents();
    QHash<qint64, QString> teamOf;
    {
        auto stmt = db.prepare("SELECT i.id, coalesce(a.team, '') FROM incident i JOIN asset a ON a.id = i.asset_id");
        while (stmt.step())
            teamOf.insert(stmt.int64(0), stmt.text(1));
    }
    QHash<qint64, QList<IncidentEvent>> eventsOf;
    {
        auto stmt = db.prepare("SELECT id, incident_id, at, type, old_value, new_value, comment FROM incident_event "
                               "WHERE type = 'status' OR comment LIKE 'undo of event %' ORDER BY at, id");
        while (stmt.step()) {
            IncidentEvent e;
            e.id = stmt.int64(0);
            e.incidentId = stmt.int64(1);
            e.at = fromStoredTime(stmt.int64(2));
            e.type = stmt.text(3);
            e.oldValue = stmt.text(4);
            e.newValue = stmt.text(5);
            e.comment = stmt.text(6);
            eventsOf[e.incidentId].append(std::move(e));
        }
    }
    struct Acc
    {
        int incidents = 0;
        QList<qint64> ack, resolve;
    };
    std::map<QString, Acc> byTeam;
    for (const Incident& i : incidents) {
        Acc& acc = byTeam[teamOf.value(i.id)];
        ++acc.incidents;
        const IncidentTimes t = incidentTimes(i, eventsOf.value(i.id));
        if (t.toAcknowledgeMs)
            acc.ack.append(*t.toAcknowledgeMs);
        if (t.toResolveMs)
            acc.resolve.append(*t.toResolveMs);
    }
    QList<TeamTimes> result;
    for (const auto& [team, acc] : byTeam) {
        TeamTimes t;
        t.team = team;
        t.incidents = acc.incidents;
        t.acknowledged = int(acc.ack.size());
        t.resolved = int(acc.resolve.size());
        t.meanToAcknowledgeMs = meanOf(acc.ack);
        t.medianToAcknowledgeMs = medianOf(acc.ack);
        t.meanToResolveMs = meanOf(acc.resolve);
        t.medianToResolveMs = medianOf(acc.resolve);
        result.append(t);
    }
    return result;
}

QString formatDuration(std::optional<qint64> ms)
{
    if (!ms)
        return QStringLiteral("-");
    const qint64 minutes = *ms / 60'000;
    if (minutes < 1)
        return QStringLiteral("%1 s").arg(*ms / 1000);
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return minutes % 60 ? QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60)
                            : QStringLiteral("%1 h").arg(hours);
    return hours % 24 ? QStringLiteral("%1 d %2 h").arg(hours / 24).arg(hours % 24)
                      : QStringLiteral("%1 d").arg(hours / 24);
}

} // namespace sightline
