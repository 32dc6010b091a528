#pragma once

#include "import/importer.h"

#include <QList>
#include <QMap>
#include <QStringList>

#include <algorithm>

namespace sightline::test {

// Records every call an importer makes, for tests that look at what an importer reports
// independently of how the workspace stores it.
class CollectingSink : public ImportSink
{
public:
    QStringList sources;
    QList<QDateTime> sourceTimes;
    QList<Asset> assets;
    QList<Edge> edges;
    QList<ColumnEdge> columnEdges;
    QList<Observation> observations;
    QList<RunResult> results;
    QStringList warnings;

    void beginSource(const QString& sourceId, const QDateTime& capturedAt) override
    {
        sources.append(sourceId);
        sourceTimes.append(capturedAt);
    }
    void asset(const Asset& asset) override
    {
        assets.append(asset);
    }
    void edge(const QString& from, const QString& to) override
    {
        edges.append(Edge {from, to});
    }
    void columnEdge(const ColumnEdge& e) override
    {
        columnEdges.append(e);
    }
    void warning(const QString& message) override
    {
        warnings.append(message);
    }
    void observation(const Observation& observation) override
    {
        observations.append(observation);
    }
    void runResult(const RunResult& result) override
    {
        results.append(result);
    }

    // The time of the last source begun; invalid when none was.
    QDateTime capturedAt() const
    {
        return sourceTimes.isEmpty() ? QDateTime() : sourceTimes.last();
    }
    // "row_count=11 size_bytes=12": observations per metric, sorted by metric.
    QString metricCounts() const
    {
        QMap<QString, int> counts;
        for (const auto& o : observations)
            ++counts[o.metric];
        return joinCounts(counts);
    }
    // "error=1 pass=20 success=8": results per status, sorted by status.
    QString statusCounts() const
    {
        QMap<QString, int> counts;
        for (const auto& r : results)
            ++counts[r.status];
        return joinCounts(counts);
    }
    int count(AssetKind kind) const
    {
        return int(std::count_if(assets.begin(), assets.end(), [&](const Asset& a) { return a.kind == kind; }));
    }
    QList<RunResult> resultsOf(RunResult::Kind kind) const
    {
        QList<RunResult> out;
        for (const auto& r : results) {
            if (r.kind == kind)
                out.append(r);
        }
        return out;
    }
    int resultsOfKind(RunResult::Kind kind) const
    {
        return int(resultsOf(kind).size());
    }
    const RunResult* result(const QString& name) const
    {
        for (const auto& r : results) {
            if (r.name == name)
                return &r;
        }
        return nullptr;
    }
    const Asset* asset(const QString& key) const
    {
        for (const auto& a : assets) {
            if (a.key == key)
                return &a;
        }
        return nullptr;
    }
    bool hasColumnEdge(const QString& from, const QString& fromColumn, const QString& to, const QString& toColumn) const
    {
        return std::any_of(columnEdges.begin(), columnEdges.end(), [&](const ColumnEdge& e) {
            return e.fromKey == from && e.fromColumn == fromColumn && e.toKey == to && e.toColumn == toColumn;
        });
    }
    const Observation* findObservation(const QString& key, const QString& column, const QString& metric) const
    {
        for (const auto& o : observations) {
            if (o.assetKey == key && o.column == column && o.metric == metric)
                return &o;
        }
        return nullptr;
    }
    // The value of one observation; NaN when there is none.
    double value(QStringView key, QStringView metric) const
    {
        for (const auto& o : observations) {
            if (o.assetKey == key && o.metric == metric)
                return o.value;
        }
        return qQNaN();
    }

private:
    static QString joinCounts(const QMap<QString, int>& counts)
    {
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts.append(it.key() + u'=' + QString::number(it.value()));
        return parts.join(u' ');
    }
};

} // namespace sightline::test
