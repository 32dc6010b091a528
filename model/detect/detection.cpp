#include "detection.h"

#include "detect/detectors.h"
#include "detect/feedback.h"
#include "incidents/incidentstore.h"
#include "lineage/lineagegraph.h"
#include "rootcause/incidentgrouping.h"
#include "store/workspace.h"

#include <algorithm>

namespace sightline {

namespace {
struct Candidate
{
    qint64 id;
    QString key;
};

// Assets with something to judge: observations, more than one schema version, or results.
QList<Candidate> candidates(sql::Database& db)
{
    auto stmt = db.prepare("SELECT id, key FROM asset WHERE id IN (SELECT DISTINCT asset_id FROM observation "
                           "UNION SELECT asset_id FROM schema_version GROUP BY asset_id HAVING count(*) > 1 "
                           "UNION SELECT DISTINCT asset_id FROM run_result) ORDER BY key");
    QList<Candidate> list;
    while (stmt.step())
        list.append({stmt.int64(0), stmt.text(1)});
    return list;
}
} // namespace

DetectionReport runDetection(Workspace& workspace, const DetectionOptions& options)
{
    DetectionReport report;
    const QDateTime asOfTime = options.asOf.isValid() ? options.asOf : workspace.dataTime();
    if (!asOfTime.isValid())
        return report;
    const qint64 asOf = toStoredTime(asOfTime);
    sql::Database& db = workspace.db();

    const QList<Candidate> assets = candidates(db);
    const QHash<qint64, detect::TrainingFilter> filters = detect::loadTrainingFilters(db);
    // The lineage graph is only built when some asset raises something.
    std::shared_ptr<const LineageGraph> graph;
    QHash<QString, std::pair<int, int>> downstreamCache;
    auto downstreamOf = [&](const QString& key) {
        if (auto it = downstreamCache.constFind(key); it != downstreamCache.constEnd())
            return *it;
        if (!graph)
            graph = LineageGraph::fromWorkspace(workspace);
        std::pair<int, int> counts {0, 0};
        const auto index = graph->indexOf(key);
        if (index != LineageGraph::npos) {
            for (const auto& reached : graph->closureDown(index, -1)) {
                ++counts.first;
                const AssetKind kind = graph->asset(reached.node).kind;
                if (kind == AssetKind::Dashboard || kind == AssetKind::Look)
                    ++counts.second;
            }
        }
        downstreamCache.insert(key, counts);
        return counts;
    };

    QList<Incident> found;
    int done = 0;
    for (const auto& candidate : assets) {
        if (options.progress && done % 64 == 0 && !options.progress(done, int(assets.size()))) {
            report.cancelled = true;
            return report;
        }
        ++done;
        detect::AssetScope scope;
        scope.id = candidate.id;
        scope.key = candidate.key;
        scope.filter = filters.value(candidate.id);
        const QString key = candidate.key;
        scope.downstream = [&downstreamOf, key] { return downstreamOf(key); };
        detect::Findings findings;
        detect::detectFreshness(db, asOf, scope, findings);
        detect::detectVolume(db, asOf, scope, findings);
        detect::detectDistribution(db, asOf, scope, findings);
        detect::detectSchema(db, asOf, scope, findings);
        detect::detectExternal(db, asOf, scope, findings);
        found += findings.incidents;
        report.silent += findings.silent;
    }
    report.assetsChecked = int(assets.size());
    if (options.progress && !options.progress(done, int(assets.size()))) {
        report.cancelled = true;
        return report;
    }

    std::stable_sort(found.begin(), found.end(), [](const Incident& a, const Incident& b) {
        if (a.detectedAt != b.detectedAt)
            return a.detectedAt < b.detectedAt;
        return a.fingerprint < b.fingerprint;
    });
    sql::Transaction transaction(db);
    IncidentStore store(db);
    for (Incident& incident : found) {
        const auto recorded = store.record(incident);
        if (!recorded.inserted) {
            ++report.existingIncidents;
            continue;
        }
        incident.id = recorded.id;
        report.newIncidents.append(incident);
    }
    transaction.commit();

    // One root, many symptoms: new incidents that share an upstream cause are grouped at once
    // (data time; a person can undo it). Only when something new arrived, so a re-run is a no-op.
    if (!report.newIncidents.isEmpty()) {
        if (!graph)
            graph = LineageGraph::fromWorkspace(workspace);
        report.groups = groupIncidents(workspace, *graph, QStringLiteral("sightline"), asOfTime);
    }
    return report;
}

} // namespace sightline
