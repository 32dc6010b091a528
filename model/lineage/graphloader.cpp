#include "graphloader.h"

#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

#include <algorithm>

namespace sightline {

namespace {

// Reads one statement with the SQLite C API: the graph is built on every import and on opening a
// workspace, and going through QString for every cell of 100,000 rows is most of the cost.
class Rows
{
public:
    Rows(sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            throw sql::Error(sqlite3_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)));
        m_db = db;
    }
    ~Rows()
    {
        sqlite3_finalize(m_stmt);
    }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    bool step()
    {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            throw sql::Error(rc, QString::fromUtf8(sqlite3_errmsg(m_db)));
        return false;
    }
    qint64 int64(int column) const
    {
        return sqlite3_column_int64(m_stmt, column);
    }
    QByteArray raw(int column) const // valid until the next step; no copy
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return QByteArray::fromRawData(text ? text : "", text ? sqlite3_column_bytes(m_stmt, column) : 0);
    }
    QString text(int column) const
    {
        const QByteArray bytes = raw(column);
        return QString::fromUtf8(bytes.constData(), bytes.size());
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

QStringList listFromJson(const QByteArray& text)
{
    QStringList out;
    if (text.isEmpty() || text == "[]")
        return out;
    const auto array = QJsonDocument::fromJson(text).array();
    out.reserve(array.size());
    for (const auto& value : array)
        out.append(value.toString());
    return out;
}

// Columns with few distinct values (kind, platform, schema, owner, tags, ...) are decoded once per
// value and then shared, which also keeps 100,000 assets from holding 100,000 copies of "bigquery".
template<typename T>
class Interner
{
public:
    template<typename Decode>
    const T& get(const QByteArray& raw, Decode decode)
    {
        auto it = m_values.constFind(raw);
        if (it == m_values.cend())
            it = m_values.insert(QByteArray(raw.constData(), raw.size()), decode(raw));
        return it.value();
    }

private:
    QHash<QByteArray, T> m_values;
};

QString fromUtf8(const QByteArray& raw)
{
    return QString::fromUtf8(raw.constData(), raw.size());
}

} // namespace

std::shared_ptr<const LineageGraph> loadLineageGraph(Workspace& workspace)
{
    sqlite3* db = workspace.db().handle();
    Rows rows(db,
              "SELECT id, key, kind, platform, name, description, tags, owner, team, channel, url, "
              "database_name, schema_name, systems FROM asset WHERE retired_snapshot IS NULL ORDER BY key");
    Interner<QString> strings;
    Interner<QStringList> lists;
    Interner<AssetKind> kinds;
    QList<Asset> assets;
    std::vector<LineageGraph::Index> indexById; // asset row id -> index
    while (rows.step()) {
        Asset a;
        a.id = rows.int64(0);
        a.key = rows.text(1);
        a.kind = kinds.get(
            rows.raw(2), [](const QByteArray& raw) { return kindFromName(fromUtf8(raw)).value_or(AssetKind::Table); });
        a.platform = strings.get(rows.raw(3), fromUtf8);
        a.name = rows.text(4);
        a.description = rows.text(5);
        a.tags = lists.get(rows.raw(6), listFromJson);
        a.owner = strings.get(rows.raw(7), fromUtf8);
        a.team = strings.get(rows.raw(8), fromUtf8);
        a.channel = strings.get(rows.raw(9), fromUtf8);
        a.url = rows.text(10);
        a.database = strings.get(rows.raw(11), fromUtf8);
        a.schema = strings.get(rows.raw(12), fromUtf8);
        a.systems = lists.get(rows.raw(13), listFromJson);
        if (a.id >= 0) {
            if (size_t(a.id) >= indexById.size())
                indexById.resize(std::max(size_t(a.id) + 1, indexById.size() * 2), LineageGraph::npos);
            indexById[size_t(a.id)] = LineageGraph::Index(assets.size());
        }
        assets.append(std::move(a));
    }

    Rows edgeRows(db, "SELECT from_asset, to_asset FROM edge WHERE retired_snapshot IS NULL");
    auto indexOfId = [&indexById](qint64 id) {
        return id >= 0 && size_t(id) < indexById.size() ? indexById[size_t(id)] : LineageGraph::npos;
    };
    std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>> edges;
    edges.reserve(size_t(assets.size()) * 4);
    while (edgeRows.step()) {
        // An edge to a retired asset has no index and is dropped, as in Workspace::edges().
        const auto from = indexOfId(edgeRows.int64(0));
        const auto to = indexOfId(edgeRows.int64(1));
        if (from != LineageGraph::npos && to != LineageGraph::npos)
            edges.emplace_back(from, to);
    }
    return std::make_shared<const LineageGraph>(std::move(assets), edges);
}

} // namespace sightline
