#include "workspace.h"

#include "core/logging.h"
#include "store/schema.h"
#include "store/workspacebackups.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace sightline {

WorkspaceError::WorkspaceError(Reason reason, const QString& message, const QString& detail)
    : std::runtime_error(message.toStdString())
    , m_reason(reason)
    , m_detail(detail)
{
}

QDateTime fromStoredTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

qint64 toStoredTime(const QDateTime& time)
{
    return time.toMSecsSinceEpoch();
}

namespace {

constexpr int kBusyTimeoutMs = 10000;

// The first 16 bytes of every SQLite database file.
bool looksLikeSqlite(const QString& path)
{
    // Read through a separate descriptor that is closed again at once; this runs before any
    // SQLite connection of ours has the file open (see checkFileHeader on why that matters).
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3", 16);
}

// One line for the command line too: what is wrong, the newest copy, and the exact command that
// puts a copy of it beside the damaged file (never the copy itself: it must stay as it is).
WorkspaceError corruptError(const QString& path, const QString& detail)
{
    const QStringList copies = Workspace::backups(path);
    QString message = QStringLiteral("%1: workspace is damaged (%2)").arg(path, detail);
    if (!copies.isEmpty()) {
        const BackupInfo copy = describeBackup(copies.first());
        message += QStringLiteral("; a copy made before its last upgrade is %1 (format %2, made %3); to continue "
                                  "from a copy of it: sightline restore %4")
                       .arg(copy.path)
                       .arg(copy.schemaVersion)
                       .arg(copy.madeAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")), shellQuoted(path));
    }
    return WorkspaceError(WorkspaceError::Reason::Corrupt, message, detail);
}

// Reads the header's application_id and user_version through a read-only SQLite handle, which
// writes nothing (a foreign file is never touched) and sees a header still in the WAL. Not with
// QFile: closing any descriptor of a file drops every POSIX lock this process holds on it,
// SQLite's included; another process then took itself for the last connection when it closed,
// checkpointed and deleted the WAL and -shm under our open connections, which from then on read
// a stale, private WAL index (the GUI's watcher never saw a command-line import again).
// SQLite's own close keeps the descriptor open while other connections of the process hold locks.
void checkFileHeader(const QString& path)
{
    qint64 appId = 0;
    qint64 version = 0;
    try {
        sql::Database db(path, sql::Database::Mode::ReadOnly);
        db.setBusyTimeout(kBusyTimeoutMs);
        appId = db.queryInt("PRAGMA application_id");
        version = db.queryInt("PRAGMA user_version");
    } catch (const sql::Error& e) {
        const int primary = e.code() & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
            // A file we once backed up, or one that still starts like an SQLite database, was a
            // workspace and is damaged; anything else is simply not ours.
            if (primary == SQLITE_CORRUPT || looksLikeSqlite(path) || !Workspace::backups(path).isEmpty())
                throw corruptError(path, e.message());
            throw WorkspaceError(WorkspaceError::Reason::NotAWorkspace,
                                 QStringLiteral("%1: not a Sightline workspace (not an SQLite database)").arg(path));
        }
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            throw WorkspaceError(WorkspaceError::Reason::Locked,
                                 QStringLiteral("%1: workspace is busy (locked by another process)").arg(path));
        }
        throw WorkspaceError(WorkspaceError::Reason::Io, QStringLiteral("%1: cannot read: %2").arg(path, e.message()));
    }
    if (quint32(appId) != quint32(schema::kApplicationId)) {
        throw WorkspaceError(
            WorkspaceError::Reason::NotAWorkspace,
            QStringLiteral("%1: not a Sightline workspace (an SQLite database of another application)").arg(path));
    }
    if (version > schema::currentVersion()) {
        throw WorkspaceError(WorkspaceError::Reason::NewerVersion,
                             QStringLiteral("%1: workspace format %2 is newer than this Sightline understands (%3); "
                                            "open it with a newer Sightline")
                                 .arg(path)
                                 .arg(version)
                                 .arg(schema::currentVersion()));
    }
}

WorkspaceError fromSqlError(const QString& path, const sql::Error& e)
{
    const int primary = e.code() & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return WorkspaceError(WorkspaceError::Reason::Locked,
                              QStringLiteral("%1: workspace is busy (locked by another process)").arg(path));
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return corruptError(path, e.message());
    return WorkspaceError(WorkspaceError::Reason::Io, QStringLiteral("%1: %2").arg(path, e.message()));
}

