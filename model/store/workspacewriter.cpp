#include "workspacewriter.h"

#include "store/schema.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace sightline {

namespace {

QStringList jsonToList(const QString& text)
{
    QStringList out;
    const auto array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto& v : array)
        out.append(v.toString());
    return out;
}

// Keeps the existing value unless the new one says something.
QString pick(const QString& incoming, const QString& existing)
{
    return incoming.isEmpty() ? existing : incoming;
}

constexpr int kMaxWarnings = 200;

void appendJsonString(QByteArray& out, const QString& text)
{
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

// ["a","b"] as QJsonDocument writes it compactly, built directly (two per asset written).
QString listToJson(const QStringList& list)
{
    if (list.isEmpty())
        return {};
    QByteArray text = "[";
    for (const auto& item : list) {
        if (text.size() > 1)
            text += ',';
        appendJsonString(text, item);
    }
    text += ']';
    return QString::fromUtf8(text);
}

// FNV-1a over the UTF-16 of each field, fields separated by U+FFFF (not a character): stored in
// asset.merge_hash, so it must not depend on the process (qHash may be seeded or use AES).
qint64 mergeHashOf(const QString* fields, int count)
{
    quint64 h = 14695981039346656037ULL;
    const auto mix = [&h](char16_t unit) {
        h ^= quint64(unit);
        h *= 1099511628211ULL;
    };
    for (int f = 0; f < count; ++f) {
        for (const QChar c : fields[f])
            mix(c.unicode());
        mix(0xffff);
    }
    // 0 means "no hash" in the writer's key map.
    return h == 0 ? 1 : qint64(h);
}

} // namespace

