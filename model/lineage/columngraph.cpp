#include "columngraph.h"

#include "store/workspace.h"

#include <algorithm>
#include <tuple>

namespace sightline {

namespace {

QString idKey(const QString& assetKey, const QString& column)
{
    // Warehouses fold unquoted column names, and inputs disagree on case: match columns
    // case-insensitively, keys exactly (they are normalised by the importers).
    return assetKey + QChar(0x1f) + column.toCaseFolded();
}

bool refLess(const ColumnGraph::ColumnRef& a, const ColumnGraph::ColumnRef& b)
{
    return std::tie(a.assetKey, a.column) < std::tie(b.assetKey, b.column);
}

} // namespace

ColumnGraph::ColumnGraph(const std::vector<Link>& links)
{
    auto intern = [this](const ColumnRef& ref) {
        const QString k = idKey(ref.assetKey, ref.column);
        const auto it = m_ids.constFind(k);
        if (it != m_ids.cend())
            return it.value();
        const Id id = Id(m_columns.size());
        m_ids.insert(k, id);
        m_columns.push_back(ref); // the first spelling seen is the one shown
        m_down.emplace_back();
        m_up.emplace_back();
        return id;
    };
    for (const auto& link : links) {
        const Id from = intern(link.from);
        const Id to = intern(link.to);
        const auto index = std::uint32_t(m_links.size());
        m_links.push_back(link);
        m_down[from].emplace_back(to, index);
        m_up[to].emplace_back(from, index);
    }
}

std::shared_ptr<const ColumnGraph> ColumnGraph::fromWorkspace(Workspace& workspace)
{
    auto stmt =
        workspace.db().prepare("SELECT f.key, c.from_column, t.key, c.to_column, c.transformation FROM column_edge c "
                               "JOIN asset f ON f.id = c.from_asset JOIN asset t ON t.id = c.to_asset "
                               "WHERE f.retired_snapshot IS NULL AND t.retired_snapshot IS NULL "
                               "ORDER BY f.key, c.from_column, t.key, c.to_column");
    std::vector<Link> links;
    while (stmt.step())
        links.push_back(Link {{stmt.text(0), stmt.text(1)}, {stmt.text(2), stmt.text(3)}, stmt.text(4)});
    return std::make_shared<const ColumnGraph>(links);
}

ColumnGraph::Id ColumnGraph::find(const QString& assetKey, const QString& column) const
{
    return m_ids.value(idKey(assetKey, column), ~Id(0));
}

bool ColumnGraph::contains(const QString& assetKey, const QString& column) const
{
    return find(assetKey, column) != ~Id(0);
}

void ColumnGraph::walk(Id start, bool up, int depth, std::vector<char>& seen, Trace& out) const
{
    std::vector<std::pair<Id, int>> queue {{start, 0}};
    for (size_t head = 0; head < queue.size(); ++head) {
        const auto [node, distance] = queue[head];
        if (depth >= 0 && distance >= depth)
            continue;
        for (const auto& [next, link] : up ? m_up[node] : m_down[node]) {
            Q_UNUSED(link);
            if (seen[next])
                continue;
            seen[next] = 1;
            queue.emplace_back(next, distance + 1);
            out.columns.push_back(Reached {m_columns[next], distance + 1, up});
        }
    }
}

ColumnGraph::Trace ColumnGraph::trace(const QString& assetKey, const QString& column, Direction direction,
                                      int depth) const
{
    Trace out;
    const Id start = find(assetKey, column);
    if (start == ~Id(0) || depth == 0)
        return out;
    std::vector<char> seen(m_columns.size(), 0);
    seen[start] = 1;
    if (direction != Direction::Downstream)
        walk(start, true, depth, seen, out);
    if (direction != Direction::Upstream)
        walk(start, false, depth, seen, out);
    std::sort(out.columns.begin(), out.columns.end(), [](const Reached& a, const Reached& b) {
        if (a.upstream != b.upstream)
            return a.upstream;
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return refLess(a.column, b.column);
    });
    for (const auto& link : m_links) {
        if (seen[find(link.from.assetKey, link.from.column)] && seen[find(link.to.assetKey, link.to.column)])
            out.links.push_back(link);
    }
    std::sort(out.links.begin(), out.links.end(), [](const Link& a, const Link& b) {
        return refLess(a.from, b.from) || (a.from == b.from && refLess(a.to, b.to));
    });
    return out;
}

} // namespace sightline