// Copies the database as this connection sees it (WAL included) to a new file beside it, through
// SQLite's backup API: "<file>.v<version>.bak", or "<file>.v<version>-<n>.bak" when taken. An
// existing copy is never overwritten: it may hold the only trace of work done since.
QString backUp(sql::Database& db, const QString& path, int version)
{
    QString target = QStringLiteral("%1.v%2.bak").arg(path).arg(version);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = QStringLiteral("%1.v%2-%3.bak").arg(path).arg(version).arg(n);
    int rc = SQLITE_OK;
    QString detail;
    try {
        sql::Database copy(target, sql::Database::Mode::ReadWriteCreate);
        sqlite3_backup* backup = sqlite3_backup_init(copy.handle(), "main", db.handle(), "main");
        if (!backup) {
            rc = sqlite3_errcode(copy.handle());
            detail = QString::fromUtf8(sqlite3_errmsg(copy.handle()));
        } else {
            rc = sqlite3_backup_step(backup, -1);
            const int finished = sqlite3_backup_finish(backup);
            rc = rc == SQLITE_DONE ? finished : rc;
            if (rc != SQLITE_OK)
                detail = QString::fromUtf8(sqlite3_errstr(rc));
        }
    } catch (const sql::Error& e) {
        rc = e.code();
        detail = e.message();
    }
    if (rc != SQLITE_OK) {
        QFile::remove(target);
        QFile::remove(target + QStringLiteral("-journal"));
        throw WorkspaceError(WorkspaceError::Reason::Io,
                             QStringLiteral("%1: cannot back up the workspace to %2 before upgrading it from format "
                                            "%3 (%4); it was left unchanged")
                                 .arg(path, target)
                                 .arg(version)
                                 .arg(detail));
    }
    qCInfo(lcStore, "%s: backed up to %s before upgrading from format %d", qPrintable(path), qPrintable(target),
           version);
    return target;
}

void migrate(sql::Database& db, const QString& path)
{
    const int from = int(db.queryInt("PRAGMA user_version"));
    const auto& steps = schema::migrations();
    if (from >= int(steps.size()))
        return;
    // Only an existing workspace has anything to lose (version 0 is a file being created).
    if (from > 0)
        backUp(db, path, from);
    sql::Transaction tx(db);
    // Read again under the write lock: another process may have upgraded it meanwhile.
    for (int version = int(db.queryInt("PRAGMA user_version")); version < int(steps.size()); ++version) {
        db.exec(steps[size_t(version)]);
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
    }
    db.exec("PRAGMA application_id = " + std::to_string(schema::kApplicationId));
    tx.commit();
}

QStringList jsonToList(const QString& text)
{
    QStringList out;
    if (text.isEmpty())
        return out;
    const auto array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const auto& value : array)
        out.append(value.toString());
    return out;
}

} // namespace

Workspace::Workspace(QString path, sql::Database db)
    : m_path(std::move(path))
    , m_db(std::move(db))
{
}

std::unique_ptr<Workspace> Workspace::open(const QString& path, OpenMode mode)
{
    const QFileInfo info(path);
    const bool fresh = !info.exists() || info.size() == 0;
    if (fresh && mode != OpenMode::Create) {
        throw WorkspaceError(info.exists() ? WorkspaceError::Reason::NotAWorkspace : WorkspaceError::Reason::Io,
                             info.exists() ? QStringLiteral("%1: not a Sightline workspace (empty file)").arg(path)
                                           : QStringLiteral("%1: no such workspace").arg(path));
    }
    if (!fresh)
        checkFileHeader(path);

    try {
        const auto sqlMode =
            mode == OpenMode::ReadOnly ? sql::Database::Mode::ReadOnly : sql::Database::Mode::ReadWriteCreate;
        sql::Database db(path, sqlMode);
        db.setBusyTimeout(kBusyTimeoutMs);
        if (mode != OpenMode::ReadOnly) {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = NORMAL");
        }
        db.exec("PRAGMA foreign_keys = ON");
        db.exec("PRAGMA cache_size = " + std::to_string(kCacheSizePragma));
        if (mode != OpenMode::ReadOnly) {
            migrate(db, path);
        } else if (db.queryInt("PRAGMA user_version") < schema::currentVersion()) {
            throw WorkspaceError(WorkspaceError::Reason::Io,
                                 QStringLiteral("%1: workspace needs an upgrade; open it writable once").arg(path));
        }
        // Reading the schema touches the pages every statement needs: a file damaged there is
        // reported now, as damaged, rather than by the first query that trips over it.
        db.queryInt("SELECT count(*) FROM sqlite_schema");
        return std::unique_ptr<Workspace>(new Workspace(path, std::move(db)));
    } catch (const sql::Error& e) {
        throw fromSqlError(path, e);
    }
}

QStringList Workspace::backups(const QString& path)
{
    const QFileInfo info(path);
    const QFileInfoList copies =
        QDir(info.absolutePath()).entryInfoList({info.fileName() + QStringLiteral(".v*.bak")}, QDir::Files, QDir::Time);
    QStringList out;
    for (const auto& copy : copies)
        out.append(copy.filePath());
    return out;
}

int Workspace::schemaVersion()
{
    return int(m_db.queryInt("PRAGMA user_version"));
}

static constexpr std::string_view kAssetColumns =
    "id, key, kind, platform, name, description, tags, owner, team, channel, url, database_name, schema_name, "
    "systems, retired_snapshot IS NOT NULL";

