// Budget (issue 5): any chart with up to 1 M points ready in <= 50 ms; a pan/zoom of the shared
// axis redraws all charts of the page in <= 33 ms. Prints one line per measurement.

#include "../../charts/synthhistory.h"

#include "charts/assethistory.h"
#include "charts/assethistoryview.h"
#include "charts/chartpanel.h"
#include "charts/lttb.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace sightline;

namespace {

constexpr qsizetype kPoints = 1'000'000;

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

double maximum(const QList<double>& v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// CPU time of this thread in ms: what a frame costs, without the waiting a loaded machine adds
// to the wall clock (the build box is shared; the page renders on one thread).
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// One asset with 1 M row counts and 1 M last-modified times written through the ImportSink, then
// read back the way the page does.
void benchWorkspace(const AssetHistory& synthetic)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sightline"));
    QElapsedTimer t;
    t.start();
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::Create);
        sql::Transaction tx(ws->db());
        ws->db().exec("INSERT INTO snapshot (format, source_path, content_hash, captured_at, imported_at) VALUES "
                      "('bench', 'x', 'h', 0, 0)");
        WorkspaceWriter writer(*ws, ws->db().lastInsertRowId());
        writer.beginSource(QStringLiteral("bench"), synthetic.dataTime);
        Asset a;
        a.key = synthetic.assetKey;
        a.name = QStringLiteral("fct_listing_views");
        a.kind = AssetKind::Table;
        a.platform = QStringLiteral("bigquery");
        writer.asset(a);
        Observation o;
        o.assetKey = a.key;
        for (qsizetype i = 0; i < synthetic.rows.size(); ++i) {
            o.at = QDateTime::fromMSecsSinceEpoch(qint64(synthetic.rows[i].x()), Qt::UTC);
            o.metric = QStringLiteral("row_count");
            o.value = synthetic.rows[i].y();
            writer.observation(o);
            o.metric = QStringLiteral("last_modified");
            // The capture's last-modified time: the latest update at or before it.
            const auto it = std::upper_bound(synthetic.updates.begin(), synthetic.updates.end(), synthetic.rows[i].x(),
                                             [](double v, const QPointF& p) { return v < p.x(); });
            o.value = it == synthetic.updates.begin() ? synthetic.rows[i].x() : (it - 1)->x();
            writer.observation(o);
        }
        writer.finish();
        tx.commit();
    }
    std::printf("workspace write (2 M observations through the ImportSink): %.0f ms\n", msSince(t));

    QList<double> loads;
    qsizetype rows = 0;
    for (int run = 0; run < 3; ++run) {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        t.restart();
        const AssetHistory h = loadAssetHistory(*ws, synthetic.assetKey);
        loads.append(msSince(t));
        rows = h.rows.size();
    }
    std::printf(
        "load history from the workspace (worker thread; %lld row counts + %lld last-modified): median %.0f ms\n",
        static_cast<long long>(rows), static_cast<long long>(rows), median(loads));
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);

    QElapsedTimer t;
    t.start();
    auto history = std::make_shared<AssetHistory>(test::syntheticHistory(kPoints));
    std::printf("synthetic 1 M point history built in %.0f ms\n", msSince(t));

    // LTTB alone: the whole series to a 1,000 and a 2,000 pixel wide plot.
    for (qsizetype width : {1000, 2000}) {
        QList<double> times;
        for (int run = 0; run < 9; ++run) {
            t.restart();
            const QList<QPointF> out = lttb(history->rows, width);
            times.append(msSince(t));
            Q_ASSERT(out.size() == width);
        }
        std::printf("LTTB 1 M -> %lld points: median %.1f ms, max %.1f ms\n", static_cast<long long>(width),
                    median(times), maximum(times));
    }

    // Page set-up: the history arrives from the worker, every chart downsamples and draws.
    ui::AssetHistoryView view;
    view.resize(1400, 900);
    view.show();
    QApplication::processEvents();
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    // The page exists before any history arrives (it is created with the main window): warm it
    // up with a small history first so that one-off costs (fonts, chart items) are timed apart.
    t.restart();
    view.setHistory(std::make_shared<AssetHistory>(test::syntheticHistory(500)));
    view.render(&image);
    std::printf("first use of the page (small history, fonts and chart items created): %.1f ms\n", msSince(t));
    t.restart();
    const double cpu = cpuMs();
    view.setHistory(history);
    const double setup = msSince(t);
    t.restart();
    image.fill(Qt::transparent);
    view.render(&image);
    const double firstFrame = msSince(t);
    const double setupCpu = cpuMs() - cpu;
    std::printf("page set-up with 1 M points (rows, change, freshness; all charts): set history %.1f ms + first "
                "render %.1f ms = %.1f ms\n",
                setup, firstFrame, setup + firstFrame);
    std::printf("  CPU time of the set-up: %.1f ms\n", setupCpu);
    std::printf("points drawn: rows %lld, freshness %lld (plot width %.0f px)\n",
                static_cast<long long>(view.panel(ui::AssetHistoryView::Panel::Rows)->drawnPointCount(0)),
                static_cast<long long>(view.panel(ui::AssetHistoryView::Panel::Freshness)->drawnPointCount(0)),
                view.panel(ui::AssetHistoryView::Panel::Rows)->plotRect().width());

    // Pan and zoom of the shared axis: every chart re-downsamples its visible slice and the whole
    // page is rendered to an image.
    view.setRange(ui::AssetHistoryView::Range::All);
    const double x0 = view.windowStart();
    const double x1 = view.windowEnd();
    QList<double> pans;
    QList<double> zooms;
    QList<double> updates; // of the pans: the charts' data and axes, before painting
    QList<double> panCpu;
    QList<double> zoomCpu;
    for (int i = 0; i < 40; ++i) {
        const double span = (x1 - x0) * 0.5;
        const double start = x0 + (x1 - x0 - span) * i / 40.0;
        t.restart();
        const double cpu = cpuMs();
        view.setWindow(start, start + span);
        updates.append(msSince(t));
        image.fill(Qt::transparent);
        view.render(&image);
        pans.append(msSince(t));
        panCpu.append(cpuMs() - cpu);
    }
    for (int i = 0; i < 40; ++i) {
        const double span = (x1 - x0) * std::pow(0.85, i);
        const double mid = x0 + (x1 - x0) * 0.68;
        t.restart();
        const double cpu = cpuMs();
        view.setWindow(mid - span / 2, mid + span / 2);
        image.fill(Qt::transparent);
        view.render(&image);
        zooms.append(msSince(t));
        zoomCpu.append(cpuMs() - cpu);
    }
    std::printf("pan of the shared axis, page redrawn (4 charts): median %.1f ms, max %.1f ms; CPU median %.1f ms, "
                "max %.1f ms\n",
                median(pans), maximum(pans), median(panCpu), maximum(panCpu));
    std::printf("  of which downsampling and chart updates (setWindow): median %.1f ms\n", median(updates));
    std::printf("zoom of the shared axis, page redrawn (4 charts): median %.1f ms, max %.1f ms; CPU median %.1f ms, "
                "max %.1f ms\n",
                median(zooms), maximum(zooms), median(zoomCpu), maximum(zoomCpu));
    if (argc > 1)
        image.save(QString::fromLocal8Bit(argv[1]));

    // Where a frame goes: each chart alone, at the last zoom.
    for (auto which : {ui::AssetHistoryView::Panel::Rows, ui::AssetHistoryView::Panel::Changes,
                       ui::AssetHistoryView::Panel::Freshness, ui::AssetHistoryView::Panel::Schema}) {
        ui::ChartPanel* panel = view.panel(which);
        QImage one(panel->size(), QImage::Format_ARGB32_Premultiplied);
        QList<double> times;
        for (int i = 0; i < 5; ++i) {
            t.restart();
            one.fill(Qt::transparent);
            static_cast<QWidget*>(panel)->render(&one);
            times.append(msSince(t));
        }
        std::printf("  render of chart %d alone: median %.1f ms\n", int(which), median(times));
    }

    benchWorkspace(*history);
    return 0;
}
