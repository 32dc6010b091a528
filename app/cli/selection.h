#pragma once

#include "lineage/assetlookup.h"
#include "lineage/lineagegraph.h"
#include "lineage/selector.h"

#include <QString>

#include <memory>
#include <optional>

namespace sightline {
class Workspace;
}

namespace sightline::cli {

// Helpers shared by the commands that work on the lineage graph. Each prints its own error and
// sets *exitCode when it fails.

// The graph of the workspace's current assets and edges; null on an SQL error (exit 3).
std::shared_ptr<const LineageGraph> loadGraph(Workspace& workspace, const QString& path, int* exitCode);

// The open incidents' status by asset key, for status: selectors; empty when there are none.
SelectorContext selectorContext(Workspace& workspace);

// A parsed selector, or nothing after printing "selector 'TEXT': position N: ..." (exit 2); on a
// terminal the selector and a caret under the offending character follow.
std::optional<Selector> parseSelector(const QString& text, const QString& what, int* exitCode);

// An asset named by key or name (lookupAsset's rules); nothing after printing why not (exit 2).
std::optional<LineageGraph::Index> resolveAsset(const LineageGraph& graph, const QString& query,
                                                const QString& workspacePath, int* exitCode);

// Writes bytes to path, or to stdout when path is empty; false after printing why not (exit 2).
bool writeResult(const QByteArray& bytes, const QString& path, int* exitCode);

} // namespace sightline::cli