Asset Workspace::readAsset(sql::Statement& stmt) const
{
    Asset a;
    a.id = stmt.int64(0);
    a.key = stmt.text(1);
    a.kind = kindFromName(stmt.text(2)).value_or(AssetKind::Table);
    a.platform = stmt.text(3);
    a.name = stmt.text(4);
    a.description = stmt.text(5);
    a.tags = jsonToList(stmt.text(6));
    a.owner = stmt.text(7);
    a.team = stmt.text(8);
    a.channel = stmt.text(9);
    a.url = stmt.text(10);
    a.database = stmt.text(11);
    a.schema = stmt.text(12);
    a.systems = jsonToList(stmt.text(13));
    a.retired = stmt.int64(14) != 0;
    return a;
}

QList<Asset> Workspace::assets(bool includeRetired)
{
    std::string sql = "SELECT " + std::string(kAssetColumns) + " FROM asset";
    if (!includeRetired)
        sql += " WHERE retired_snapshot IS NULL";
    sql += " ORDER BY key";
    auto stmt = m_db.prepare(sql);
    QList<Asset> out;
    while (stmt.step())
        out.append(readAsset(stmt));
    return out;
}

std::optional<Asset> Workspace::asset(const QString& key)
{
    auto stmt = m_db.prepare("SELECT " + std::string(kAssetColumns) + " FROM asset WHERE key = ?1");
    stmt.bind(1, key);
    if (!stmt.step()) {
        // Another system's name for it (a Looker dashboard merged into its dbt exposure).
        stmt = m_db.prepare("SELECT " + std::string(kAssetColumns)
                            + " FROM asset WHERE id = (SELECT asset_id FROM asset_alias WHERE alias = ?1)");
        stmt.bind(1, key);
        if (!stmt.step())
            return std::nullopt;
    }
    Asset a = readAsset(stmt);
    auto cols = m_db.prepare(
        "SELECT name, type, ordinal, description FROM asset_column WHERE asset_id = ?1 ORDER BY ordinal, name");
    cols.bind(1, a.id);
    while (cols.step())
        a.columns.append(Column {cols.text(0), cols.text(1), int(cols.int64(2)), cols.text(3)});
    return a;
}

QList<Edge> Workspace::edges(bool includeRetired)
{
    std::string sql =
        "SELECT f.key, t.key FROM edge e JOIN asset f ON f.id = e.from_asset JOIN asset t ON t.id = e.to_asset";
    if (!includeRetired)
        sql += " WHERE e.retired_snapshot IS NULL AND f.retired_snapshot IS NULL AND t.retired_snapshot IS NULL";
    sql += " ORDER BY f.key, t.key";
    auto stmt = m_db.prepare(sql);
    QList<Edge> out;
    while (stmt.step())
        out.append(Edge {stmt.text(0), stmt.text(1)});
    return out;
}

QList<SnapshotInfo> Workspace::snapshots()
{
    auto stmt = m_db.prepare("SELECT id, format, source_path, content_hash, captured_at, imported_at, asset_count, "
                             "edge_count, column_count, "
                             "observation_count, (SELECT group_concat(source, ' ') FROM snapshot_source s WHERE "
                             "s.snapshot_id = snapshot.id) "
                             "FROM snapshot ORDER BY id");
    QList<SnapshotInfo> out;
    while (stmt.step()) {
        SnapshotInfo s;
        s.id = stmt.int64(0);
        s.format = stmt.text(1);
        s.sourcePath = stmt.text(2);
        s.contentHash = stmt.text(3);
        if (!stmt.isNull(4))
            s.capturedAt = fromStoredTime(stmt.int64(4));
        s.importedAt = fromStoredTime(stmt.int64(5));
        s.assetCount = int(stmt.int64(6));
        s.edgeCount = int(stmt.int64(7));
        s.columnCount = int(stmt.int64(8));
        s.observationCount = int(stmt.int64(9));
        s.sources = stmt.text(10).split(u' ', Qt::SkipEmptyParts);
        out.append(s);
    }
    return out;
}

WorkspaceCounts Workspace::counts()
{
    WorkspaceCounts c;
    c.assets = int(m_db.queryInt("SELECT count(*) FROM asset WHERE retired_snapshot IS NULL"));
    c.retiredAssets = int(m_db.queryInt("SELECT count(*) FROM asset WHERE retired_snapshot IS NOT NULL"));
    c.edges = int(m_db.queryInt("SELECT count(*) FROM edge WHERE retired_snapshot IS NULL"));
    c.snapshots = int(m_db.queryInt("SELECT count(*) FROM snapshot"));
    return c;
}

QDateTime Workspace::dataTime()
{
    auto stmt =
        m_db.prepare("SELECT max(m) FROM (SELECT max(captured_at) AS m FROM snapshot UNION ALL SELECT max(at) FROM "
                     "observation_point WHERE day = (SELECT max(day) FROM observation_day))");
    if (stmt.step() && !stmt.isNull(0))
        return fromStoredTime(stmt.int64(0));
    return {};
}

} // namespace sightline
