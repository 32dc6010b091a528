#pragma once

#include "core/asset.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <stdexcept>

namespace sightline {

// A problem with the workspace file itself (exit code 3 on the command line).
class WorkspaceError : public std::runtime_error
{
public:
    enum class Reason
    {
        NotAWorkspace,
        NewerVersion,
        Locked,
        Corrupt,
        Io,
    };
    // detail: what is wrong, without the path or advice (a damaged file: SQLite's words).
    WorkspaceError(Reason reason, const QString& message, const QString& detail = {});
    Reason reason() const
    {
        return m_reason;
    }
    QString message() const
    {
        return QString::fromUtf8(what());
    }
    QString detail() const
    {
        return m_detail;
    }

private:
    Reason m_reason;
    QString m_detail;
};

struct SnapshotInfo
{
    qint64 id = 0;
    QString format;
    QString sourcePath;
    QString contentHash;
    QDateTime capturedAt;
    QDateTime importedAt;
    int assetCount = 0;
    int edgeCount = 0;
    int columnCount = 0;
    int observationCount = 0;
    QStringList sources;
};

struct WorkspaceCounts
{
    int assets = 0;
    int retiredAssets = 0;
    int edges = 0;
    int snapshots = 0;
};

// One open workspace file (one SQLite connection). Use one instance per thread.
class Workspace
{
public:
    // PRAGMA cache_size of every connection (KiB when negative): an import's transaction
    // touches the asset, edge and report tables all over and one day of observations; with
    // SQLite's default 2 MB they are evicted and re-read many times per capture. Pages are
    // allocated as used, so a small workspace costs no more.
    static constexpr int kCacheSizePragma = -65536;

    enum class OpenMode
    {
        ReadWrite, // must exist and be a workspace
        Create, // open or create
        ReadOnly,
    };

    // Throws WorkspaceError. A file that is not a workspace, or is from a newer version, is
    // refused before anything is written to it.
    // Opening an existing workspace of an older format read-write first copies it to
    // "<file>.v<old version>.bak" (see backups()), then upgrades it; without the copy it is not
    // upgraded (WorkspaceError::Io). A damaged file gives WorkspaceError::Corrupt, whose message
    // names the newest such copy if there is one, with the command that copies it to a new file
    // (see workspacebackups.h).
    static std::unique_ptr<Workspace> open(const QString& path, OpenMode mode);
    // The copies made before upgrades of the workspace at path, newest first.
    static QStringList backups(const QString& path);

    QString path() const
    {
        return m_path;
    }
    sql::Database& db()
    {
        return m_db;
    }
    int schemaVersion();

    // Current (not retired) assets unless includeRetired; no columns (see asset()).
    QList<Asset> assets(bool includeRetired = false);
    // By key, or by an alias (another system's name for it); the asset comes with its own key.
    std::optional<Asset> asset(const QString& key);
    QList<Edge> edges(bool includeRetired = false);
    QList<SnapshotInfo> snapshots();
    WorkspaceCounts counts();
    // Data time: the newest capture in the workspace (never the wall clock); invalid if empty.
    QDateTime dataTime();

private:
    Workspace(QString path, sql::Database db);
    Asset readAsset(sql::Statement& stmt) const;
    QString m_path;
    sql::Database m_db;
};

// Milliseconds since the epoch <-> QDateTime (UTC), as stored in every time column.
QDateTime fromStoredTime(qint64 ms);
qint64 toStoredTime(const QDateTime& time);

} // namespace sightline
