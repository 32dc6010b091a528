// What the GUI thread does with a large estate: build the navigator tree from the asset list
// (every workspace load), and re-filter it on each keystroke in the filter box.
//
// usage: bench_navigator [ASSETS] [RUNS]   (defaults: 50000 assets, 5 runs; median reported)

#include "navigator/navigatorfiltermodel.h"
#include "navigator/navigatormodel.h"
#include "navigator/navigatorpane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace sightline;

namespace {

// A warehouse-shaped estate: 4 projects, 40 datasets each, tables with plausible names, owners
// and tags; one in fifty assets a dashboard outside the warehouse.
QList<Asset> estate(int count)
{
    static const char* const words[] = {"listing", "dealer",  "lead",  "price",  "vehicle",   "session", "search",
                                        "invoice", "payment", "stock", "region", "valuation", "booking", "user"};
    static const char* const prefixes[] = {"stg_", "int_", "fct_", "dim_", "mart_", "raw_"};
    QList<Asset> assets;
    assets.reserve(count);
    for (int i = 0; i < count; ++i) {
        Asset a;
        if (i % 50 == 49) {
            a.kind = AssetKind::Dashboard;
            a.platform = QStringLiteral("looker");
            a.name = QStringLiteral("Dashboard %1").arg(i);
            a.key = QStringLiteral("dbt:exposure:estate.dashboard_%1").arg(i);
        } else {
            a.kind = i % 6 == 5 ? AssetKind::Source : AssetKind::Model;
            a.platform = QStringLiteral("bigquery");
            a.database = QStringLiteral("project-%1").arg(i % 4);
            a.schema = QStringLiteral("dataset_%1").arg(i % 160);
            a.name = QLatin1String(prefixes[i % 6]) + QLatin1String(words[i % 14]) + u'_'
                + QLatin1String(words[(i / 14) % 14]) + u'_' + QString::number(i);
            a.key = relationKey(a.database, a.schema, a.name);
        }
        a.owner = QStringLiteral("Owner %1").arg(i % 97);
        a.tags = {QStringLiteral("team-%1").arg(i % 12)};
        assets.append(a);
    }
    return assets;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 50000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const QList<Asset> assets = estate(count);

    ui::NavigatorPane pane;
    pane.resize(320, 900);
    pane.show();
    QApplication::processEvents();

    std::vector<double> load, keystroke, clear;
    const QStringList typed = {"f", "fc", "fct", "fct_", "fct_l", "fct_le", "fct_lea", "fct_lead"};
    int visible = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        pane.setAssets(assets);
        QApplication::processEvents();
        load.push_back(timer.nsecsElapsed() / 1e6);

        for (const auto& text : typed) {
            timer.restart();
            pane.applyFilterNow(text);
            QApplication::processEvents();
            keystroke.push_back(timer.nsecsElapsed() / 1e6);
        }
        visible = 0;
        for (int p = 0; p < pane.filterModel()->rowCount(); ++p)
            visible += pane.filterModel()->index(p, 0).data(ui::NavigatorModel::LeafCountRole).toInt();
        timer.restart();
        pane.filterEdit()->clear();
        QApplication::processEvents();
        clear.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("assets %d, runs %d\n", count, runs);
    std::printf("load (tree build + view reset + expand): median %.1f ms\n", median(load));
    std::printf(
        "filter keystroke (\"f\" .. \"fct_lead\", applied at once): median %.1f ms, max %.1f ms (last matched %d)\n",
        median(keystroke), *std::max_element(keystroke.begin(), keystroke.end()), visible);
    std::printf("clear filter: median %.1f ms\n", median(clear));
    return 0;
}