WorkspaceWriter::WorkspaceWriter(Workspace& workspace, qint64 snapshotId)
    : m_db(workspace.db())
    , m_snapshot(snapshotId)
{
    m_insertAsset = m_db.prepare(
        "INSERT INTO asset (key, kind, platform, name, description, tags, owner, team, channel, url, database_name, "
        "schema_name, systems, first_snapshot, merge_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15)");
    m_selectAsset = m_db.prepare("SELECT kind, platform, name, description, tags, owner, team, channel, url, "
                                 "database_name, schema_name, systems, merge_hash "
                                 "FROM asset WHERE id = ?1");
    m_updateAsset = m_db.prepare(
        "UPDATE asset SET kind = ?2, platform = ?3, name = ?4, description = ?5, tags = ?6, owner = ?7, team = ?8, "
        "channel = ?9, url = ?10, database_name = ?11, schema_name = ?12, systems = ?13, merge_hash = ?14 "
        "WHERE id = ?1");
    m_setMergeHash = m_db.prepare("UPDATE asset SET merge_hash = ?2 WHERE id = ?1");
    m_deleteColumns = m_db.prepare("DELETE FROM asset_column WHERE asset_id = ?1");
    m_insertColumn = m_db.prepare(
        "INSERT OR REPLACE INTO asset_column (asset_id, name, type, ordinal, description) VALUES (?1, ?2, ?3, ?4, ?5)");
    m_lastSchema = m_db.prepare("SELECT columns_hash FROM schema_version WHERE asset_id = ?1 ORDER BY id DESC LIMIT 1");
    m_insertSchema = m_db.prepare("INSERT INTO schema_version (asset_id, snapshot_id, captured_at, columns, "
                                  "columns_hash) VALUES (?1, ?2, ?3, ?4, ?5)");
    // RETURNING gives the edge's id whether it was inserted or updated: one statement, not two.
    m_upsertEdge = m_db.prepare("INSERT INTO edge (from_asset, to_asset, first_snapshot) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT (from_asset, to_asset) DO UPDATE SET from_asset = excluded.from_asset "
                                "RETURNING id");
    m_insertObservation = m_db.prepare(
        "INSERT OR IGNORE INTO observation_point (day, asset_id, column_name, metric, at, value, snapshot_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    m_insertDay = m_db.prepare("INSERT OR IGNORE INTO observation_day (day) VALUES (?1)");
    m_insertColumnEdge = m_db.prepare(
        "INSERT OR IGNORE INTO column_edge (from_asset, from_column, to_asset, to_column, transformation, snapshot_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    m_insertResult = m_db.prepare(
        "INSERT OR IGNORE INTO run_result (asset_id, snapshot_id, kind, name, column_name, status, at, duration, "
        "message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    m_upsertAlias = m_db.prepare("INSERT INTO asset_alias (alias, asset_id) VALUES (?1, ?2) "
                                 "ON CONFLICT (alias) DO UPDATE SET asset_id = excluded.asset_id");
    m_selectColumns = m_db.prepare("SELECT name, description FROM asset_column WHERE asset_id = ?1");
    m_updateColumnDescription =
        m_db.prepare("UPDATE asset_column SET description = ?3 WHERE asset_id = ?1 AND name = ?2 COLLATE NOCASE");
    loadKeys();
}

const QString& WorkspaceWriter::cachedJson(ListJson& cache, const QStringList& list)
{
    // Rows of one capture mostly repeat the previous row's list (["bigquery"]): encode it once.
    if (list != cache.list) {
        cache.list = list;
        cache.json = listToJson(list);
    }
    return cache.json;
}

void WorkspaceWriter::loadKeys()
{
    m_keys.reserve(qsizetype(m_db.queryInt("SELECT count(*) FROM asset")));
    // Three narrow columns: what a capture needs to tell an unchanged asset from a changed one.
    auto stmt = m_db.prepare("SELECT key, id, merge_hash FROM asset");
    while (stmt.step())
        m_keys.insert(stmt.text(0), StoredAsset {stmt.int64(1), stmt.isNull(2) ? 0 : stmt.int64(2)});
    // BI content by web address (a few hundred rows, found through the kind index).
    auto content = m_db.prepare("SELECT key, kind, url FROM asset WHERE kind IN ('dashboard', 'look', 'notebook', "
                                "'analysis', 'ml', 'application') AND url IS NOT NULL");
    while (content.step()) {
        const auto kind = kindFromName(content.text(1));
        if (const QString url = kind ? contentUrlKey(*kind, content.text(2)) : QString(); !url.isEmpty())
            m_contentUrls.insert(url, content.text(0));
    }
    auto aliases = m_db.prepare("SELECT alias, asset_id FROM asset_alias");
    while (aliases.step())
        m_aliases.insert(aliases.text(0), aliases.int64(1));
}

QHash<QString, WorkspaceWriter::StoredAsset>::iterator WorkspaceWriter::findSameAsset(const Asset& incoming)
{
    QString canonical;
    if (const qint64 id = m_aliases.value(incoming.key, 0)) {
        // Reported under a name this workspace already knows as another asset's alias.
        auto stmt = m_db.prepare("SELECT key FROM asset WHERE id = ?1");
        stmt.bind(1, id);
        if (stmt.step())
            canonical = stmt.text(0);
    } else if (const QString url = contentUrlKey(incoming.kind, incoming.url); !url.isEmpty()) {
        canonical = m_contentUrls.value(url);
    }
    if (canonical.isEmpty() || canonical == incoming.key)
        return m_keys.end();
    const auto found = m_keys.find(canonical);
    if (found != m_keys.end() && !m_aliases.contains(incoming.key)) {
        // The other system's name keeps working for its lineage, measurements and results.
        m_upsertAlias.bind(1, incoming.key).bind(2, found->id);
        m_upsertAlias.exec();
        m_aliases.insert(incoming.key, found->id);
        m_lastKeyId = 0;
    }
    return found;
}

void WorkspaceWriter::loadEdges()
{
    m_edgesLoaded = true;
    auto stmt = m_db.prepare("SELECT from_asset, to_asset, id FROM edge");
    while (stmt.step())
        m_edges.insert(qMakePair(stmt.int64(0), stmt.int64(1)), stmt.int64(2));
}

qint64 WorkspaceWriter::mergeHash(const MergeFields& fields)
{
    return mergeHashOf(fields.data(), MergeFieldCount);
}

qint64 WorkspaceWriter::resolve(const QString& keyOrAlias) const
{
    const auto found = m_keys.constFind(keyOrAlias);
    if (found != m_keys.constEnd())
        return found->id;
    return m_aliases.value(keyOrAlias, 0);
}

void WorkspaceWriter::unknownAsset(const QString& key, const char* what)
{
    if (++m_unknownAssets <= 20)
        warning(QStringLiteral("%1 for %2 skipped: not an asset of this workspace").arg(QLatin1String(what), key));
}

void WorkspaceWriter::beginSource(const QString& sourceId, const QDateTime& capturedAt)
{
    m_source = sourceId;
    if (capturedAt.isValid() && (!m_capturedAt.isValid() || capturedAt > m_capturedAt))
        m_capturedAt = capturedAt;
    if (!m_sources.contains(sourceId)) {
        m_sources.insert(sourceId);
        auto stmt = m_db.prepare("INSERT OR IGNORE INTO snapshot_source (snapshot_id, source) VALUES (?1, ?2)");
        stmt.bind(1, m_snapshot).bind(2, sourceId).exec();
    }
}

void WorkspaceWriter::asset(const Asset& incoming)
{
    if (incoming.key.isEmpty()) {
        warning(QStringLiteral("an asset without a key was skipped (%1)").arg(incoming.name));
        return;
    }
    if (m_source.isEmpty())
        beginSource(QStringLiteral("unknown"), {});

    // The row as this asset alone would store it: an unknown platform and an empty name have
    // defaults, so that an incoming asset equal to the stored row hashes as the row does.
    const MergeFields fields {kindName(incoming.kind),
                              incoming.platform.isEmpty() ? QStringLiteral("unknown") : incoming.platform,
                              incoming.name.isEmpty() ? incoming.key : incoming.name,
                              incoming.description,
                              cachedJson(m_tagsJson, incoming.tags),
                              incoming.owner,
                              incoming.team,
                              incoming.channel,
                              incoming.url,
                              incoming.database,
                              incoming.schema,
                              cachedJson(m_systemsJson, incoming.systems)};
    const qint64 hash = mergeHash(fields);
    qint64 id = 0;
    auto found = m_keys.find(incoming.key);
    if (found == m_keys.end())
        found = findSameAsset(incoming);
    const bool isNew = found == m_keys.end();
    if (isNew) {
        auto& s = m_insertAsset;
        s.bind(1, incoming.key);
        for (int f = 0; f < MergeFieldCount; ++f)
            s.bind(2 + f, fields[f], f > 2);
        s.bind(14, m_snapshot).bind(15, hash);
        s.exec();
        id = m_db.lastInsertRowId();
        m_keys.insert(incoming.key, StoredAsset {id, hash});
        if (const QString url = contentUrlKey(incoming.kind, incoming.url); !url.isEmpty())
            m_contentUrls.insert(url, incoming.key);
    } else if (found->hash != hash) {
        // The stored row differs from this asset (another source's view, or a row written
        // before merge hashes): merge field by field, and write only if something changes.
        id = found->id;
        m_selectAsset.bind(1, id);
        if (!m_selectAsset.step()) {
            m_selectAsset.reset();
            return;
        }
        MergeFields stored;
        for (int f = 0; f < MergeFieldCount; ++f)
            stored[f] = m_selectAsset.text(f);
        const qint64 storedHash = m_selectAsset.isNull(MergeFieldCount) ? 0 : m_selectAsset.int64(MergeFieldCount);
        m_selectAsset.reset();
        const auto existingKind = kindFromName(stored[0]).value_or(AssetKind::Table);
        const AssetKind kind = kindRank(incoming.kind) >= kindRank(existingKind) ? incoming.kind : existingKind;
        MergeFields merged = stored;
        merged[0] = kindName(kind);
        // Ownership declared with a team or alert channel (dbt meta) is kept against an owner
        // a system merely records, such as the Looker user who made a dashboard.
        constexpr int kOwner = 5, kTeam = 6, kChannel = 7;
        const bool declared = !stored[kTeam].isEmpty() || !stored[kChannel].isEmpty();
        const bool keepOwnership = declared && incoming.team.isEmpty() && incoming.channel.isEmpty();
        // The platform is where the data lives: a warehouse's word beats dbt's "dbt".
        for (int f = 1; f < MergeFieldCount - 1; ++f) {
            if (keepOwnership && (f == kOwner || f == kTeam || f == kChannel))
                continue;
            if (f == 4)
                merged[f] = incoming.tags.isEmpty() ? stored[f] : fields[f];
            else if (f == 1 || f == 2)
                merged[f] = pick(f == 1 ? incoming.platform : incoming.name, stored[f]);
            else
                merged[f] = pick(fields[f], stored[f]);
        }
        QStringList systems = jsonToList(stored[MergeFieldCount - 1]);
        for (const auto& system : incoming.systems) {
            if (!systems.contains(system))
                systems.append(system);
        }
        merged[MergeFieldCount - 1] = listToJson(systems);
        const qint64 mergedHash = mergeHash(merged);
        if (merged != stored) {
            m_updateAsset.bind(1, id);
            for (int f = 0; f < MergeFieldCount; ++f)
                m_updateAsset.bind(2 + f, merged[f], f > 2);
            m_updateAsset.bind(14, mergedHash);
            m_updateAsset.exec();
        } else if (storedHash != mergedHash) {
            m_setMergeHash.bind(1, id).bind(2, mergedHash).exec();
        }
        found->hash = mergedHash;
    } else {
        // Nothing to merge; whether this source's report of it opens is settled in finish().
        id = found->id;
    }
    m_touchedAssets[m_source].append(id);
    if (!incoming.columns.isEmpty()) {
        if (incoming.physicalColumns)
            writeColumns(id, incoming.columns, isNew);
        else
            writeDocumentedColumns(id, incoming.columns, isNew);
    }
    ++m_assetCount;
}

void WorkspaceWriter::writeColumns(qint64 assetId, const QList<Column>& columns, bool isNew)
{
    // [["name","type",ordinal],...], the same compact JSON QJsonDocument writes, built directly:
    // this runs for every asset of a large import.
    QByteArray text = "[";
    for (const auto& c : columns) {
        if (text.size() > 1)
            text += ',';
        text += '[';
        appendJsonString(text, c.name);
        text += ',';
        appendJsonString(text, c.type);
        text += ',' + QByteArray::number(c.ordinal) + ']';
    }
    text += ']';
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex());

    bool hadSchema = false;
    if (!isNew) {
        m_lastSchema.bind(1, assetId);
        hadSchema = m_lastSchema.step();
        const bool same = hadSchema && m_lastSchema.text(0) == hash;
        m_lastSchema.reset();
        if (same)
            return; // unchanged schema: nothing to rewrite
    }
    m_insertSchema.bind(1, assetId).bind(2, m_snapshot);
    if (m_capturedAt.isValid())
        m_insertSchema.bind(3, toStoredTime(m_capturedAt));
    m_insertSchema.bind(4, text).bind(5, hash);
    m_insertSchema.exec();
    // Descriptions documented in dbt survive the warehouse's view of the columns.
    replaceColumns(assetId, columns, !isNew);
}

