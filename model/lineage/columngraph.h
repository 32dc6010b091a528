#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace sightline {

class Workspace;

// Column-level lineage (the workspace's column_edge table, filled by importers that have it, e.g.
// OpenLineage columnLineage): nodes are (asset key, column), edges lead from a source column to
// the column computed from it. Immutable once built.
class ColumnGraph
{
public:
    struct ColumnRef
    {
        QString assetKey;
        QString column;
        bool operator==(const ColumnRef&) const = default;
    };
    struct Link
    {
        ColumnRef from; // upstream column
        ColumnRef to;
        QString transformation; // may be empty
    };
    enum class Direction
    {
        Upstream,
        Downstream,
        Both,
    };
    struct Reached
    {
        ColumnRef column;
        int distance; // steps from the traced column (upstream and downstream both count up)
        bool upstream; // reached going upstream
    };
    struct Trace
    {
        std::vector<Reached> columns; // the traced column not included; by (upstream first, distance, key, column)
        std::vector<Link> links; // every link among the traced column and the reached ones, sorted
    };

    ColumnGraph() = default;
    explicit ColumnGraph(const std::vector<Link>& links);
    // Current assets' column edges. Throws sql::Error.
    static std::shared_ptr<const ColumnGraph> fromWorkspace(Workspace& workspace);

    qsizetype columnCount() const
    {
        return qsizetype(m_columns.size());
    }
    qsizetype linkCount() const
    {
        return qsizetype(m_links.size());
    }
    // Whether any lineage is known for the column (asset key exact, column case-insensitive).
    bool contains(const QString& assetKey, const QString& column) const;

    // Follows one column end to end (depth < 0: unlimited). Unknown columns give an empty trace.
    Trace trace(const QString& assetKey, const QString& column, Direction direction, int depth = -1) const;

private:
    using Id = std::uint32_t;
    Id find(const QString& assetKey, const QString& column) const;
    void walk(Id start, bool up, int depth, std::vector<char>& seen, Trace& out) const;

    std::vector<ColumnRef> m_columns; // by id
    QHash<QString, Id> m_ids; // "key\x1fcolumn (case-folded)" -> id
    std::vector<Link> m_links;
    std::vector<std::vector<std::pair<Id, std::uint32_t>>> m_down, m_up; // (neighbour, link index)
};

// The convenience the issue names: ColumnGraph::trace on a graph.
inline ColumnGraph::Trace traceColumn(const ColumnGraph& graph, const QString& assetKey, const QString& column,
                                      ColumnGraph::Direction direction, int depth = -1)
{
    return graph.trace(assetKey, column, direction, depth);
}

} // namespace sightline
