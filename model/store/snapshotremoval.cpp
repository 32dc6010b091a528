#include "snapshotremoval.h"

#include "reportedentity.h"
#include "sqlite.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>
#include <string>

namespace sightline {

UnknownSnapshotError::UnknownSnapshotError(qint64 id)
    : std::runtime_error("no snapshot with id " + std::to_string(id))
    , m_id(id)
{
}

namespace {

std::optional<qint64> optionalInt(sql::Database& db, std::string_view sql, qint64 snapshot, const QString& source)
{
    auto stmt = db.prepare(sql);
    stmt.bind(1, snapshot).bind(2, source);
    if (stmt.step() && !stmt.isNull(0))
        return stmt.int64(0);
    return std::nullopt;
}

int exec(sql::Database& db, const std::string& sql, qint64 a, std::optional<qint64> b = {},
         const QString* source = nullptr)
{
    auto stmt = db.prepare(sql);
    stmt.bind(1, a);
    if (b)
        stmt.bind(2, *b);
    if (source)
        stmt.bind(3, *source);
    stmt.exec();
    return db.changes();
}

// Rewrites the reports of one source as if snapshot s had never been imported; returns the ids
// of the entities whose reports changed. A report is an interval of the source's snapshots:
// first_snapshot .. last_snapshot, or .. the source's latest snapshot while open (last_snapshot
// NULL); `previous` and `next` are the source's snapshots around s.
QSet<qint64> rewriteReports(sql::Database& db, const ReportedEntity& e, qint64 s, const QString& source,
                            std::optional<qint64> previous, std::optional<qint64> next)
{
    QSet<qint64> touched;
    {
        auto stmt = db.prepare("SELECT " + e.idColumn + " FROM " + e.reportTable
                               + " WHERE source = ?3 AND (first_snapshot = ?1 OR last_snapshot = ?1 OR "
                                 "(?2 IS NOT NULL AND last_snapshot = ?2))");
        stmt.bind(1, s).bind(3, source);
        // Reports s closed reopen only when s was the source's latest snapshot.
        if (previous && !next)
            stmt.bind(2, *previous);
        while (stmt.step())
            touched.insert(stmt.int64(0));
    }
    const std::string where = " WHERE source = ?3 AND ";
    // Reported by s alone: from s and closed at s, or opened by the latest snapshot s.
    exec(db,
         "DELETE FROM " + e.reportTable + where + "first_snapshot = ?1 AND (last_snapshot = ?1 OR "
             + (next ? "0)" : "last_snapshot IS NULL)"),
         s, {}, &source);
    if (previous) {
        // Closed by s (last reported by the snapshot just before it): open again when s was the
        // latest; otherwise the next snapshot did not report them either (or they would be open).
        if (!next)
            exec(db,
                 "UPDATE " + e.reportTable + " SET retired = 0, last_snapshot = NULL" + where
                     + "retired = 1 AND last_snapshot = ?2",
                 s, previous, &source);
        exec(db, "UPDATE " + e.reportTable + " SET last_snapshot = ?2" + where + "last_snapshot = ?1", s, previous,
             &source);
    }
    // Left starting at s: they continue into the next snapshot (an interval has no gaps).
    if (next)
        exec(db, "UPDATE " + e.reportTable + " SET first_snapshot = ?2" + where + "first_snapshot = ?1", s, next,
             &source);
    else
        exec(db, "DELETE FROM " + e.reportTable + where + "first_snapshot = ?1", s, {}, &source);
    return touched;
}

// Deletes entities left without any report; fixes first/last/retired of the others. Returns
// how many entities s had retired are current again.
int settleEntities(sql::Database& db, const ReportedEntity& e, qint64 s, const QSet<qint64>& touched)
{
    auto orphan = db.prepare("DELETE FROM " + e.table + " WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM " + e.reportTable
                             + " r WHERE r." + e.idColumn + " = ?1)");
    const std::string reports = e.reportsOfRow();
    // last_snapshot: NULL while a source still reports it, else the last snapshot that did.
    auto span = db.prepare("UPDATE " + e.table + " SET first_snapshot = (SELECT min(r.first_snapshot)" + reports
                           + "), last_snapshot = CASE WHEN EXISTS (SELECT 1" + reports
                           + " AND r.retired = 0) THEN NULL ELSE (SELECT max(r.last_snapshot)" + reports
                           + ") END WHERE id = ?1");
    for (qint64 id : touched) {
        orphan.bind(1, id);
        orphan.exec();
        orphan.reset();
        span.bind(1, id);
        span.exec();
        span.reset();
    }
    const int unretired =
        exec(db,
             "UPDATE " + e.table + " SET retired_snapshot = NULL WHERE retired_snapshot = ?1 AND EXISTS (SELECT 1"
                 + reports + " AND r.retired = 0)",
             s);
    // Still retired: by the next snapshot of the same sources, which did not report it either.
    exec(db,
         "UPDATE " + e.table
             + " SET retired_snapshot = (SELECT min(n.snapshot_id) FROM snapshot_source n WHERE n.snapshot_id > ?1 "
               "AND n.source IN (SELECT source FROM snapshot_source WHERE snapshot_id = ?1)) "
               "WHERE retired_snapshot = ?1",
         s);
    return unretired;
}

// Puts back the columns of the newest remaining schema version (keeping descriptions).
void restoreColumns(sql::Database& db, const QList<qint64>& assets)
{
    auto latest = db.prepare("SELECT columns FROM schema_version WHERE asset_id = ?1 ORDER BY id DESC LIMIT 1");
    auto descriptions = db.prepare("SELECT name, description FROM asset_column WHERE asset_id = ?1");
    auto clear = db.prepare("DELETE FROM asset_column WHERE asset_id = ?1");
    auto insert =
        db.prepare("INSERT OR REPLACE INTO asset_column (asset_id, name, type, ordinal, description) VALUES (?1, ?2, "
                   "?3, ?4, ?5)");
    for (qint64 asset : assets) {
        latest.bind(1, asset);
        const bool found = latest.step();
        const QByteArray columns = found ? latest.blob(0) : QByteArray();
        latest.reset();
        if (!found)
            continue; // the asset is gone, or only documented columns were ever written
        QHash<QString, QString> described;
        descriptions.bind(1, asset);
        while (descriptions.step())
            described.insert(descriptions.text(0).toLower(), descriptions.text(1));
        descriptions.reset();
        clear.bind(1, asset);
        clear.exec();
        clear.reset();
        // [["name","type",ordinal],...] as WorkspaceWriter stores it.
        const QJsonArray array = QJsonDocument::fromJson(columns).array();
        for (const auto& value : array) {
            const QJsonArray c = value.toArray();
            const QString name = c.at(0).toString();
            insert.bind(1, asset)
                .bind(2, name)
                .bind(3, c.at(1).toString(), true)
                .bind(4, c.at(2).toInt())
                .bind(5, described.value(name.toLower()), true);
            insert.exec();
            insert.reset();
        }
    }
}

SnapshotRemoval removeOrPreview(sql::Database& db, qint64 s, bool commit)
{
    sql::Transaction transaction(db);
    {
        auto exists = db.prepare("SELECT 1 FROM snapshot WHERE id = ?1");
        exists.bind(1, s);
        if (!exists.step())
            throw UnknownSnapshotError(s);
    }
    SnapshotRemoval result;
    result.snapshotId = s;
    const qint64 assetsBefore = db.queryInt("SELECT count(*) FROM asset");
    const qint64 edgesBefore = db.queryInt("SELECT count(*) FROM edge");

    result.observations = exec(db, "DELETE FROM observation_point WHERE snapshot_id = ?1", s);
    result.runResults = exec(db, "DELETE FROM run_result WHERE snapshot_id = ?1", s);
    QList<qint64> reshaped;
    {
        auto stmt = db.prepare("SELECT DISTINCT asset_id FROM schema_version WHERE snapshot_id = ?1");
        stmt.bind(1, s);
        while (stmt.step())
            reshaped.append(stmt.int64(0));
    }
    result.schemaVersions = exec(db, "DELETE FROM schema_version WHERE snapshot_id = ?1", s);

    QStringList sources;
    {
        auto stmt = db.prepare("SELECT source FROM snapshot_source WHERE snapshot_id = ?1");
        stmt.bind(1, s);
        while (stmt.step())
            sources.append(stmt.text(0));
    }
    const auto& assets = ReportedEntity::assets();
    const auto& edges = ReportedEntity::edges();
    QSet<qint64> touchedAssets;
    QSet<qint64> touchedEdges;
    for (const auto& source : std::as_const(sources)) {
        const auto previous = optionalInt(
            db, "SELECT max(snapshot_id) FROM snapshot_source WHERE source = ?2 AND snapshot_id < ?1", s, source);
        const auto next = optionalInt(
            db, "SELECT min(snapshot_id) FROM snapshot_source WHERE source = ?2 AND snapshot_id > ?1", s, source);
        touchedAssets.unite(rewriteReports(db, assets, s, source, previous, next));
        touchedEdges.unite(rewriteReports(db, edges, s, source, previous, next));
    }
    result.unretiredAssets = settleEntities(db, assets, s, touchedAssets);
    result.unretiredEdges = settleEntities(db, edges, s, touchedEdges);
    restoreColumns(db, reshaped);

    // Column edges remember only the snapshot that first reported them: they stay while their
    // table-level edge is still reported, and are then dated by that edge.
    result.columnEdges = exec(db,
                              "DELETE FROM column_edge WHERE snapshot_id = ?1 AND NOT EXISTS (SELECT 1 FROM edge e "
                              "WHERE e.from_asset = column_edge.from_asset AND e.to_asset = column_edge.to_asset)",
                              s);
    exec(db,
         "UPDATE column_edge SET snapshot_id = (SELECT e.first_snapshot FROM edge e WHERE e.from_asset = "
         "column_edge.from_asset AND e.to_asset = column_edge.to_asset) WHERE snapshot_id = ?1",
         s);

    exec(db, "DELETE FROM snapshot WHERE id = ?1", s); // snapshot_source goes with it
    result.assets = int(assetsBefore - db.queryInt("SELECT count(*) FROM asset"));
    // Observation points have no foreign keys (a cascade would scan them per deleted asset):
    // those of deleted assets go in one pass, then days left without points.
    if (result.assets > 0)
        db.exec("DELETE FROM observation_point WHERE asset_id NOT IN (SELECT id FROM asset)");
    db.exec("DELETE FROM observation_day WHERE NOT EXISTS (SELECT 1 FROM observation_point p WHERE p.day = "
            "observation_day.day)");
    result.edges = int(edgesBefore - db.queryInt("SELECT count(*) FROM edge"));
    if (commit)
        transaction.commit();
    return result;
}

} // namespace

SnapshotRemoval removeSnapshot(sql::Database& db, qint64 snapshotId)
{
    return removeOrPreview(db, snapshotId, true);
}

SnapshotRemoval previewSnapshotRemoval(sql::Database& db, qint64 snapshotId)
{
    return removeOrPreview(db, snapshotId, false);
}

} // namespace sightline
