#include "graphloader.h"

#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace sightline {

namespace {

QStringList listFromJson(const QString& text)
{
    QStringList out;
    // Most assets carry no tags: skip the JSON parser for the empty forms.
    if (text.isEmpty() || text == u"[]")
        return out;
    const auto array = QJsonDocument::fromJson(text.toUtf8()).array();
    out.reserve(array.size());
    for (const auto& value : array)
        out.append(value.toString());
    return out;
}

} // namespace

std::shared_ptr<const LineageGraph> loadLineageGraph(Workspace& workspace)
{
    auto& db = workspace.db();
    auto stmt =
        db.prepare("SELECT id, key, kind, platform, name, description, tags, owner, team, channel, url, "
                   "database_name, schema_name, systems FROM asset WHERE retired_snapshot IS NULL ORDER BY key");
    QList<Asset> assets;
    std::vector<std::pair<qint64, LineageGraph::Index>> ids; // row id -> index, sorted by id below
    while (stmt.step()) {
        Asset a;
        a.id = stmt.int64(0);
        a.key = stmt.text(1);
        a.kind = kindFromName(stmt.text(2)).value_or(AssetKind::Table);
        a.platform = stmt.text(3);
        a.name = stmt.text(4);
        a.description = stmt.text(5);
        a.tags = listFromJson(stmt.text(6));
        a.owner = stmt.text(7);
        a.team = stmt.text(8);
        a.channel = stmt.text(9);
        a.url = stmt.text(10);
        a.database = stmt.text(11);
        a.schema = stmt.text(12);
        a.systems = listFromJson(stmt.text(13));
        ids.emplace_back(a.id, LineageGraph::Index(assets.size()));
        assets.append(std::move(a));
    }
    std::sort(ids.begin(), ids.end());
    auto indexOfId = [&ids](qint64 id) {
        const auto it = std::lower_bound(ids.begin(), ids.end(), std::pair<qint64, LineageGraph::Index>(id, 0));
        return it != ids.end() && it->first == id ? it->second : LineageGraph::npos;
    };

    auto edgeStmt = db.prepare("SELECT from_asset, to_asset FROM edge WHERE retired_snapshot IS NULL");
    std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>> edges;
    while (edgeStmt.step()) {
        // An edge to a retired asset has no index and is dropped, as in Workspace::edges().
        const auto from = indexOfId(edgeStmt.int64(0));
        const auto to = indexOfId(edgeStmt.int64(1));
        if (from != LineageGraph::npos && to != LineageGraph::npos)
            edges.emplace_back(from, to);
    }
    return std::make_shared<const LineageGraph>(std::move(assets), edges);
}

} // namespace sightline
