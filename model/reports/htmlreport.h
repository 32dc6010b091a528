#pragma once

#include "reports/reportdata.h"

#include <QString>
#include <QStringList>

namespace sightline::report {

struct HtmlOptions
{
    // true: figures are inline <svg> (a browser shows them; the file stays self-contained).
    // false: figures are <img src="figure:N"> and returned in HtmlReport::figures, for a
    // renderer that does not understand inline SVG (QTextDocument, for the PDF).
    bool inlineFigures = true;
    // Insert break opportunities into very long names (for page layouts that cannot wrap them).
    bool breakLongWords = false;
};

struct HtmlReport
{
    QString html;
    QStringList figures; // SVG documents, when !inlineFigures
};

// Self-contained HTML: no script, no remote resource (a Content-Security-Policy says so too),
// every value from an input escaped.
HtmlReport incidentReportHtml(const IncidentReportData& data, const HtmlOptions& options = {});
HtmlReport healthReportHtml(const HealthReportData& data, const HtmlOptions& options = {});

} // namespace sightline::report