void WorkspaceWriter::writeDocumentedColumns(qint64 assetId, const QList<Column>& columns, bool isNew)
{
    bool hasPhysical = false;
    if (!isNew) {
        m_lastSchema.bind(1, assetId);
        hasPhysical = m_lastSchema.step();
        m_lastSchema.reset();
    }
    if (!hasPhysical) {
        // Nothing from the warehouse yet: the documented columns are the best we know.
        replaceColumns(assetId, columns, false);
        return;
    }
    for (const auto& c : columns) {
        if (c.description.isEmpty())
            continue;
        m_updateColumnDescription.bind(1, assetId).bind(2, c.name).bind(3, c.description);
        m_updateColumnDescription.exec();
    }
}

void WorkspaceWriter::replaceColumns(qint64 assetId, const QList<Column>& columns, bool keepDescriptions)
{
    QHash<QString, QString> descriptions;
    if (keepDescriptions) {
        m_selectColumns.bind(1, assetId);
        while (m_selectColumns.step())
            descriptions.insert(m_selectColumns.text(0).toLower(), m_selectColumns.text(1));
        m_selectColumns.reset();
        m_deleteColumns.bind(1, assetId);
        m_deleteColumns.exec();
    }
    for (const auto& c : columns) {
        const QString description = c.description.isEmpty() ? descriptions.value(c.name.toLower()) : c.description;
        m_insertColumn.bind(1, assetId)
            .bind(2, c.name)
            .bind(3, c.type, true)
            .bind(4, c.ordinal)
            .bind(5, description, true);
        m_insertColumn.exec();
        ++m_columnCount;
    }
}

