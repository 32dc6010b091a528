#include "queuedata.h"

#include "incidents/incidentstore.h"
#include "lineage/graphloader.h"
#include "lineage/lineagegraph.h"
#include "store/workspace.h"

#include <QHash>

#include <vector>

namespace sightline::ui {

void updateSearchText(QueueRow& row)
{
    const Incident& i = row.incident;
    row.searchText =
        QStringList {
            QString::number(i.id), i.assetKey, row.assetName, row.team, row.owner, i.assignee, i.detector, i.column,
            i.explanation}
            .join(u' ')
            .toLower();
}

namespace {
// Downstream size of every asset that has an incident: one breadth-first walk each, with one
// reused visited array (no allocation per walk).
QHash<QString, int> downstreamSizes(const LineageGraph& graph, const QList<QueueRow>& rows)
{
    QHash<QString, int> sizes;
    std::vector<quint32> seen(size_t(graph.size()), 0);
    std::vector<LineageGraph::Index> queue;
    quint32 stamp = 0;
    for (const QueueRow& row : rows) {
        if (sizes.contains(row.incident.assetKey))
            continue;
        const LineageGraph::Index start = graph.indexOf(row.incident.assetKey);
        if (start == LineageGraph::npos) {
            sizes.insert(row.incident.assetKey, 0);
            continue;
        }
        ++stamp;
        queue.clear();
        queue.push_back(start);
        seen[start] = stamp;
        for (size_t head = 0; head < queue.size(); ++head) {
            for (LineageGraph::Index next : graph.downstream(queue[head])) {
                if (seen[next] != stamp) {
                    seen[next] = stamp;
                    queue.push_back(next);
                }
            }
        }
        sizes.insert(row.incident.assetKey, int(queue.size()) - 1);
    }
    return sizes;
}
} // namespace

QueueData loadQueue(const QString& path, std::shared_ptr<const LineageGraph> graph,
                    const std::function<bool()>& cancelled)
{
    QueueData data;
    data.path = path;
    try {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        if (!graph)
            graph = loadLineageGraph(*ws);
        data.graph = graph;
        data.dataTime = ws->dataTime();
        if (cancelled && cancelled())
            return data;
        const QList<Incident> incidents = IncidentStore(ws->db()).incidents();
        data.rows.reserve(incidents.size());
        for (const Incident& incident : incidents) {
            QueueRow row;
            row.incident = incident;
            const LineageGraph::Index index = graph->indexOf(incident.assetKey);
            if (index != LineageGraph::npos) {
                const Asset& asset = graph->asset(index);
                row.assetName = asset.name;
                row.team = asset.team;
                row.owner = asset.owner;
                row.platform = asset.platform;
            } else {
                row.assetName = incident.assetKey;
            }
            updateSearchText(row);
            data.rows.append(std::move(row));
        }
        if (cancelled && cancelled())
            return data;
        const QHash<QString, int> sizes = downstreamSizes(*graph, data.rows);
        for (QueueRow& row : data.rows)
            row.downstream = sizes.value(row.incident.assetKey);
        data.teams = teamTimes(ws->db());
    } catch (const WorkspaceError& e) {
        data.error = e.message();
    } catch (const std::exception& e) {
        data.error = QString::fromUtf8(e.what());
    }
    return data;
}

} // namespace sightline::ui
