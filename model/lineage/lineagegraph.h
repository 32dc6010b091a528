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
    Index indexOf(const QString& key) const
    {
        return m_index.value(key, npos);
    }

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

private:
    std::vector<Reached> bfs(Index start, int depth, bool down) const;

    QList<Asset> m_assets;
    QHash<QString, Index> m_index;
    std::vector<Index> m_downOffsets, m_downTargets;
    std::vector<Index> m_upOffsets, m_upTargets;
};

} // namespace sightline
