#pragma once

#include "export/lineageexport.h"
#include "incidents/incident.h"
#include "reports/reportdata.h"

#include <QList>
#include <QString>

namespace sightline::report {

// Figures as standalone SVG documents (no script, no external reference, every label escaped),
// drawn from model data so that HTML embeds them inline and the PDF renderer rasterises them.

// The incident's metric over time, the expected band shaded over the incident window, the
// observed value marked. Empty string when the series has fewer than two points.
QString seriesChartSvg(const ReportSeries& series, const Incident& incident, int width = 640, int height = 220);

// Horizontal bars, one per (label, value), in the given order. Empty when there are none.
QString barChartSvg(const QList<std::pair<QString, int>>& bars, int width = 640);

// Incidents per day as columns.
QString perDayChartSvg(const QList<std::pair<QDate, int>>& days, int width = 640, int height = 160);

// The lineage excerpt laid out by Graphviz dot (model/layout), left to right, the focus
// highlighted and, when given, assets with incidents marked. Empty when the selection is empty.
QString lineageSvg(const LineageSelection& selection, const QStringList& misbehaving = {});

} // namespace sightline::report
