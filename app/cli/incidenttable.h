#pragma once

#include "incidents/incident.h"

#include <QList>
#include <QString>

namespace sightline::cli {

// The text table `detect` and `incidents` print: one row per incident, then the explanation
// indented under it.
QString incidentTable(const QList<Incident>& incidents);

} // namespace sightline::cli
