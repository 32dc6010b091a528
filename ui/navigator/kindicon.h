#pragma once

#include "core/asset.h"

#include <QIcon>

namespace sightline::ui {

// A small dot in the kind's colour (kindstyle.h), for lists and trees. GUI thread only (cached).
QIcon kindIcon(AssetKind kind);

} // namespace sightline::ui
