#pragma once

#include "import/importer.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/sqlite.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QFile>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

namespace sightline::test {

// Records every call an importer makes, for tests that look at what an importer reports
// independently of how the workspace stores it.
class CollectingSink : public ImportSink
{
public:
    QStringList sources;
    QList<QDateTime> sourceTimes;
    QList<Asset> assets;
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
    void edge(const QString&, const QString&) override { }
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

    // "row_count=11 size_bytes=12": observations per metric, sorted by metric.
    QString metricCounts() const
    {
        QMap<QString, int> counts;
        for (const auto& o : observations)
            ++counts[o.metric];
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts.append(it.key() + u'=' + QString::number(it.value()));
        return parts.join(u' ');
    }
    // "error=1 pass=20 success=8": results per status, sorted by status.
    QString statusCounts() const
    {
        QMap<QString, int> counts;
        for (const auto& r : results)
            ++counts[r.status];
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts.append(it.key() + u'=' + QString::number(it.value()));
        return parts.join(u' ');
    }
    int resultsOfKind(RunResult::Kind kind) const
    {
        int n = 0;
        for (const auto& r : results)
            n += r.kind == kind ? 1 : 0;
        return n;
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
    // The value of one observation; NaN when there is none.
    double value(QStringView key, QStringView metric) const
    {
        for (const auto& o : observations) {
            if (o.assetKey == key && o.metric == metric)
                return o.value;
        }
        return qQNaN();
    }
};

// Runs the importer that detects the file, directly into sink. Returns the detected format id
// and version as "format vN"; throws what the importer throws.
inline QString importInto(const ImporterRegistry& registry, const QString& path, ImportSink& sink)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable");
    const auto match = registry.detect(f.read(64 * 1024));
    if (!match.importer)
        return QStringLiteral("unrecognised");
    ImportContext ctx;
    ctx.path = path;
    ctx.size = f.size();
    match.importer->import(ctx, sink);
    return match.importer->formatId() + u' ' + match.detection.version;
}

// One asset's time series of one metric in a workspace, oldest first.
inline QList<std::pair<QDateTime, double>> history(Workspace& ws, const QString& key, const QString& metric)
{
    QList<std::pair<QDateTime, double>> out;
    auto stmt = ws.db().prepare("SELECT o.at, o.value FROM observation o JOIN asset a ON a.id = o.asset_id "
                                "WHERE a.key = ?1 AND o.metric = ?2 AND o.column_name = '' ORDER BY o.at");
    stmt.bind(1, key).bind(2, metric);
    while (stmt.step())
        out.append({fromStoredTime(stmt.int64(0)), stmt.real(1)});
    return out;
}

// "run:success test:pass": an asset's run results in a workspace, sorted.
inline QStringList storedResults(Workspace& ws, const QString& key)
{
    QStringList out;
    auto stmt = ws.db().prepare("SELECT r.kind || ':' || r.status FROM run_result r JOIN asset a ON a.id = r.asset_id "
                                "WHERE a.key = ?1");
    stmt.bind(1, key);
    while (stmt.step())
        out.append(stmt.text(0));
    out.sort();
    return out;
}

// Bad input: imports base (good files) into a new workspace, then content as one file. The
// import must fail with an error naming the file and containing reason, and leave the
// workspace exactly as it was (SQLite's dump of every table).
inline void checkRejected(const ImporterRegistry& registry, const QStringList& base, const QByteArray& content,
                          const QString& reason)
{
    QTemporaryDir dir;
    const QString wsPath = dir.filePath(QStringLiteral("ws.sightline"));
    ImportRunner runner(registry);
    QStringList paths;
    for (const auto& b : base)
        paths.append(sharedData(b));
    const auto first = runner.run(wsPath, paths);
    QVERIFY2(first.outcome == ImportReport::Outcome::Imported, qPrintable(first.error));
    const QString before = dumpWorkspace(wsPath);

    const QString file = dir.filePath(QStringLiteral("bad artifact.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const auto report = runner.run(wsPath, {file});
    QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
    QVERIFY2(report.error.startsWith(file), qPrintable(report.error));
    QVERIFY2(report.error.contains(reason), qPrintable(report.error));
    QCOMPARE(dumpWorkspace(wsPath), before);
}

// The first fraction of a real file, as if a copy had been cut short.
inline QByteArray truncatedCopy(const QString& relative, double fraction = 0.6)
{
    QFile f(sharedData(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return all.left(qsizetype(double(all.size()) * fraction));
}

} // namespace sightline::test
