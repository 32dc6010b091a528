#pragma once

#include "export/lineageexport.h"
#include "incidents/incident.h"
#include "lineage/lineagegraph.h"
#include "rootcause/rootcause.h"
#include "routing/routing.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace sightline {

class Workspace;

// A time series to draw: (ms since epoch, value), oldest first.
struct ReportSeries
{
    QString metric;
    QString column;
    QList<std::pair<qint64, double>> points;
};

// Everything an incident report shows, read once from the workspace so that every format
// (HTML, PDF, Markdown, CSV) renders the same facts.
struct IncidentReportData
{
    Incident incident;
    Asset asset;
    QList<IncidentEvent> timeline;
    Routing routing;
    QList<CauseCandidate> causes; // best first, at most a handful
    ReportSeries series; // the metric the incident is about, around its window; may be empty
    LineageSelection lineage; // the excerpt: the asset, upstream and downstream within two steps
    QString groupExplanation; // when grouped with others sharing a root cause
    QDateTime dataTime; // "now": the newest capture
    QDateTime nextUpdate; // resolved incidents have none
};

struct ReportOptions
{
    int lineageDepth = 2;
    int maxLineageNodes = 30; // the excerpt stays readable on a page
    int maxCauses = 5;
    qint64 historyMs = 14LL * 24 * 3600 * 1000; // series before the window
    qint64 updateEveryMs = 4LL * 3600 * 1000; // next update promised this long after data time
};

// Throws nothing for an unknown id: returns std::nullopt. sql::Error for a broken workspace.
std::optional<IncidentReportData> collectIncidentReport(Workspace& workspace, const LineageGraph& graph,
                                                        qint64 incidentId, const ReportOptions& options = {});

// Incidents detected in [from, to) (data time) and how they were handled.
struct HealthReportData
{
    QDateTime from;
    QDateTime to;
    int total = 0;
    int open = 0; // not resolved
    int resolved = 0;
    struct Count
    {
        QString team; // asset's team, else owner, else "(no owner)"
        QString kind;
        int total = 0;
        int open = 0;
    };
    QList<Count> byTeamKind; // by (team, kind)
    QList<std::pair<QString, int>> byKind; // kind name, count; in kind order
    QList<std::pair<QDate, int>> perDay; // every day of the period
    // Medians over the incidents that have them; < 0 when none.
    qint64 medianAckMs = -1;
    qint64 medianResolveMs = -1;
    int acknowledged = 0;
    struct TeamTimes
    {
        QString team;
        qint64 medianAckMs = -1;
        qint64 medianResolveMs = -1;
    };
    QList<TeamTimes> timesByTeam;
    struct Affected
    {
        Asset asset;
        int incidents = 0;
    };
    QList<Affected> mostAffected; // consumers downstream of the most incidents, top 10
    struct Row
    {
        Incident incident;
        QString team;
        qint64 ackMs = -1;
        qint64 resolveMs = -1;
        int consumers = 0; // dashboards and other consumers downstream
    };
    QList<Row> incidents; // newest first
};

HealthReportData collectHealthReport(Workspace& workspace, const LineageGraph& graph, const QDateTime& from,
                                     const QDateTime& to);

// Time to acknowledge / resolve from an incident's events: from detection to the first status
// change away from "open" / to the first resolving status. < 0 when it has not happened.
std::pair<qint64, qint64> responseTimes(const Incident& incident, const QList<IncidentEvent>& events);

} // namespace sightline