void WorkspaceWriter::edge(const QString& fromKey, const QString& toKey)
{
    const qint64 from = resolve(fromKey);
    const qint64 to = resolve(toKey);
    if (from == 0 || to == 0) {
        ++m_droppedEdges;
        if (m_droppedEdges <= 20) {
            warning(QStringLiteral("lineage %1 -> %2 skipped: %3 is not an asset")
                        .arg(fromKey, toKey, from == 0 ? fromKey : toKey));
        }
        return;
    }
    if (m_source.isEmpty())
        beginSource(QStringLiteral("unknown"), {});
    if (!m_edgesLoaded)
        loadEdges();
    const auto ends = qMakePair(from, to);
    qint64 edgeId = m_edges.value(ends, 0);
    if (edgeId == 0) {
        m_upsertEdge.bind(1, from).bind(2, to).bind(3, m_snapshot);
        m_upsertEdge.step();
        edgeId = m_upsertEdge.int64(0);
        m_upsertEdge.reset();
        m_edges.insert(ends, edgeId);
    }
    // Whether this source's report of the edge opens is settled in finish().
    m_touchedEdges[m_source].append(edgeId);
    ++m_edgeCount;
}

void WorkspaceWriter::observation(const Observation& o)
{
    // A capture row reports its asset and then several measurements of it: the last look-up
    // is reused instead of hashing the key again.
    qint64 id = 0;
    if (m_lastKeyId != 0 && o.assetKey == m_lastKey) {
        id = m_lastKeyId;
    } else {
        id = resolve(o.assetKey);
        if (id == 0)
            return unknownAsset(o.assetKey, "a measurement");
        m_lastKey = o.assetKey;
        m_lastKeyId = id;
    }
    if (!o.at.isValid() || o.metric.isEmpty() || !std::isfinite(o.value)) {
        warning(QStringLiteral("a measurement of %1 (%2) without a valid time or value was skipped")
                    .arg(o.assetKey, o.metric));
        return;
    }
    const qint64 at = toStoredTime(o.at);
    const qint64 day = schema::observationDay(at);
    if (day != m_lastDay && !m_days.contains(day)) {
        m_insertDay.bind(1, day).exec();
        m_days.insert(day);
    }
    m_lastDay = day;
    // Metric and column names repeat for every row: each is encoded once per writer.
    auto utf8 = [](QHash<QString, QByteArray>& cache, const QString& text) -> const QByteArray& {
        auto found = cache.find(text);
        if (found == cache.end())
            found = cache.insert(text, text.toUtf8());
        return *found;
    };
    m_insertObservation.bind(1, day)
        .bind(2, id)
        .bind(3, utf8(m_names, o.column))
        .bind(4, utf8(m_names, o.metric))
        .bind(5, at)
        .bind(6, o.value)
        .bind(7, m_snapshot);
    m_insertObservation.exec();
    // Identical observations (same asset, column, metric and time) are stored once.
    if (m_db.changes() > 0)
        ++m_observationCount;
}

