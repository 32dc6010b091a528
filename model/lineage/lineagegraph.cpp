#include "lineagegraph.h"

#include "lineage/graphloader.h"

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
    buildKeyIndex();
    std::vector<std::pair<Index, Index>> pairs;
    pairs.reserve(size_t(edges.size()));
    for (const auto& e : edges) {
        const Index from = indexOf(e.from);
        const Index to = indexOf(e.to);
        if (from != npos && to != npos)
            pairs.emplace_back(from, to);
    }
    buildIndex(pairs);
}

LineageGraph::LineageGraph(QList<Asset> assets, const std::vector<std::pair<Index, Index>>& edges)
    : m_assets(std::move(assets))
{
    buildKeyIndex();
    const auto n = Index(m_assets.size());
    std::vector<std::pair<Index, Index>> pairs;
    pairs.reserve(edges.size());
    for (const auto& [from, to] : edges) {
        if (from < n && to < n)
            pairs.emplace_back(from, to);
    }
    buildIndex(pairs);
}

void LineageGraph::buildIndex(const std::vector<std::pair<Index, Index>>& down)
{
    m_foldedHashes.reserve(size_t(m_assets.size()) * 2);
    for (qsizetype i = 0; i < m_assets.size(); ++i) {
        const QString key = m_assets[i].key.toCaseFolded();
        const QString name = m_assets[i].name.toCaseFolded();
        m_foldedHashes.emplace_back(qHash(key), Index(i));
        if (!name.isEmpty() && name != key)
            m_foldedHashes.emplace_back(qHash(name), Index(i));
    }
    std::sort(m_foldedHashes.begin(), m_foldedHashes.end());
    std::vector<std::pair<Index, Index>> up;
    up.reserve(down.size());
    for (const auto& [from, to] : down)
        up.emplace_back(to, from);
    buildCsr(m_assets.size(), down, m_downOffsets, m_downTargets);
    buildCsr(m_assets.size(), up, m_upOffsets, m_upTargets);
}

std::shared_ptr<const LineageGraph> LineageGraph::fromWorkspace(Workspace& workspace)
{
    return loadLineageGraph(workspace);
}

void LineageGraph::buildKeyIndex()
{
    m_keyHashes.reserve(size_t(m_assets.size()));
    for (qsizetype i = 0; i < m_assets.size(); ++i)
        m_keyHashes.emplace_back(qHash(m_assets[i].key), Index(i));
    std::sort(m_keyHashes.begin(), m_keyHashes.end());
}

namespace {
auto hashRange(const std::vector<std::pair<size_t, LineageGraph::Index>>& hashes, size_t hash)
{
    return std::equal_range(hashes.begin(), hashes.end(), std::pair<size_t, LineageGraph::Index>(hash, 0),
                            [](const auto& a, const auto& b) { return a.first < b.first; });
}
} // namespace

LineageGraph::Index LineageGraph::indexOf(const QString& key) const
{
    const auto [begin, end] = hashRange(m_keyHashes, qHash(key));
    for (auto it = begin; it != end; ++it) {
        if (m_assets[qsizetype(it->second)].key == key)
            return it->second;
    }
    return npos;
}

