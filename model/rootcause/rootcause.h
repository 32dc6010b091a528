#pragma once

#include "core/asset.h"
#include "incidents/incident.h"
#include "lineage/lineagegraph.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace sightline {

class Workspace;

// One piece of evidence that an upstream asset caused an incident.
struct CauseEvidence
{
    enum class Kind
    {
        Incident, // the upstream asset had an incident of its own
        SchemaChange, // its columns changed (schema_version)
        RunFailed, // a dbt run / job run failed
        FreshnessError, // a source freshness check failed
    };
    Kind kind = Kind::Incident;
    QDateTime at;
    qint64 incidentId = 0; // for Kind::Incident
    QString text; // one sentence: what happened and why it counts
    double weight = 0; // this evidence's share of the candidate's score
};

QString causeEvidenceKindName(CauseEvidence::Kind kind); // "incident", "schema_change", ...

struct CauseCandidate
{
    Asset asset;
    int distance = 0; // steps upstream of the incident's asset (0: the asset itself)
    QStringList path; // keys from the candidate down to the incident's asset
    qint64 expectedLagMs = 0; // usual propagation delay along path
    double score = 0; // higher is likelier; only comparable within one ranking
    QList<CauseEvidence> evidence; // strongest first
    QString demotedBecause; // set when it is probably another symptom of a candidate further up
};

struct RootCauseOptions
{
    qint64 lookbackMs = 3LL * 24 * 3600 * 1000; // how long before the incident a cause may lie
    qint64 defaultHopLagMs = 3600 * 1000; // propagation per edge when history says nothing
    qint64 slackMs = 0; // evidence up to this long AFTER the incident still counts (same capture)
    int maxDepth = -1; // upstream steps to search; < 0: all
    int maxCandidates = 20;
};

// Ranks upstream assets that may have caused incident: those with their own incident, a schema
// change, a failed run or a failed freshness check before it. Evidence that precedes the incident
// by about the usual propagation delay along the path scores highest (the delay per edge is the
// median lag of the downstream's last_modified behind the upstream's in the same captures, else
// defaultHopLagMs). A candidate that is itself downstream of an earlier-misbehaving candidate is
// demoted: it is probably another symptom. Deterministic: ties by (distance, key).
QList<CauseCandidate> rankCauses(Workspace& workspace, const LineageGraph& graph, const Incident& incident,
                                 const RootCauseOptions& options = {});

} // namespace sightline