void WorkspaceWriter::columnEdge(const ColumnEdge& e)
{
    const qint64 from = resolve(e.fromKey);
    const qint64 to = resolve(e.toKey);
    if (from == 0 || to == 0)
        return unknownAsset(from == 0 ? e.fromKey : e.toKey, "column lineage");
    m_insertColumnEdge.bind(1, from)
        .bind(2, e.fromColumn)
        .bind(3, to)
        .bind(4, e.toColumn)
        .bind(5, e.transformation, true)
        .bind(6, m_snapshot);
    m_insertColumnEdge.exec();
    if (m_db.changes() > 0)
        ++m_columnEdgeCount;
}

void WorkspaceWriter::runResult(const RunResult& r)
{
    const qint64 id = resolve(r.assetKey);
    if (id == 0)
        return unknownAsset(r.assetKey, "a result");
    if (!r.at.isValid()) {
        warning(QStringLiteral("a result for %1 without a time was skipped").arg(r.assetKey));
        return;
    }
    static const char* const kinds[] = {"run", "test", "freshness"};
    m_insertResult.bind(1, id)
        .bind(2, m_snapshot)
        .bind(3, QString::fromLatin1(kinds[int(r.kind)]))
        .bind(4, r.name)
        .bind(5, r.column)
        .bind(6, r.status)
        .bind(7, toStoredTime(r.at));
    if (r.durationSeconds >= 0)
        m_insertResult.bind(8, r.durationSeconds);
    m_insertResult.bind(9, r.message, true);
    m_insertResult.exec();
    if (m_db.changes() > 0)
        ++m_resultCount;
}

