#include "rootcause.h"

#include "notify/blockkit.h"
#include "store/workspace.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace sightline {

namespace {

constexpr double kIncidentWeight = 1.0;
constexpr double kSchemaWeight = 0.9;
constexpr double kRunWeight = 0.8;
constexpr double kFreshnessErrorWeight = 0.8;
constexpr double kFreshnessWarnWeight = 0.4;
constexpr double kSymptomDemotion = 0.5;

struct Reach
{
    LineageGraph::Index index;
    int distance;
};

QString leadText(qint64 leadMs)
{
    if (leadMs >= 0)
        return humanDuration(leadMs) + QStringLiteral(" before");
    return humanDuration(-leadMs) + QStringLiteral(" after");
}

// [["name","type",ordinal],...] -> name -> type
QHash<QString, QString> parseColumns(const QString& json)
{
    QHash<QString, QString> out;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto& c : array) {
        const QJsonArray column = c.toArray();
        out.insert(column.at(0).toString(), column.at(1).toString());
    }
    return out;
}

QString schemaDiff(const QString& before, const QString& after)
{
    const auto old = parseColumns(before);
    const auto now = parseColumns(after);
    QStringList removed, added, retyped;
    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        const auto n = now.constFind(it.key());
        if (n == now.cend())
            removed.append(it.key());
        else if (n.value().compare(it.value(), Qt::CaseInsensitive) != 0)
            retyped.append(QStringLiteral("%1 %2 to %3").arg(it.key(), it.value(), n.value()));
    }
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (!old.contains(it.key()))
            added.append(it.key());
    }
    removed.sort();
    added.sort();
    retyped.sort();
    QStringList parts;
    if (!removed.isEmpty())
        parts.append(QStringLiteral("removed ") + removed.join(QStringLiteral(", ")));
    if (!added.isEmpty())
        parts.append(QStringLiteral("added ") + added.join(QStringLiteral(", ")));
    if (!retyped.isEmpty())
        parts.append(QStringLiteral("retyped ") + retyped.join(QStringLiteral(", ")));
    return parts.isEmpty() ? QStringLiteral("column order changed") : parts.join(QStringLiteral("; "));
}

// The usual delay between a change upstream and the same change showing downstream: the median
// lag of the downstream's last_modified behind the upstream's, over the captures that saw both.
class LagEstimator
{
public:
    LagEstimator(sql::Database& db, qint64 fallback)
        : m_series(db.prepare("SELECT at, value FROM observation WHERE asset_id = ?1 AND metric = 'last_modified' "
                              "AND column_name = '' ORDER BY at"))
        , m_fallback(fallback)
    {
    }

    qint64 edge(qint64 up, qint64 down)
    {
        const auto key = std::pair(up, down);
        if (const auto it = m_cache.find(key); it != m_cache.end())
            return it->second;
        const auto a = series(up);
        const auto b = series(down);
        std::vector<qint64> lags;
        for (auto at = b.cbegin(); at != b.cend(); ++at) {
            const auto it = a.constFind(at.key());
            if (it != a.cend() && at.value() >= *it)
                lags.push_back(qint64(at.value() - *it));
        }
        qint64 lag = m_fallback;
        if (!lags.empty()) {
            std::nth_element(lags.begin(), lags.begin() + lags.size() / 2, lags.end());
            lag = lags[lags.size() / 2];
        }
        m_cache.emplace(key, lag);
        return lag;
    }

private:
    QHash<qint64, double> series(qint64 asset)
    {
        QHash<qint64, double> out;
        m_series.reset();
        m_series.bind(1, asset);
        while (m_series.step())
            out.insert(m_series.int64(0), m_series.real(1));
        return out;
    }
    sql::Statement m_series;
    qint64 m_fallback;
    std::map<std::pair<qint64, qint64>, qint64> m_cache;
};

} // namespace

QString causeEvidenceKindName(CauseEvidence::Kind kind)
{
    switch (kind) {
    case CauseEvidence::Kind::Incident:
        return QStringLiteral("incident");
    case CauseEvidence::Kind::SchemaChange:
        return QStringLiteral("schema_change");
    case CauseEvidence::Kind::RunFailed:
        return QStringLiteral("run_failed");
    case CauseEvidence::Kind::FreshnessError:
        return QStringLiteral("freshness_error");
    }
    return {};
}

