#include "lineagepath.h"

#include <algorithm>

namespace sightline::ui {

namespace {

std::vector<LineageGraph::Index> downstreamPath(const LineageGraph& graph, LineageGraph::Index from,
                                                LineageGraph::Index to)
{
    using Index = LineageGraph::Index;
    std::vector<Index> parent(size_t(graph.size()), LineageGraph::npos);
    std::vector<Index> queue {from};
    parent[from] = from;
    for (size_t head = 0; head < queue.size(); ++head) {
        const Index at = queue[head];
        if (at == to)
            break;
        for (Index child : graph.downstream(at)) {
            if (parent[child] == LineageGraph::npos) {
                parent[child] = at;
                queue.push_back(child);
            }
        }
    }
    if (parent[to] == LineageGraph::npos)
        return {};
    std::vector<Index> path {to};
    while (path.back() != from)
        path.push_back(parent[path.back()]);
    std::reverse(path.begin(), path.end());
    return path;
}

} // namespace

std::vector<LineageGraph::Index> shortestLineagePath(const LineageGraph& graph, LineageGraph::Index from,
                                                     LineageGraph::Index to)
{
    const auto n = LineageGraph::Index(graph.size());
    if (from >= n || to >= n)
        return {};
    if (from == to)
        return {from};
    auto path = downstreamPath(graph, from, to);
    return path.empty() ? downstreamPath(graph, to, from) : path;
}

} // namespace sightline::ui
