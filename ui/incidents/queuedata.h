#pragma once

#include "incidents/incident.h"
#include "incidents/timing.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace sightline {
class LineageGraph;
}

namespace sightline::ui {

// One line of the incident queue: the incident and what the queue shows and filters by.
struct QueueRow
{
    Incident incident;
    QString assetName;
    QString team; // of the asset
    QString owner; // of the asset
    QString platform;
    int downstream = 0; // assets downstream of the incident's asset
    // Lower-cased "id asset name team owner assignee detector explanation" for the text search.
    QString searchText;
};

// Fills in searchText from the other fields (after a change to the incident).
void updateSearchText(QueueRow& row);

struct QueueData
{
    QString path;
    QList<QueueRow> rows;
    std::shared_ptr<const LineageGraph> graph;
    QDateTime dataTime; // newest capture: "now" for the time-range filter
    QList<TeamTimes> teams; // time to acknowledge/resolve per team, as of loading
    QString error;
};

// Reads every incident with its asset's fields and downstream size, on any thread (own
// connection). graph: reuse the caller's lineage graph if it has one, else it is loaded. Never
// throws; errors come back in error.
QueueData loadQueue(const QString& path, std::shared_ptr<const LineageGraph> graph = {},
                    const std::function<bool()>& cancelled = {});

} // namespace sightline::ui
