#pragma once

#include "incidents/incident.h"
#include "lineage/impact.h"

#include <QString>

namespace sightline {

// The severity an incident gets from its downstream impact (a person can change it):
// SEV-1 when a dashboard or look is hit within two steps or 50 assets or more are downstream,
// SEV-2 when any dashboard/look is downstream or 10 assets or more, SEV-3 when anything is
// downstream, SEV-4 when nothing is.
Severity suggestSeverity(const Impact& impact);
// Why, in one sentence ("2 dashboards downstream, the nearest 1 step away").
QString severityReason(const Impact& impact);

} // namespace sightline
