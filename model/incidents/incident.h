#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace sightline {

// The names (see incidentKindName etc.) are part of the command line's JSON contract
// (../shared/contracts/incidents.schema.json) and are what the workspace stores.
enum class IncidentKind
{
    Freshness,
    Volume,
    Schema,
    Distribution,
    Test,
};

enum class IncidentStatus
{
    Open,
    Acknowledged,
    Investigating,
    Fixed,
    Expected,
    NoActionNeeded,
    FalsePositive,
};

// SEV-1 is the most severe. The numeric value is the number in the name.
enum class Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
};

QString incidentKindName(IncidentKind kind);
std::optional<IncidentKind> incidentKindFromName(QStringView name);
QString statusName(IncidentStatus status);
std::optional<IncidentStatus> statusFromName(QStringView name);
const QList<IncidentStatus>& allStatuses();
QString severityName(Severity severity);
std::optional<Severity> severityFromName(QStringView name);

// fixed, expected, no_action_needed and false_positive close an incident (DESIGN.md).
bool isResolved(IncidentStatus status);

// One incident as stored. Times are data time (the capture that showed it), never the wall clock.
struct Incident
{
    qint64 id = 0; // 0 until stored
    QString detector; // which rule raised it, e.g. "volume.deletion"; free text, stable per rule
    IncidentKind kind = IncidentKind::Volume;
    QString assetKey;
    QString column; // empty for table-level incidents
    QDateTime detectedAt;
    QDateTime windowStart;
    QDateTime windowEnd;
    std::optional<double> expectedLow;
    std::optional<double> expectedHigh;
    std::optional<double> observed;
    QString observedText; // when the observation is not a number (a status, a type change)
    std::optional<double> score;
    QString direction; // "up", "down", "late", "changed", "failed"
    Severity severity = Severity::Sev3;
    IncidentStatus status = IncidentStatus::Open;
    QString assignee;
    QDateTime snoozedUntil;
    qint64 groupId = 0; // 0: not grouped
    QDateTime trainingStart;
    QDateTime trainingEnd;
    QList<QDateTime> excludedPoints; // training points left out (earlier incidents, annotations)
    QString explanation; // one sentence a person can read
    // Identifies "the same incident" across detection runs so that re-running changes nothing.
    QString fingerprint;
};

// One entry of the append-only audit trail.
struct IncidentEvent
{
    qint64 id = 0;
    qint64 incidentId = 0;
    QDateTime at;
    QString actor;
    QString type; // "detected", "status", "assignee", "severity", "comment", "snooze", "notified", ...
    QString oldValue;
    QString newValue;
    QString comment;
};

} // namespace sightline
