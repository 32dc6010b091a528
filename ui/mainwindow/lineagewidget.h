#pragma once

// The centre of the main window: ui/lineage's LineageView, or a stand-in with the same API while
// that view is not in this tree.
#if __has_include("lineage/lineageview.h")
#include "lineage/lineageview.h"
namespace sightline::ui {
using LineageWidget = LineageView;
}
#else
#include "mainwindow/lineageplaceholder.h"
namespace sightline::ui {
using LineageWidget = LineagePlaceholder;
}
#endif