void WorkspaceWriter::assetAlias(const QString& alias, const QString& key)
{
    const qint64 id = resolve(key);
    if (id == 0 || alias.isEmpty() || m_keys.contains(alias))
        return;
    if (m_aliases.value(alias) == id)
        return;
    m_upsertAlias.bind(1, alias).bind(2, id);
    m_upsertAlias.exec();
    m_aliases.insert(alias, id);
    m_lastKeyId = 0; // the alias may be the last key an observation resolved
}

void WorkspaceWriter::warning(const QString& message)
{
    if (m_warnings.size() < kMaxWarnings)
        m_warnings.append(message);
}

namespace {

// Sorted, without repeats (a capture may report an asset twice).
void sortUnique(QList<qint64>& ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// Elements of sorted `a` not in sorted `b`.
QList<qint64> difference(const QList<qint64>& a, const QList<qint64>& b)
{
    QList<qint64> out;
    std::set_difference(a.cbegin(), a.cend(), b.cbegin(), b.cend(), std::back_inserter(out));
    return out;
}

} // namespace

void WorkspaceWriter::fillIdTable(const QList<qint64>& ids)
{
    if (!m_idTableReady) {
        m_db.exec("CREATE TEMP TABLE IF NOT EXISTS writer_ids (id INTEGER PRIMARY KEY)");
        m_idTableReady = true;
    }
    m_db.exec("DELETE FROM temp.writer_ids");
    // One statement over a JSON array of the ids instead of one insert per id (50,000 in the
    // first capture of an estate), in key order so the updates walk their b-trees once.
    QByteArray json;
    json.reserve(ids.size() * 8 + 2);
    json += '[';
    for (const qint64 id : ids) {
        if (json.size() > 1)
            json += ',';
        json += QByteArray::number(id);
    }
    json += ']';
    auto insert = m_db.prepare("INSERT OR IGNORE INTO temp.writer_ids (id) SELECT value FROM json_each(?1)");
    insert.bind(1, json);
    insert.exec();
}

int WorkspaceWriter::settleReports(const ReportedEntity& t, QHash<QString, QList<qint64>>& touched)
{
    const std::string ids = " IN (SELECT id FROM temp.writer_ids)";
    // Per source: what it reported now, and its reports still open from earlier snapshots.
    QHash<QString, QList<qint64>> toClose;
    for (const auto& source : std::as_const(m_sources)) {
        QList<qint64>& reported = touched[source];
        sortUnique(reported);
        QList<qint64> open;
        auto stmt = m_db.prepare("SELECT " + t.idColumn + " FROM " + t.reportTable
                                 + " WHERE source = ?1 AND last_snapshot IS NULL ORDER BY " + t.idColumn);
        stmt.bind(1, source);
        while (stmt.step())
            open.append(stmt.int64(0));
        const QList<qint64> opening = difference(reported, open);
        if (!opening.isEmpty()) {
            // New reports, and reports of entities the source had dropped and reports again
            // (their interval reopens: first_snapshot stays).
            fillIdTable(opening);
            auto report = m_db.prepare("INSERT INTO " + t.reportTable + " (" + t.idColumn
                                       + ", source, first_snapshot) SELECT id, ?2, ?1 FROM "
                                         "temp.writer_ids WHERE true ON CONFLICT ("
                                       + t.idColumn
                                       + ", source) DO UPDATE SET last_snapshot = "
                                         "NULL, retired = 0");
            report.bind(1, m_snapshot).bind(2, source).exec();
            m_db.exec("UPDATE " + t.table + " SET last_snapshot = NULL, retired_snapshot = NULL WHERE id" + ids
                      + " AND (last_snapshot IS NOT NULL OR retired_snapshot IS NOT NULL)");
        }
        QList<qint64> closing = difference(open, reported);
        if (!closing.isEmpty())
            toClose.insert(source, std::move(closing));
    }
    // Closed after every source's reports opened: an entity one source dropped and another
    // reports now stays current.
    int closed = 0;
    for (auto it = toClose.cbegin(); it != toClose.cend(); ++it) {
        fillIdTable(it.value());
        // The last snapshot that reported them: this source's snapshot before this one.
        auto close = m_db.prepare("UPDATE " + t.reportTable
                                  + " SET retired = 1, last_snapshot = coalesce((SELECT "
                                    "max(snapshot_id) FROM snapshot_source WHERE source = ?2 AND snapshot_id < ?1), "
                                    "first_snapshot) WHERE source = ?2 AND "
                                  + t.idColumn + ids);
        close.bind(1, m_snapshot).bind(2, it.key()).exec();
        closed += m_db.changes();
        // Retired when no source reports it any more, as of this snapshot (kept for history).
        const std::string reports = t.reportsOfRow();
        auto retire = m_db.prepare("UPDATE " + t.table
                                   + " SET retired_snapshot = ?1, last_snapshot = (SELECT "
                                     "max(r.last_snapshot)"
                                   + reports + ") WHERE id" + ids
                                   + " AND retired_snapshot "
                                     "IS NULL AND NOT EXISTS (SELECT 1"
                                   + reports + " AND r.retired = 0)");
        retire.bind(1, m_snapshot).exec();
    }
    touched.clear();
    return closed;
}

void WorkspaceWriter::finish()
{
    if (m_droppedEdges > 20)
        warning(QStringLiteral("%1 more lineage edges skipped for unknown ends").arg(m_droppedEdges - 20));
    if (m_unknownAssets > 20)
        warning(QStringLiteral("%1 more measurements or results skipped for unknown assets").arg(m_unknownAssets - 20));
    // What a source of this snapshot reported before but not now is retired as of this snapshot;
    // what it reports again is current again. Only these changes are written: a capture that
    // reports the same 50,000 tables as the last one writes no report at all.
    settleReports(ReportedEntity::assets(), m_touchedAssets);
    settleReports(ReportedEntity::edges(), m_touchedEdges);
    if (m_idTableReady)
        m_db.exec("DELETE FROM temp.writer_ids");

    auto counts = m_db.prepare("UPDATE snapshot SET asset_count = ?2, edge_count = ?3, column_count = ?4, captured_at "
                               "= ?5, summary = ?6, observation_count = ?7 WHERE id = ?1");
    counts.bind(1, m_snapshot)
        .bind(2, m_assetCount)
        .bind(3, m_edgeCount)
        .bind(4, m_columnCount)
        .bind(7, m_observationCount);
    if (m_capturedAt.isValid())
        counts.bind(5, toStoredTime(m_capturedAt));
    QJsonObject summary {{QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings)}};
    counts.bind(6, QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)));
    counts.exec();
}

} // namespace sightline
