#pragma once

#include "incidents/incidentstore.h"

#include <QColor>
#include <QString>

namespace sightline::ui {

// The colour a node's border takes for its most severe unresolved incident: red for SEV-1
// through amber to slate for SEV-4 (an asset without incidents keeps its kind's colours).
QColor healthColor(Severity severity);
// "SEV-2 · investigating (3 open)", for tool tips and legends.
QString healthText(const AssetHealth& health);
// Rich text for the view's legend: a coloured dot and "SEV-n" per severity.
QString healthLegendHtml();

} // namespace sightline::ui
