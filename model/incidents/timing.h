#pragma once

#include "incidents/incident.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace sightline {

// When a person first acknowledged an incident and when it was resolved, read from its events.
// Undo events, and the events they undid, do not count: an acknowledgement taken back is none.
// The clock starts at detectedAt (data time; on live snapshots that is close to the wall clock
// of the human events, on old files the durations are as long as the files are old).
struct IncidentTimes
{
    QDateTime acknowledgedAt; // first effective status change away from open
    QDateTime resolvedAt; // when it reached its current resolution; invalid unless resolved
    std::optional<qint64> toAcknowledgeMs;
    std::optional<qint64> toResolveMs;
};

IncidentTimes incidentTimes(const Incident& incident, const QList<IncidentEvent>& events);

// Time to acknowledge / resolve over a team's incidents (team of the incident's asset; "" when the
// asset has none). Means and medians over the incidents that have the value.
struct TeamTimes
{
    QString team;
    int incidents = 0;
    int acknowledged = 0;
    int resolved = 0;
    std::optional<qint64> meanToAcknowledgeMs;
    std::optional<qint64> medianToAcknowledgeMs;
    std::optional<qint64> meanToResolveMs;
    std::optional<qint64> medianToResolveMs;
};

// Every team with incidents, sorted by team name. Two queries, whatever the number of incidents.
QList<TeamTimes> teamTimes(sql::Database& db);
// The same figures over given values (exposed for tests and reports). Median of an even count:
// the mean of the two middle values, rounded down.
std::optional<qint64> meanOf(QList<qint64> values);
std::optional<qint64> medianOf(QList<qint64> values);

// "45 min", "3 h 5 min", "2 d 4 h"; "-" when there is no value.
QString formatDuration(std::optional<qint64> ms);

} // namespace sightline