std::vector<LineageGraph::Index> LineageGraph::findFolded(const QString& folded) const
{
    std::vector<Index> out;
    const auto [begin, end] = hashRange(m_foldedHashes, qHash(folded));
    for (auto it = begin; it != end; ++it) {
        const Asset& a = m_assets[qsizetype(it->second)];
        if (a.key.toCaseFolded() == folded || a.name.toCaseFolded() == folded)
            out.push_back(it->second);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
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
    if (start >= Index(m_assets.size()))
        return {};
    return bfsMany({start}, depth, down);
}

std::vector<LineageGraph::Reached> LineageGraph::bfsMany(const std::vector<Index>& starts, int depth, bool down) const
{
    std::vector<Reached> out;
    if (depth == 0)
        return out;
    std::vector<char> seen(size_t(m_assets.size()), 0);
    for (Index s : starts) {
        if (s < Index(m_assets.size()) && !seen[s]) {
            seen[s] = 1;
            out.push_back({s, 0});
        }
    }
    const size_t startCount = out.size();
    for (size_t head = 0; head < out.size(); ++head) {
        const auto [node, distance] = out[head];
        if (depth >= 0 && distance >= depth)
            continue;
        for (Index next : down ? downstream(node) : upstream(node)) {
            if (seen[next])
                continue;
            seen[next] = 1;
            out.push_back({next, distance + 1});
        }
    }
    out.erase(out.begin(), out.begin() + std::ptrdiff_t(startCount));
    return out;
}

std::vector<LineageGraph::Reached> LineageGraph::closureUp(const std::vector<Index>& starts, int depth) const
{
    return bfsMany(starts, depth, false);
}

std::vector<LineageGraph::Reached> LineageGraph::closureDown(const std::vector<Index>& starts, int depth) const
{
    return bfsMany(starts, depth, true);
}

std::vector<LineageGraph::Index> LineageGraph::shortestPath(Index from, Index to) const
{
    const auto n = Index(m_assets.size());
    if (from >= n || to >= n)
        return {};
    if (from == to)
        return {from};
    std::vector<Index> parent(n, npos);
    parent[from] = from;
    std::vector<Index> queue {from};
    for (size_t head = 0; head < queue.size(); ++head) {
        const Index node = queue[head];
        for (Index next : downstream(node)) {
            if (parent[next] != npos)
                continue;
            parent[next] = node;
            if (next == to) {
                std::vector<Index> path {to};
                for (Index at = to; at != from; at = parent[at])
                    path.push_back(parent[at]);
                std::reverse(path.begin(), path.end());
                return path;
            }
            queue.push_back(next);
        }
    }
    return {};
}

std::vector<std::vector<LineageGraph::Index>> LineageGraph::allPaths(Index from, Index to, qsizetype maxPaths,
                                                                     int maxLength, bool* truncated) const
{
    std::vector<std::vector<Index>> paths;
    if (truncated)
        *truncated = false;
    const auto n = Index(m_assets.size());
    if (from >= n || to >= n || maxPaths <= 0)
        return paths;
    if (from == to) {
        paths.push_back({from});
        return paths;
    }
    // Only nodes that can still reach `to` are worth entering: prunes the search to the paths'
    // union, so the cost is bounded by the output, not by the size of from's downstream.
    std::vector<char> useful(n, 0);
    useful[to] = 1;
    for (const auto& r : closureUp(to, -1))
        useful[r.node] = 1;
    if (!useful[from])
        return paths;
    std::vector<char> onPath(n, 0);
    std::vector<Index> path {from};
    std::vector<const Index*> cursor {downstream(from).begin()};
    onPath[from] = 1;
    while (!path.empty()) {
        const Index node = path.back();
        const Index* const end = downstream(node).end();
        const Index*& it = cursor.back();
        bool descended = false;
        while (it != end) {
            const Index next = *it++;
            if (!useful[next] || onPath[next])
                continue;
            if (next == to) {
                if (maxLength >= 0 && int(path.size()) > maxLength) {
                    if (truncated)
                        *truncated = true;
                    continue;
                }
                if (qsizetype(paths.size()) == maxPaths) {
                    if (truncated)
                        *truncated = true;
                    return paths;
                }
                paths.push_back(path);
                paths.back().push_back(to);
                continue;
            }
            if (maxLength >= 0 && int(path.size()) >= maxLength) {
                if (truncated)
                    *truncated = true;
                continue;
            }
            onPath[next] = 1;
            path.push_back(next);
            cursor.push_back(downstream(next).begin());
            descended = true;
            break;
        }
        if (!descended) {
            onPath[node] = 0;
            path.pop_back();
            cursor.pop_back();
        }
    }
    return paths;
}

std::vector<LineageGraph::Index> LineageGraph::roots() const
{
    std::vector<Index> out;
    for (Index i = 0; i < Index(m_assets.size()); ++i) {
        if (m_upOffsets[i] == m_upOffsets[i + 1])
            out.push_back(i);
    }
    return out;
}

std::vector<LineageGraph::Index> LineageGraph::leaves() const
{
    std::vector<Index> out;
    for (Index i = 0; i < Index(m_assets.size()); ++i) {
        if (m_downOffsets[i] == m_downOffsets[i + 1])
            out.push_back(i);
    }
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
