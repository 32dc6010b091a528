#pragma once

#include "core/asset.h"

#include <QColor>
#include <QString>

namespace sightline::ui {

// One colour per asset kind, used by the navigator, the lineage graph and exports alike.
QColor kindColor(AssetKind kind);
// A short label for the kind ("model", "source", ...), for legends and badges.
QString kindLabel(AssetKind kind);

} // namespace sightline::ui
