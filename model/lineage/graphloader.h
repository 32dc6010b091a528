#pragma once

#include "lineage/lineagegraph.h"

#include <memory>

namespace sightline {

class Workspace;

// Builds the lineage graph straight from the workspace tables: current assets (every field but
// columns, sorted by key like Workspace::assets()) and current edges by row id, never joining keys
// in SQL. About three times faster than Workspace::assets() + edges() on a large estate.
// Throws sql::Error.
std::shared_ptr<const LineageGraph> loadLineageGraph(Workspace& workspace);

} // namespace sightline
