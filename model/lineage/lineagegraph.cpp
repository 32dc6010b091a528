#include "lineagegraph.h"

#include "store/workspace.h"

#include <algorithm>

namespace sightline {

namespace {
void buildCsr(qsizetype nodeCount, const std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>>& pairs,
              std::vector<LineageGraph::Index>& offsets, std::vector<LineageGraph::Index>& targets)
{
    offsets.assign(size_t(nodeCount) + 1, 0);
    for (const auto& [from, to] : pairs)
        ++offsets[from + 1];
    for (size_t i = 1; i < offsets.size(); ++i)
        offsets[i] += offsets[i - 1];
    targets.resize(pairs.size());
    std::vector<LineageGraph::Index> fill(offsets.begin(), offsets.end() - 1);
    for (const auto& [from, to] : pairs)
        targets[fill[from]++] = to;
    // Sorted neighbours keep every traversal deterministic.
    for (qsizetype n = 0; n < nodeCount; ++n)
        std::sort(targets.begin() + offsets[size_t(n)], targets.begin() + offsets[size_t(n) + 1]);
}
} // namespace

LineageGraph::LineageGraph(QList<Asset> assets, const QList<Edge>& edges)
    : m_assets(std::move(assets))
{
    m_index.reserve(m_assets.size());
    for (qsizetype i = 0; i < m_assets.size(); ++i)
        m_index.insert(m_assets[i].key, Index(i));
    std::vector<std::pair<Index, Index>> down, up;
    down.reserve(size_t(edges.size()));
    up.reserve(size_t(edges.size()));
    for (const auto& e : edges) {
        const Index from = indexOf(e.from);
        const Index to = indexOf(e.to);
        if (from == npos || to == npos)
            continue;
        down.emplace_back(from, to);
        up.emplace_back(to, from);
    }
    buildCsr(m_assets.size(), down, m_downOffsets, m_downTargets);
    buildCsr(m_assets.size(), up, m_upOffsets, m_upTargets);
}

std::shared_ptr<const LineageGraph> LineageGraph::fromWorkspace(Workspace& workspace)
{
    return std::make_shared<const LineageGraph>(workspace.assets(), workspace.edges());
}

LineageGraph::Range LineageGraph::upstream(Index i) const
{
    return {m_upTargets.data() + m_upOffsets[i], m_upTargets.data() + m_upOffsets[i + 1]};
}

LineageGraph::Range LineageGraph::downstream(Index i) const
{
    return {m_downTargets.data() + m_downOffsets[i], m_downTargets.data() + m_downOffsets[i + 1]};
}

std::vector<LineageGraph::Reached> LineageGraph::bfs(Index start, int depth, bool down) const
{
    std::vector<Reached> out;
    if (start >= Index(m_assets.size()) || depth == 0)
        return out;
    std::vector<int> seen(size_t(m_assets.size()), -1);
    seen[start] = 0;
    out.push_back({start, 0});
    for (size_t head = 0; head < out.size(); ++head) {
        const auto [node, distance] = out[head];
        if (depth >= 0 && distance >= depth)
            continue;
        for (Index next : down ? downstream(node) : upstream(node)) {
            if (seen[next] >= 0)
                continue;
            seen[next] = distance + 1;
            out.push_back({next, distance + 1});
        }
    }
    out.erase(out.begin());
    return out;
}

std::vector<LineageGraph::Reached> LineageGraph::closureUp(Index start, int depth) const
{
    return bfs(start, depth, false);
}

std::vector<LineageGraph::Reached> LineageGraph::closureDown(Index start, int depth) const
{
    return bfs(start, depth, true);
}

LineageGraph::Subgraph LineageGraph::neighbourhood(Index focus, int upstreamDepth, int downstreamDepth) const
{
    Subgraph sub;
    if (focus >= Index(m_assets.size()))
        return sub;
    std::vector<char> member(size_t(m_assets.size()), 0);
    auto add = [&](Index n) {
        if (!member[n]) {
            member[n] = 1;
            sub.nodes.push_back(n);
        }
    };
    add(focus);
    for (const auto& r : closureUp(focus, upstreamDepth))
        add(r.node);
    for (const auto& r : closureDown(focus, downstreamDepth))
        add(r.node);
    for (Index n : sub.nodes) {
        for (Index child : downstream(n)) {
            if (member[child])
                sub.edges.emplace_back(n, child);
        }
    }
    return sub;
}

} // namespace sightline
