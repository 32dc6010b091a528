#pragma once

#include "core/asset.h"

#include <QHash>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace sightline {

class Workspace;

// Immutable in-memory lineage: assets as dense indices, edges in compact (CSR) adjacency both
// ways. Built once from the workspace, shared read-only between threads.
class LineageGraph
{
public:
    using Index = std::uint32_t;
    static constexpr Index npos = ~Index(0);

    LineageGraph() = default;
    LineageGraph(QList<Asset> assets, const QList<Edge>& edges);
    // Edges as (upstream, downstream) indices into assets; out-of-range pairs are dropped.
    LineageGraph(QList<Asset> assets, const std::vector<std::pair<Index, Index>>& edges);
    // Reads the current assets (without columns) and edges through the lean loader
    // (lineage/graphloader.h): assets sorted by key, as Workspace::assets().
    static std::shared_ptr<const LineageGraph> fromWorkspace(Workspace& workspace);

    qsizetype size() const
    {
        return m_assets.size();
    }
    qsizetype edgeCount() const
    {
        return qsizetype(m_downTargets.size());
    }
    const QList<Asset>& assets() const
    {
        return m_assets;
    }
    const Asset& asset(Index i) const
    {
        return m_assets[qsizetype(i)];
    }
    Index indexOf(const QString& key) const;
    // Assets whose key or name equals folded (which must be toCaseFolded() already), sorted.
    std::vector<Index> findFolded(const QString& folded) const;

    struct Range
    {
        const Index* b;
        const Index* e;
        const Index* begin() const
        {
            return b;
        }
        const Index* end() const
        {
            return e;
        }
        qsizetype size() const
        {
            return e - b;
        }
    };
    Range upstream(Index i) const; // direct parents
    Range downstream(Index i) const; // direct children

    // Nodes reachable within depth steps (depth < 0: unlimited), in breadth-first order, each with
    // its distance; the start node is not included.
    struct Reached
    {
        Index node;
        int distance;
    };
    std::vector<Reached> closureUp(Index start, int depth) const;
    std::vector<Reached> closureDown(Index start, int depth) const;

    // The focus node plus upstream/downstream neighbourhoods, and every edge among them.
    struct Subgraph
    {
        std::vector<Index> nodes; // focus first
        std::vector<std::pair<Index, Index>> edges; // upstream -> downstream
    };
    Subgraph neighbourhood(Index focus, int upstreamDepth, int downstreamDepth) const;

    // Everything reachable from any of starts within depth steps (depth < 0: unlimited), breadth
    // first, each with its distance to the nearest start; the starts themselves are not included.
    std::vector<Reached> closureUp(const std::vector<Index>& starts, int depth) const;
    std::vector<Reached> closureDown(const std::vector<Index>& starts, int depth) const;

    // The shortest directed path from -> ... -> to following edges downstream, both ends
    // included; empty when to is not downstream of from. Among equally short paths, the one
    // through the lowest indices (deterministic).
    std::vector<Index> shortestPath(Index from, Index to) const;
    // Every simple directed path from -> ... -> to (downstream), both ends included, at most
    // maxPaths of them and none longer than maxLength edges (< 0: no limit). Paths come in
    // depth-first order over sorted neighbours. *truncated tells whether the bound cut some off.
    std::vector<std::vector<Index>> allPaths(Index from, Index to, qsizetype maxPaths = 1000, int maxLength = -1,
                                             bool* truncated = nullptr) const;
    // Assets without upstream (roots) / without downstream (leaves), in index order. An isolated
    // asset is both.
    std::vector<Index> roots() const;
    std::vector<Index> leaves() const;

private:
    std::vector<Reached> bfs(Index start, int depth, bool down) const;
    std::vector<Reached> bfsMany(const std::vector<Index>& starts, int depth, bool down) const;
    void buildIndex(const std::vector<std::pair<Index, Index>>& edges);

    QList<Asset> m_assets;
    void buildKeyIndex();
    // (qHash, index) sorted: exact keys, and case-folded keys and names. Flat arrays instead of
    // hash tables of strings: building them is a sort of 200,000 integers, not 200,000 allocations.
    std::vector<std::pair<size_t, Index>> m_keyHashes;
    std::vector<std::pair<size_t, Index>> m_foldedHashes;
    std::vector<Index> m_downOffsets, m_downTargets;
    std::vector<Index> m_upOffsets, m_upTargets;
};

} // namespace sightline
