// BigQuery import at scale, against the raw limit measured in the same run.
//
//   bench_bigquery DATA_DIR [--days N]
//
// DATA_DIR is what bench_bigquery_gen wrote (day-001/ ... day-NNN/, each tables.ndjson +
// jobs.ndjson). Measured, in this order, in one process:
//   1. import: each day folder as one snapshot through ImportRunner (as `sightline import WS DAY`
//      does), into a fresh workspace; rows/s, MB/s; peak RSS (VmHWM) after this phase;
//   2. re-import of the first day (identical content: nothing new) against its first import;
//   3. parse only: the importer into a sink that drops everything (the importer's own share);
//   4. raw limit: the same __TABLES__ rows and edge pairs, already in memory, inserted by bare
//      prepared statements in one transaction into scratch tables of the same shape (same
//      journal mode and synchronous setting as a workspace).

#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/sqlite.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

using namespace sightline;

namespace {

// CPU time of the process, in ms: on a shared machine (load above the core count) wall time
// mostly measures the neighbours, so the ratios are given on CPU time too.
qint64 cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct RawRow
{
    std::string project, dataset, table;
    qint64 creation = 0, modified = 0, rows = 0, size = 0, type = 0;
    std::string captured;
};

class DropSink : public ImportSink
{
public:
    void beginSource(const QString&, const QDateTime&) override { }
    void asset(const Asset&) override
    {
        ++assets;
    }
    void edge(const QString&, const QString&) override
    {
        ++edges;
    }
    void warning(const QString&) override { }
    void observation(const Observation&) override
    {
        ++observations;
    }
    void runResult(const RunResult&) override { }
    qint64 assets = 0, edges = 0, observations = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_bigquery DATA_DIR [--days N]\n");
        return 1;
    }
    int maxDays = 1 << 30;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--days"))
            maxDays = args[i + 1].toInt();
    }
    QStringList days = QDir(args[1]).entryList({QStringLiteral("day-*")}, QDir::Dirs, QDir::Name);
    days = days.mid(0, maxDays);
    if (days.isEmpty()) {
        std::fprintf(stderr, "no day-* folders in %s (run bench_bigquery_gen first)\n", qPrintable(args[1]));
        return 1;
    }
    for (auto& d : days)
        d = QDir(args[1]).filePath(d);

    ImporterRegistry registry;
    registry.loadPlugins();
    const Importer* importer = registry.byFormat(QStringLiteral("bigquery-metadata"));
    if (!importer) {
        std::fprintf(stderr, "the BigQuery importer plugin was not found next to the executable\n");
        return 1;
    }

    qint64 tableRows = 0, jobRows = 0, bytes = 0;
    for (const auto& d : days) {
        for (const char* name : {"tables.ndjson", "jobs.ndjson"}) {
            QFile f(d + u'/' + QLatin1String(name));
            if (!f.open(QIODevice::ReadOnly))
                return 2;
            const QByteArray all = f.readAll();
            bytes += all.size();
            (name[0] == 't' ? tableRows : jobRows) += all.count('\n');
        }
    }
    std::printf("input: %lld days, %lld __TABLES__ rows, %lld JOBS rows, %.1f MB\n", qint64(days.size()), tableRows,
                jobRows, double(bytes) / 1e6);
    const qint64 rssStart = peakRssKb();

    // 1. Import, a snapshot per day.
    QTemporaryDir tmp;
    const QString ws = tmp.filePath(QStringLiteral("bench.sightline"));
    ImportRunner runner(registry);
    QElapsedTimer timer;
    qint64 importMs = 0, firstDayMs = 0, slowestDayMs = 0, importCpu = 0, firstDayCpu = 0;
    for (int i = 0; i < days.size(); ++i) {
        const qint64 cpu0 = cpuMs();
        timer.start();
        const auto report = runner.run(ws, {days[i]});
        const qint64 ms = timer.elapsed();
        if (report.outcome != ImportReport::Outcome::Imported) {
            std::fprintf(stderr, "import of %s failed: %s\n", qPrintable(days[i]), qPrintable(report.error));
            return 2;
        }
        const qint64 cpu = cpuMs() - cpu0;
        importMs += ms;
        importCpu += cpu;
        slowestDayMs = std::max(slowestDayMs, ms);
        if (i == 0) {
            firstDayMs = ms;
            firstDayCpu = cpu;
        }
        if (i % 10 == 0 || i + 1 == days.size())
            std::printf("  day %d: %lld ms\n", i + 1, ms);
        std::fflush(stdout);
    }
    const qint64 rssImport = peakRssKb();
    qint64 edges = 0, assets = 0, observations = 0;
    {
        auto w = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        edges = w->counts().edges;
        assets = w->counts().assets;
        observations = w->db().queryInt("SELECT count(*) FROM observation");
    }

    // 2. Re-import of an already imported capture.
    qint64 cpu0 = cpuMs();
    timer.start();
    const auto again = runner.run(ws, {days[0]});
    const qint64 reimportMs = timer.elapsed();
    const qint64 reimportCpu = cpuMs() - cpu0;
    if (again.outcome != ImportReport::Outcome::NothingNew) {
        std::fprintf(stderr, "re-import was not a no-op\n");
        return 2;
    }

    // 3. Parse only.
    DropSink drop;
    cpu0 = cpuMs();
    timer.start();
    for (const auto& d : days) {
        for (const char* name : {"tables.ndjson", "jobs.ndjson"}) {
            ImportContext ctx;
            ctx.path = d + u'/' + QLatin1String(name);
            importer->import(ctx, drop);
        }
    }
    const qint64 parseMs = timer.elapsed();
    const qint64 parseCpu = cpuMs() - cpu0;

    // 4. Raw limit.
    const QString rawPath = tmp.filePath(QStringLiteral("raw.sqlite"));
    sql::Database raw(rawPath, sql::Database::Mode::ReadWriteCreate);
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("PRAGMA synchronous = NORMAL");
    raw.exec("CREATE TABLE raw_tables (project_id TEXT, dataset_id TEXT, table_id TEXT, creation_time INTEGER, "
             "last_modified_time INTEGER, row_count INTEGER, size_bytes INTEGER, type INTEGER, captured_at TEXT)");
    raw.exec("CREATE TABLE raw_edges (job_id TEXT, from_table TEXT, to_table TEXT)");
    qint64 rawMs = 0, rawRows = 0, rawEdges = 0, rawCpu = 0;
    {
        sql::Transaction tx(raw);
        auto insertTable = raw.prepare("INSERT INTO raw_tables VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        auto insertEdge = raw.prepare("INSERT INTO raw_edges VALUES (?1, ?2, ?3)");
        for (const auto& d : days) {
            // Read and parsed outside the timed part: only the inserts are the limit.
            std::vector<RawRow> rows;
            std::vector<std::array<std::string, 3>> edgeRows;
            QFile f(d + QStringLiteral("/tables.ndjson"));
            if (!f.open(QIODevice::ReadOnly))
                return 2;
            for (const QByteArray& line : f.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                const auto j = nlohmann::json::parse(line.constData(), line.constData() + line.size());
                RawRow r;
                r.project = j["project_id"];
                r.dataset = j["dataset_id"];
                r.table = j["table_id"];
                r.creation = std::stoll(j["creation_time"].get<std::string>());
                r.modified = std::stoll(j["last_modified_time"].get<std::string>());
                r.rows = std::stoll(j["row_count"].get<std::string>());
                r.size = std::stoll(j["size_bytes"].get<std::string>());
                r.type = std::stoll(j["type"].get<std::string>());
                r.captured = j["captured_at"];
                rows.push_back(std::move(r));
            }
            QFile jf(d + QStringLiteral("/jobs.ndjson"));
            if (!jf.open(QIODevice::ReadOnly))
                return 2;
            for (const QByteArray& line : jf.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                const auto j = nlohmann::json::parse(line.constData(), line.constData() + line.size());
                const auto& dest = j["destination_table"];
                const std::string to = dest["project_id"].get<std::string>() + '.'
                    + dest["dataset_id"].get<std::string>() + '.' + dest["table_id"].get<std::string>();
                for (const auto& ref : j["referenced_tables"]) {
                    edgeRows.push_back({j["job_id"].get<std::string>(),
                                        ref["project_id"].get<std::string>() + '.'
                                            + ref["dataset_id"].get<std::string>() + '.'
                                            + ref["table_id"].get<std::string>(),
                                        to});
                }
            }
            cpu0 = cpuMs();
            timer.start();
            for (const auto& r : rows) {
                insertTable.bind(1, QByteArray::fromStdString(r.project))
                    .bind(2, QByteArray::fromStdString(r.dataset))
                    .bind(3, QByteArray::fromStdString(r.table))
                    .bind(4, r.creation)
                    .bind(5, r.modified)
                    .bind(6, r.rows)
                    .bind(7, r.size)
                    .bind(8, r.type)
                    .bind(9, QByteArray::fromStdString(r.captured));
                insertTable.exec();
            }
            for (const auto& e : edgeRows) {
                insertEdge.bind(1, QByteArray::fromStdString(e[0]))
                    .bind(2, QByteArray::fromStdString(e[1]))
                    .bind(3, QByteArray::fromStdString(e[2]));
                insertEdge.exec();
            }
            rawMs += timer.elapsed();
            rawCpu += cpuMs() - cpu0;
            rawRows += qint64(rows.size());
            rawEdges += qint64(edgeRows.size());
        }
        cpu0 = cpuMs();
        timer.start();
        tx.commit();
        rawMs += timer.elapsed();
        rawCpu += cpuMs() - cpu0;
    }

    const double inputRows = double(tableRows + jobRows);
    auto rate = [](double rows, qint64 ms) { return rows / (double(std::max<qint64>(1, ms)) / 1000.0); };
    const double rawRows_ = double(rawRows + jobRows);
    std::printf("workspace: %lld assets, %lld edges, %lld observations\n", assets, edges, observations);
    std::printf("import:    wall %lld ms, cpu %lld ms for %lld days (first day wall %lld ms, slowest %lld ms): "
                "%.0f rows/s wall, %.0f rows/s cpu, %.1f MB/s wall\n",
                importMs, importCpu, qint64(days.size()), firstDayMs, slowestDayMs, rate(inputRows, importMs),
                rate(inputRows, importCpu), double(bytes) / 1e6 / (double(importMs) / 1000.0));
    std::printf("parse only (importer into a dropping sink): wall %lld ms, cpu %lld ms: %.0f rows/s cpu (%lld assets, "
                "%lld edges, %lld observations reported)\n",
                parseMs, parseCpu, rate(inputRows, parseCpu), drop.assets, drop.edges, drop.observations);
    std::printf("raw limit: wall %lld ms, cpu %lld ms for %lld table rows + %lld edge rows: %.0f rows/s wall, %.0f "
                "rows/s cpu (rows of the input)\n",
                rawMs, rawCpu, rawRows, rawEdges, rate(rawRows_, rawMs), rate(rawRows_, rawCpu));
    const double wallRatio = rate(inputRows, importMs) / rate(rawRows_, rawMs);
    const double cpuRatio = rate(inputRows, importCpu) / rate(rawRows_, rawCpu);
    std::printf("import / raw: %.1f %% wall, %.1f %% cpu (budget >= 50 %%) %s\n", 100.0 * wallRatio, 100.0 * cpuRatio,
                cpuRatio >= 0.5 ? "PASS" : "FAIL");
    std::printf("peak RSS after import: %.0f MB (at start %.0f MB; budget <= 500 MB) %s\n", double(rssImport) / 1024.0,
                double(rssStart) / 1024.0, rssImport <= 500 * 1024 ? "PASS" : "FAIL");
    std::printf(
        "re-import of day 1: wall %lld ms = %.1f %%, cpu %lld ms = %.1f %% of its first import (budget <= 10 %%) "
        "%s\n",
        reimportMs, 100.0 * double(reimportMs) / double(std::max<qint64>(1, firstDayMs)), reimportCpu,
        100.0 * double(reimportCpu) / double(std::max<qint64>(1, firstDayCpu)),
        reimportCpu * 10 <= firstDayCpu ? "PASS" : "FAIL");
    return 0;
}
