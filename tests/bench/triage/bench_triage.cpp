// Builds a workspace of 50,000 assets and 10,000 incidents and measures what triage must do
// instantly: filtering the queue (<= 50 ms) and opening an incident's detail page (<= 150 ms).
// Usage: bench_triage [WORKSPACE] (a temporary file if omitted; an existing one is reused).
#include "incidents/incidentdetail.h"
#include "incidents/incidentdetailpage.h"
#include "incidents/incidentqueuemodel.h"
#include "incidents/incidentqueueproxy.h"
#include "incidents/incidentstore.h"
#include "incidents/queuedata.h"
#include "incidents/workflow.h"
#include "lineage/graphloader.h"
#include "store/workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTableView>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using namespace sightline;
using namespace sightline::ui;

namespace {

constexpr int kLayers = 10;
constexpr int kWidth = 5000; // 50,000 assets
constexpr int kIncidents = 10000;

QString keyOf(int layer, int j)
{
    return QStringLiteral("proj.layer%1.m_%1_%2").arg(layer).arg(j);
}

void generate(Workspace& ws)
{
    auto& db = ws.db();
    sql::Transaction tx(db);
    db.exec(
        "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('bench', 'gen', 'bench', 0)");
    auto asset =
        db.prepare("INSERT INTO asset (id, key, kind, platform, name, owner, team, first_snapshot, last_snapshot) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 1)");
    for (int layer = 0; layer < kLayers; ++layer) {
        for (int j = 0; j < kWidth; ++j) {
            const bool dashboard = layer == kLayers - 1;
            asset.bind(1, qint64(layer) * kWidth + j + 1)
                .bind(2, keyOf(layer, j))
                .bind(3, dashboard ? QStringLiteral("dashboard") : QStringLiteral("model"))
                .bind(4, dashboard ? QStringLiteral("looker") : QStringLiteral("bigquery"))
                .bind(5, QStringLiteral("m_%1_%2").arg(layer).arg(j))
                .bind(6, QStringLiteral("owner-%1").arg(j % 31))
                .bind(7, QStringLiteral("team-%1").arg(j % 7));
            asset.exec();
            asset.reset();
        }
    }
    std::mt19937 rng(42);
    auto edge = db.prepare("INSERT OR IGNORE INTO edge (from_asset, to_asset, first_snapshot, last_snapshot) "
                           "VALUES (?1, ?2, 1, 1)");
    for (int layer = 1; layer < kLayers; ++layer) {
        for (int j = 0; j < kWidth; ++j) {
            const qint64 to = qint64(layer) * kWidth + j + 1;
            for (int k = 0; k < 3; ++k) {
                const int near = std::clamp(j + int(rng() % 21) - 10, 0, kWidth - 1);
                edge.bind(1, qint64(layer - 1) * kWidth + near + 1).bind(2, to);
                edge.exec();
                edge.reset();
            }
        }
    }
    IncidentStore store(db);
    const QDateTime base(QDate(2026, 10, 1), QTime(0, 0), Qt::UTC);
    const IncidentKind kinds[] = {IncidentKind::Freshness, IncidentKind::Volume, IncidentKind::Schema,
                                  IncidentKind::Distribution, IncidentKind::Test};
    for (int n = 0; n < kIncidents; ++n) {
        const int layer = int(rng() % (kLayers - 1));
        const int j = int(rng() % kWidth);
        Incident i;
        i.detector = QStringLiteral("bench.rule%1").arg(n % 5);
        i.kind = kinds[n % 5];
        i.assetKey = keyOf(layer, j);
        i.detectedAt = base.addSecs(qint64(n) * 240);
        i.windowStart = i.detectedAt.addDays(-1);
        i.windowEnd = i.detectedAt;
        i.expectedLow = 1000;
        i.expectedHigh = 1200;
        i.observed = 400 + n % 300;
        i.severity = Severity(1 + int(rng() % 4));
        i.status = n % 3 == 0 ? IncidentStatus::Fixed : IncidentStatus::Open;
        i.explanation =
            QStringLiteral("Row count of m_%1_%2 fell to %3 (expected 1000-1200).").arg(layer).arg(j).arg(*i.observed);
        i.fingerprint = QStringLiteral("bench-%1").arg(n);
        store.record(i);
    }
    tx.commit();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double timeMs(const std::function<void()>& f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : dir.filePath(QStringLiteral("triage.sightline"));
    {
        const bool exists = QFileInfo::exists(path);
        auto ws = Workspace::open(path, Workspace::OpenMode::Create);
        if (!exists || ws->db().queryInt("SELECT count(*) FROM incident") < kIncidents) {
            const double ms = timeMs([&] { generate(*ws); });
            std::printf("generated %lld assets, %lld edges, %lld incidents in %.0f ms\n",
                        ws->db().queryInt("SELECT count(*) FROM asset"), ws->db().queryInt("SELECT count(*) FROM edge"),
                        ws->db().queryInt("SELECT count(*) FROM incident"), ms);
        }
    }

    QueueData data;
    std::printf("load queue (graph, incidents, downstream sizes; background): %.0f ms\n",
                timeMs([&] { data = loadQueue(path); }));
    std::printf("  %lld incidents, %lld assets\n", qlonglong(data.rows.size()), qlonglong(data.graph->size()));
    IncidentQueueModel model;
    IncidentQueueProxy proxy;
    proxy.setQueueModel(&model);
    // A shown view on the proxy, as in the application: it reacts to every layout change.
    QTableView view;
    view.setModel(&proxy);
    view.resize(1000, 700);
    view.show();
    std::printf("set rows + needs-attention sort: %.1f ms\n", timeMs([&] {
                    model.setRows(data.rows);
                    proxy.setFilter(QueueFilter::needsAttention());
                    proxy.rowCount();
                }));

    struct Case
    {
        const char* name;
        QueueFilter filter;
    };
    std::vector<Case> cases;
    cases.push_back({"needs attention", QueueFilter::needsAttention()});
    QueueFilter all;
    cases.push_back({"all statuses", all});
    QueueFilter text = QueueFilter::needsAttention();
    text.text = QStringLiteral("m_3_1");
    cases.push_back({"text 'm_3_1'", text});
    QueueFilter sev;
    sev.severities = {Severity::Sev1};
    sev.team = QStringLiteral("team-3");
    cases.push_back({"SEV-1 + team", sev});
    QueueFilter kind = QueueFilter::needsAttention();
    kind.kinds = {IncidentKind::Volume};
    kind.platform = QStringLiteral("bigquery");
    kind.from = QDateTime(QDate(2026, 10, 20), QTime(0, 0), Qt::UTC);
    cases.push_back({"kind + platform + time", kind});
    double worstFilter = 0;
    for (const Case& c : cases) {
        std::vector<double> runs;
        int shown = 0;
        for (int r = 0; r < 7; ++r) {
            // From an empty queue each time: every shown row is inserted (the worst case; from a
            // wider filter the proxy only removes rows).
            QueueFilter none;
            none.text = QStringLiteral("no-such-incident");
            proxy.setFilter(none);
            proxy.rowCount();
            QCoreApplication::processEvents();
            runs.push_back(timeMs([&] {
                proxy.setFilter(c.filter);
                // The proxy filters and sorts lazily: asking for the rows makes it do the work.
                shown = proxy.rowCount();
                proxy.index(0, 0).data();
                proxy.counts();
            }));
        }
        worstFilter = std::max(worstFilter, median(runs));
        std::printf("filter %-24s %6d rows  median %6.1f ms  max %6.1f ms  (filter + sort + facet counts)\n", c.name, shown,
                    median(runs), *std::max_element(runs.begin(), runs.end()));
    }

    IncidentDetailPage page;
    page.resize(700, 900);
    page.setWorkspace(path, data.graph);
    std::mt19937 rng(7);
    std::vector<double> runs;
    std::vector<double> loadRuns;
    for (int r = 0; r < 25; ++r) {
        const qint64 id = 1 + qint64(rng() % kIncidents);
        double load = 0;
        runs.push_back(timeMs([&] {
            QElapsedTimer t;
            t.start();
            auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
            auto detail = loadIncidentDetail(*ws, *data.graph, id);
            load = double(t.nsecsElapsed()) / 1e6;
            page.setDetail(*detail);
            page.grab(); // lays out and paints the page
        }));
        loadRuns.push_back(load);
    }
    const double detailMedian = median(runs);
    std::printf("open detail page (read + render + paint), 25 random incidents: median %.1f ms, max %.1f ms "
                "(read alone: median %.1f ms)\n",
                detailMedian, *std::max_element(runs.begin(), runs.end()), median(loadRuns));
    const bool ok = worstFilter <= 50 && detailMedian <= 150;
    std::printf("%s (budgets: filter <= 50 ms, detail <= 150 ms)\n", ok ? "within budget" : "OVER BUDGET");
    return ok ? 0 : 1;
}
