#pragma once

#include "reports/reportdata.h"

#include <QByteArray>
#include <QString>

namespace sightline::report {

// Markdown (CommonMark with GitHub tables); every input value escaped, no raw HTML.
QString incidentReportMarkdown(const IncidentReportData& data);
QString healthReportMarkdown(const HealthReportData& data);

// CSV (RFC 4180, UTF-8, CRLF). Incident: one row per recipient asset and per downstream
// consumer, with the incident's fields repeated. Health: one row per incident of the period.
QByteArray incidentReportCsv(const IncidentReportData& data);
QByteArray healthReportCsv(const HealthReportData& data);

} // namespace sightline::report
