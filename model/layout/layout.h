#pragma once

#include "layout/layouttypes.h"

namespace sightline {

// Lays out a directed graph with Graphviz dot. A pure function of its input: the same request
// always gives the same result. Graphviz keeps global state and is not thread-safe, so every
// call in the process is serialised behind one lock; run it on LayoutService's thread, never
// on the GUI thread. Cycles and self-loops are laid out and routed like any other edge.
LayoutResult layout(const LayoutRequest& request);

// Creates the process's Graphviz context (loading its plugin configuration) ahead of the first
// layout, so that the first view opened does not pay for it.
void prepareLayoutEngine();

} // namespace sightline