QList<CauseCandidate> rankCauses(Workspace& workspace, const LineageGraph& graph, const Incident& incident,
                                 const RootCauseOptions& options)
{
    const LineageGraph::Index symptom = graph.indexOf(incident.assetKey);
    if (symptom == LineageGraph::npos || !incident.detectedAt.isValid())
        return {};
    const qint64 t = toStoredTime(incident.detectedAt);
    const qint64 from = t - options.lookbackMs;
    const qint64 to = t + options.slackMs;

    QHash<qint64, Reach> byId; // asset id -> where it sits upstream
    byId.insert(graph.asset(symptom).id, {symptom, 0});
    for (const auto& r : graph.closureUp(symptom, options.maxDepth))
        byId.insert(graph.asset(r.node).id, {r.node, r.distance});

    struct Found
    {
        LineageGraph::Index index;
        int distance;
        CauseEvidence evidence;
    };
    std::vector<Found> found;
    sql::Database& db = workspace.db();

    auto incidents = db.prepare("SELECT id, asset_id, detected_at, kind, severity, explanation FROM incident "
                                "WHERE detected_at BETWEEN ?1 AND ?2 AND id <> ?3");
    incidents.bind(1, from).bind(2, to).bind(3, incident.id);
    while (incidents.step()) {
        const auto it = byId.constFind(incidents.int64(1));
        if (it == byId.cend() || it->distance == 0)
            continue; // the asset's own incidents are the symptom, not its cause
        CauseEvidence e;
        e.kind = CauseEvidence::Kind::Incident;
        e.incidentId = incidents.int64(0);
        e.at = fromStoredTime(incidents.int64(2));
        e.text = QStringLiteral("%1 incident (%2): %3")
                     .arg(incidents.text(3), incidents.text(4), incidents.text(5).left(300));
        e.weight = kIncidentWeight;
        found.push_back({it->index, it->distance, e});
    }

    auto schemas = db.prepare("SELECT s.asset_id, s.captured_at, s.columns, (SELECT p.columns FROM schema_version p "
                              "WHERE p.asset_id = s.asset_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1) "
                              "FROM schema_version s WHERE s.captured_at BETWEEN ?1 AND ?2");
    schemas.bind(1, from).bind(2, to);
    while (schemas.step()) {
        const auto it = byId.constFind(schemas.int64(0));
        if (it == byId.cend() || schemas.isNull(3) || schemas.text(3) == schemas.text(2))
            continue; // the first version of a schema is not a change
        CauseEvidence e;
        e.kind = CauseEvidence::Kind::SchemaChange;
        e.at = fromStoredTime(schemas.int64(1));
        e.text = QStringLiteral("schema changed: ") + schemaDiff(schemas.text(3), schemas.text(2));
        e.weight = kSchemaWeight;
        found.push_back({it->index, it->distance, e});
    }

    auto runs =
        db.prepare("SELECT asset_id, kind, name, status, at, message FROM run_result WHERE at BETWEEN ?1 AND ?2 "
                   "AND ((kind = 'run' AND status IN ('error', 'fail')) OR "
                   "(kind = 'freshness' AND status IN ('error', 'fail', 'warn')))");
    runs.bind(1, from).bind(2, to);
    while (runs.step()) {
        const auto it = byId.constFind(runs.int64(0));
        if (it == byId.cend())
            continue;
        CauseEvidence e;
        const bool freshness = runs.text(1) == u"freshness";
        e.kind = freshness ? CauseEvidence::Kind::FreshnessError : CauseEvidence::Kind::RunFailed;
        e.at = fromStoredTime(runs.int64(4));
        const QString status = runs.text(3);
        e.text = freshness ? QStringLiteral("source freshness check: %1").arg(status)
                           : QStringLiteral("run %1: %2")
                                 .arg(runs.text(2).isEmpty() ? QStringLiteral("of the model") : runs.text(2), status);
        if (!runs.text(5).isEmpty())
            e.text += QStringLiteral(" (%1)").arg(runs.text(5).simplified().left(300));
        e.weight = freshness ? (status == u"warn" ? kFreshnessWarnWeight : kFreshnessErrorWeight) : kRunWeight;
        found.push_back({it->index, it->distance, e});
    }

    // One candidate per asset; the propagation delay along its path decides how well each piece
    // of evidence fits in time.
    LagEstimator lags(db, options.defaultHopLagMs);
    QHash<LineageGraph::Index, qsizetype> byIndex;
    QList<CauseCandidate> out;
    for (auto& f : found) {
        auto it = byIndex.find(f.index);
        if (it == byIndex.end()) {
            CauseCandidate c;
            c.asset = graph.asset(f.index);
            c.distance = f.distance;
            const auto path = graph.shortestPath(f.index, symptom);
            for (size_t i = 0; i < path.size(); ++i) {
                c.path.append(graph.asset(path[i]).key);
                if (i + 1 < path.size())
                    c.expectedLagMs += lags.edge(graph.asset(path[i]).id, graph.asset(path[i + 1]).id);
            }
            if (path.empty())
                c.path.append(c.asset.key);
            it = byIndex.insert(f.index, out.size());
            out.append(c);
        }
        CauseCandidate& c = out[*it];
        const qint64 lead = f.evidence.at.msecsTo(incident.detectedAt);
        const double scale = double(std::max(c.expectedLagMs, options.defaultHopLagMs));
        double fit = 1.0 / (1.0 + std::abs(double(lead - c.expectedLagMs)) / scale);
        if (lead < 0)
            fit *= 0.5; // seen only after the symptom: weak, though a capture may see both at once
        f.evidence.weight *= fit;
        f.evidence.text = QStringLiteral("%1, %2 the incident (about %3 expected along %4 edge%5)")
                              .arg(f.evidence.text, leadText(lead), humanDuration(c.expectedLagMs))
                              .arg(c.distance)
                              .arg(c.distance == 1 ? QString() : QStringLiteral("s"));
        c.evidence.append(f.evidence);
    }
    for (auto& c : out) {
        std::stable_sort(c.evidence.begin(), c.evidence.end(), [](const CauseEvidence& a, const CauseEvidence& b) {
            if (a.weight != b.weight)
                return a.weight > b.weight;
            return a.at < b.at;
        });
        // The strongest piece decides; corroborating pieces add a little each.
        c.score = c.evidence.first().weight;
        for (qsizetype i = 1; i < c.evidence.size(); ++i)
            c.score += 0.1 * c.evidence[i].weight;
    }

    // A candidate whose incident lies downstream of another candidate that misbehaved no later is
    // most likely a symptom of the same cause, not the cause.
    auto earliest = [](const CauseCandidate& c) {
        QDateTime e = c.evidence.first().at;
        for (const auto& x : c.evidence)
            e = std::min(e, x.at);
        return e;
    };
    QList<double> demoted(out.size(), 1.0);
    for (qsizetype a = 0; a < out.size(); ++a) {
        for (qsizetype b = 0; b < out.size(); ++b) {
            // Only an incident can be a symptom: a schema change or a failed run is an act of its own.
            if (a == b || demoted[b] < 1.0 || out[a].distance <= out[b].distance
                || out[b].evidence.first().kind != CauseEvidence::Kind::Incident)
                continue;
            if (earliest(out[a]) > earliest(out[b]))
                continue;
            const auto ia = byIndex.key(a);
            const auto ib = byIndex.key(b);
            if (graph.shortestPath(ia, ib).empty())
                continue;
            demoted[b] = kSymptomDemotion;
            out[b].demotedBecause = QStringLiteral("itself downstream of %1, which misbehaved no later: probably "
                                                   "another symptom")
                                        .arg(out[a].asset.key);
        }
    }
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i].score *= demoted[i];

    std::stable_sort(out.begin(), out.end(), [](const CauseCandidate& a, const CauseCandidate& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return a.asset.key < b.asset.key;
    });
    if (out.size() > options.maxCandidates)
        out.resize(options.maxCandidates);
    return out;
}

} // namespace sightline
