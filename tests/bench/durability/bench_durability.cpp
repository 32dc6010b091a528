// What one incident edit costs with PRAGMA synchronous = NORMAL and = FULL (WAL mode), on the
// disk that holds the workspace: the price of not losing the last triage notes on a power cut.
//
// Each edit is what the GUI's incident writer does for one keystroke-level action: one
// IncidentWorkflow call (a comment, or a status change) in its own transaction, timed from the
// call to its return (the commit included). Rounds of both settings alternate on one workspace so
// that load from other processes falls on both alike.
//
//   bench_durability [DIR] [EDITS_PER_ROUND] [ROUNDS]
//
// DIR: where the workspace is made (default: the current folder; /tmp may be a RAM disk, which
// measures nothing). Defaults: 100 edits per round, 6 rounds per setting.
#include "incidents/incidentstore.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace sightline;

namespace {

constexpr int kIncidents = 200;

void seed(Workspace& ws)
{
    ws.db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('proj.ds.orders', 'table', 'bigquery', "
                 "'orders')");
    sql::Transaction tx(ws.db());
    auto insert = ws.db().prepare(
        "INSERT INTO incident (detector, kind, asset_id, detected_at, window_start, window_end, explanation, "
        "fingerprint) VALUES ('volume.drop', 'volume', 1, ?1, ?1, ?1, 'Row count fell', ?2)");
    for (int i = 0; i < kIncidents; ++i) {
        insert.reset();
        insert.bind(1, qint64(1790000000000) + i);
        insert.bind(2, QStringLiteral("bench-%1").arg(i));
        insert.exec();
    }
    tx.commit();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[size_t(p * double(v.size() - 1) + 0.5)];
}

// One round: `edits` edits, alternating a comment and a status step (open -> acknowledged ->
// investigating -> reopen is not allowed, so: acknowledge, comment, investigate, comment, ...).
void round(Workspace& ws, bool durable, int edits, int& next, std::vector<double>& times)
{
    IncidentWorkflow workflow(ws.db(), QStringLiteral("bench"));
    // After the workflow, which may choose a setting of its own for its connection.
    ws.db().exec(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    const qint64 level = ws.db().queryInt("PRAGMA synchronous");
    if (level != (durable ? 2 : 1)) {
        std::fprintf(stderr, "synchronous is %lld\n", static_cast<long long>(level));
        std::exit(1);
    }
    QElapsedTimer timer;
    for (int e = 0; e < edits; ++e) {
        const qint64 id = 1 + (next++ % kIncidents);
        const auto status = IncidentStore(ws.db()).incident(id)->status;
        timer.start();
        if (e % 2 == 1)
            workflow.comment(id, QStringLiteral("checked the loader log, edit %1").arg(e));
        else if (status == IncidentStatus::Open)
            workflow.acknowledge(id);
        else if (status == IncidentStatus::Acknowledged)
            workflow.setStatus(id, IncidentStatus::Investigating);
        else if (status == IncidentStatus::Investigating)
            workflow.setStatus(id, IncidentStatus::Fixed, QStringLiteral("backfilled"));
        else
            workflow.setStatus(id, IncidentStatus::Open);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
}

void print(const char* name, const std::vector<double>& t)
{
    double sum = 0;
    for (double x : t)
        sum += x;
    std::printf("%-8s %5zu edits  median %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms  mean %7.3f ms\n", name,
                t.size(), percentile(t, 0.5), percentile(t, 0.9), percentile(t, 0.99),
                *std::max_element(t.begin(), t.end()), sum / double(t.size()));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString base = args.size() > 1 ? args.at(1) : QDir::currentPath();
    const int edits = args.size() > 2 ? args.at(2).toInt() : 100;
    const int rounds = args.size() > 3 ? args.at(3).toInt() : 6;
    QTemporaryDir dir(QDir(base).filePath(QStringLiteral("bench_durability-XXXXXX")));
    if (!dir.isValid() || edits <= 0 || rounds <= 0) {
        std::fprintf(stderr, "usage: bench_durability [DIR] [EDITS_PER_ROUND] [ROUNDS]\n");
        return 1;
    }
    const QString path = dir.filePath(QStringLiteral("durability.sightline"));
    std::printf("workspace %s\n", qPrintable(path));
    seed(*Workspace::open(path, Workspace::OpenMode::Create));

    std::vector<double> normal;
    std::vector<double> full;
    int next = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const bool durable : {false, true}) {
            // A connection of its own per round, as the GUI's writer and `sightline incident` have.
            auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
            round(*ws, durable, edits, next, durable ? full : normal);
        }
    }
    print("NORMAL", normal);
    print("FULL", full);
    std::printf("FULL - NORMAL: median %+.3f ms, p99 %+.3f ms per edit\n",
                percentile(full, 0.5) - percentile(normal, 0.5), percentile(full, 0.99) - percentile(normal, 0.99));
    return 0;
}
