// Builds a workspace of 50,000 assets (10 layers of 5,000; the last layer dashboards) and 10,000
// incidents over 60 days with acknowledgements and resolutions, then times the incident report
// (HTML, Markdown, PDF) and the 7-day health report. Usage:
//   bench_reports [--runs N] [WORKSPACE]   (a temporary workspace if omitted; an existing one is reused)
// Exit status 1 when a median is over budget (HTML 1 s, PDF 2 s).
#include "incidents/incidentstore.h"
#include "lineage/graphloader.h"
#include "reports/htmlreport.h"
#include "reports/pdfreport.h"
#include "reports/reportdata.h"
#include "reports/textreports.h"
#include "rootcause/incidentgrouping.h"
#include "store/workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <vector>

using namespace sightline;

namespace {

constexpr int kLayers = 10;
constexpr int kWidth = 5000; // 50,000 assets
constexpr int kIncidents = 10000;
const QDateTime kEnd(QDate(2026, 11, 24), QTime(6, 0), Qt::UTC);

void generate(Workspace& ws)
{
    auto& db = ws.db();
    sql::Transaction tx(db);
    auto snap = db.prepare("INSERT INTO snapshot (format, source_path, content_hash, captured_at, imported_at) VALUES "
                           "('bench', 'gen', 'bench', ?1, 0)");
    snap.bind(1, toStoredTime(kEnd)).exec();
    auto asset = db.prepare("INSERT INTO asset (id, key, kind, platform, name, owner, team, channel, first_snapshot, "
                            "last_snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 1)");
    for (int layer = 0; layer < kLayers; ++layer) {
        const bool dashboard = layer == kLayers - 1;
        for (int j = 0; j < kWidth; ++j) {
            const int team = j % 7;
            const QString name = QStringLiteral("m_%1_%2").arg(layer).arg(j);
            asset.bind(1, qint64(layer) * kWidth + j + 1)
                .bind(2,
                      dashboard ? QStringLiteral("looker:dashboard:%1").arg(j)
                                : QStringLiteral("proj.layer%1.").arg(layer) + name)
                .bind(3,
                      dashboard ? QStringLiteral("dashboard")
                                : (layer == 0 ? QStringLiteral("source") : QStringLiteral("model")))
                .bind(4, dashboard ? QStringLiteral("looker") : QStringLiteral("bigquery"))
                .bind(5, name)
                .bind(6, j % 5 == 0 ? QString() : QStringLiteral("owner-%1@example.com").arg(team), true)
                .bind(7, QStringLiteral("team-%1").arg(team))
                .bind(8, j % 3 == 0 ? QString() : QStringLiteral("#team-%1-alerts").arg(team), true);
            asset.exec();
            asset.reset();
        }
    }
    std::mt19937 rng(42);
    std::set<std::pair<int, int>> edges;
    auto id = [](int layer, int j) { return layer * kWidth + ((j % kWidth) + kWidth) % kWidth + 1; };
    std::uniform_int_distribution<int> near(-30, 30), any(0, kWidth - 1), percent(0, 99);
    for (int layer = 1; layer < kLayers; ++layer) {
        for (int j = 0; j < kWidth; ++j) {
            for (int k = 0; k < 3; ++k)
                edges.emplace(id(layer - 1, j + near(rng)), id(layer, j));
            if (percent(rng) < 10)
                edges.emplace(id(std::uniform_int_distribution<int>(0, layer - 1)(rng), any(rng)), id(layer, j));
        }
    }
    auto edge =
        db.prepare("INSERT INTO edge (from_asset, to_asset, first_snapshot, last_snapshot) VALUES (?1, ?2, 1, 1)");
    for (const auto& [from, to] : edges) {
        edge.bind(1, qint64(from)).bind(2, qint64(to));
        edge.exec();
        edge.reset();
    }
    // 30 days of row counts for the assets of the first two layers: the chart's series.
    auto obs = db.prepare("INSERT INTO observation (asset_id, column_name, metric, at, value) VALUES (?1, '', "
                          "'row_count', ?2, ?3)");
    for (int a = 1; a <= 2 * kWidth; a += 1) {
        for (int day = 0; day < 30; ++day) {
            obs.bind(1, qint64(a)).bind(2, toStoredTime(kEnd.addDays(-day))).bind(3, 1000.0 * a + day);
            obs.exec();
            obs.reset();
        }
    }
    IncidentStore store(db);
    const char* const kinds[] = {"freshness", "volume", "schema", "distribution"};
    auto status = db.prepare("UPDATE incident SET status = ?2 WHERE id = ?1");
    for (int n = 0; n < kIncidents; ++n) {
        Incident i;
        i.detector = QStringLiteral("bench");
        i.kind = *incidentKindFromName(QString::fromLatin1(kinds[n % 4]));
        // Mostly on the upper layers, where incidents start.
        const int layer = std::min(kLayers - 2, int(std::uniform_int_distribution<int>(0, 9)(rng) / 2));
        i.assetKey = QStringLiteral("proj.layer%1.m_%1_%2").arg(layer).arg(any(rng));
        i.detectedAt = kEnd.addSecs(-qint64(std::uniform_int_distribution<int>(0, 60 * 24 * 3600)(rng)));
        i.windowStart = i.detectedAt.addDays(-1);
        i.windowEnd = i.detectedAt;
        i.expectedLow = 1000;
        i.expectedHigh = 2000;
        i.observed = 10;
        i.severity = Severity(1 + n % 4);
        i.explanation = QStringLiteral("Generated incident %1.").arg(n);
        i.fingerprint = QStringLiteral("bench-%1").arg(n);
        const qint64 incident = store.record(i).id;
        if (n % 2 == 0) {
            store.appendEvent({0,
                               incident,
                               i.detectedAt.addSecs(1800),
                               QStringLiteral("ana"),
                               QStringLiteral("status"),
                               QStringLiteral("open"),
                               QStringLiteral("acknowledged"),
                               {}});
            if (n % 4 == 0) {
                store.appendEvent({0, incident, i.detectedAt.addSecs(7200), QStringLiteral("ana"),
                                   QStringLiteral("status"), QStringLiteral("acknowledged"), QStringLiteral("fixed"),
                                   QStringLiteral("backfilled")});
            }
            status.bind(1, incident).bind(2, n % 4 == 0 ? QStringLiteral("fixed") : QStringLiteral("acknowledged"));
            status.exec();
            status.reset();
        }
    }
    tx.commit();
}

double median(int runs, const std::function<void()>& f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int runs = 5;
    if (args.size() >= 2 && args[0] == QStringLiteral("--runs")) {
        runs = std::max(1, args[1].toInt());
        args = args.mid(2);
    }
    QTemporaryDir dir;
    const QString path = args.isEmpty() ? dir.filePath(QStringLiteral("bench.sightline")) : args[0];
    const bool reuse = QFileInfo::exists(path);
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    if (!reuse) {
        QElapsedTimer t;
        t.start();
        generate(*ws);
        std::printf("generated %d assets, %d incidents in %.0f ms\n", kLayers * kWidth, kIncidents,
                    double(t.elapsed()));
    }
    std::shared_ptr<const LineageGraph> graph;
    const double load = median(3, [&] { graph = loadLineageGraph(*ws); });
    std::printf("assets %lld, edges %lld; graph load %.0f ms\n", qlonglong(graph->size()),
                qlonglong(graph->edgeCount()), load);

    // A volume incident (it has a chart) with a wide downstream: on the second layer, so it has
    // upstream too for the root-cause ranking.
    const qint64 id = ws->db().queryInt(
        "SELECT i.id FROM incident i JOIN asset a ON a.id = i.asset_id WHERE a.key LIKE 'proj.layer1.%' "
        "AND i.kind = 'volume' ORDER BY (SELECT count(*) FROM edge e WHERE e.from_asset = a.id) DESC, "
        "i.detected_at DESC LIMIT 1");
    std::optional<IncidentReportData> data;
    const double collect = median(runs, [&] { data = collectIncidentReport(*ws, *graph, id); });
    std::printf("incident %lld: %d downstream, %lld recipients, %lld causes, %lld timeline events\n", id,
                data->routing.downstreamCount, qlonglong(data->routing.recipients.size()),
                qlonglong(data->causes.size()), qlonglong(data->timeline.size()));
    QString html;
    const double render = median(runs, [&] { html = report::incidentReportHtml(*data).html; });
    const double htmlTotal = median(runs, [&] {
        const auto d = collectIncidentReport(*ws, *graph, id);
        html = report::incidentReportHtml(*d).html;
    });
    const double mdTotal = median(runs, [&] {
        const auto d = collectIncidentReport(*ws, *graph, id);
        report::incidentReportMarkdown(*d);
    });
    const double pdfTotal = median(runs, [&] {
        const auto d = collectIncidentReport(*ws, *graph, id);
        const auto r = report::incidentReportHtml(*d, {.inlineFigures = false, .breakLongWords = true});
        QString error;
        ui::writeReportPdf(r, dir.filePath(QStringLiteral("r.pdf")), QStringLiteral("bench"), &error);
    });
    const double endToEnd = median(std::max(1, runs / 2), [&] {
        const auto g = loadLineageGraph(*ws);
        const auto d = collectIncidentReport(*ws, *g, id);
        html = report::incidentReportHtml(*d).html;
    });
    const double health = median(runs, [&] {
        const auto h = collectHealthReport(*ws, *graph, kEnd.addDays(-7), kEnd.addMSecs(1));
        html = report::healthReportHtml(h).html;
    });
    const auto h = collectHealthReport(*ws, *graph, kEnd.addDays(-7), kEnd.addMSecs(1));
    const QString one = report::incidentReportHtml(*data).html;
    std::printf("incident report: collect %.0f ms, HTML render %.1f ms (%lld KiB, %lld inline SVG figures)\n", collect,
                render, qlonglong(one.toUtf8().size() / 1024), qlonglong(one.count(QStringLiteral("<svg"))));
    std::printf("incident report HTML (collect + render) %.1f ms   budget 1000\n", htmlTotal);
    std::printf("incident report Markdown %.0f ms\n", mdTotal);
    std::printf("incident report PDF (collect + render + print) %.0f ms   budget 2000\n", pdfTotal);
    std::printf("incident report HTML incl. graph load %.0f ms\n", endToEnd);
    std::printf("health report 7d HTML (%d incidents) %.0f ms\n", h.total, health);
    const double rank = median(runs, [&] { rankCauses(*ws, *graph, data->incident); });
    std::printf("root-cause ranking of one incident %.1f ms\n", rank);
    QElapsedTimer t;
    t.start();
    const auto proposals = proposeGroups(*ws, *graph);
    std::printf("grouping proposals over every unresolved incident: %lld groups in %lld ms\n",
                qlonglong(proposals.size()), qlonglong(t.elapsed()));
    return htmlTotal <= 1000 && pdfTotal <= 2000 ? 0 : 1;
}
