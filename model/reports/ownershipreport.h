#pragma once

#include "reports/htmlreport.h"
#include "routing/routing.h"

#include <QByteArray>
#include <QString>

namespace sightline::report {

// The ownership-gap report of the whole estate (routing/ownershipGaps): coverage per kind,
// dashboards and other consumers nobody owns or has a channel for, and assets where an incident
// would reach no channel at all.
HtmlReport ownershipReportHtml(const OwnershipGapReport& report, const HtmlOptions& options = {});
QString ownershipReportMarkdown(const OwnershipGapReport& report);
// One row per gap: kind,key,name,problem (problem: no_owner, no_channel, no_owner_or_channel,
// silent).
QByteArray ownershipReportCsv(const OwnershipGapReport& report);

} // namespace sightline::report
