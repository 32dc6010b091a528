#pragma once

#include "reports/htmlreport.h"

#include <QString>

namespace sightline::ui {

// Prints a report to an A4 PDF through QTextDocument (HTML rendered with HtmlOptions
// {inlineFigures = false, breakLongWords = true}); its SVG figures are rasterised at twice
// their size so they stay sharp when printed. Needs a QGuiApplication (offscreen is fine).
// Returns false with *error set when the file cannot be written.
bool writeReportPdf(const report::HtmlReport& report, const QString& path, const QString& title, QString* error);

} // namespace sightline::ui
