#include "workspacebackups.h"

#include "store/sqlite.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>

namespace sightline {

namespace {

// The first column of the first row; -1 and *error set when the statement fails.
qint64 scalar(sql::Database& db, std::string_view statement, QString* error)
{
    if (!error->isEmpty())
        return -1;
    try {
        return db.queryInt(statement);
    } catch (const sql::Error& e) {
        *error = e.message();
        return -1;
    }
}

} // namespace

BackupInfo describeBackup(const QString& backupPath)
{
    BackupInfo info;
    info.path = backupPath;
    const QFileInfo file(backupPath);
    info.madeAt = file.lastModified().toUTC();
    if (!file.isFile() || !file.isReadable()) {
        info.problem = QStringLiteral("cannot read the file");
        return info;
    }
    // Immutable: a copy taken from a workspace in WAL mode says so in its header, and even a
    // read-only connection would then create "-wal" and "-shm" files beside it (and leave them).
    QString error;
    std::optional<sql::Database> db;
    try {
        db.emplace(backupPath, sql::Database::Mode::ReadOnlyImmutable);
    } catch (const sql::Error& e) {
        error = e.message();
    }
    if (db) {
        const qint64 version = scalar(*db, "PRAGMA user_version", &error);
        info.schemaVersion = version > 0 ? int(version) : 0;
        // Every workspace format has these tables; a file without them is not a usable copy.
        info.snapshots = scalar(*db, "SELECT count(*) FROM snapshot", &error);
        info.assets = scalar(*db, "SELECT count(*) FROM asset", &error);
        info.incidents = scalar(*db, "SELECT count(*) FROM incident", &error);
        info.incidentEvents = scalar(*db, "SELECT count(*) FROM incident_event", &error);
    }
    info.problem = error;
    if (info.problem.isEmpty() && info.schemaVersion == 0)
        info.problem = QStringLiteral("not a Sightline workspace");
    return info;
}

QList<BackupInfo> describeBackups(const QString& workspacePath)
{
    QList<BackupInfo> out;
    for (const QString& path : Workspace::backups(workspacePath))
        out.append(describeBackup(path));
    return out;
}

QString restoredCopyPath(const QString& damagedPath, const QDateTime& at)
{
    const QFileInfo info(damagedPath);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("sightline") : info.suffix();
    const QString base = info.suffix().isEmpty() ? info.fileName() : info.completeBaseName();
    return info.absoluteDir().filePath(
        QStringLiteral("%1.restored-%2.%3").arg(base, at.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")), suffix));
}

QString restoreBackup(const QString& backupPath, const QString& targetPath)
{
    const QFileInfo target(targetPath);
    QString path = target.absoluteFilePath();
    for (int n = 2; QFileInfo::exists(path) || QFileInfo::exists(path + QStringLiteral("-wal")); ++n)
        path = target.absoluteDir().filePath(
            QStringLiteral("%1-%2.%3").arg(target.completeBaseName()).arg(n).arg(target.suffix()));
    // QFile::copy writes a temporary file and renames it into place, and refuses an existing
    // target: a half-written copy never carries the name, and nothing is overwritten.
    QFile source(backupPath);
    if (!source.copy(path)) {
        throw WorkspaceError(
            WorkspaceError::Reason::Io,
            QStringLiteral("%1: cannot copy the backup to %2: %3").arg(backupPath, path, source.errorString()));
    }
    // The copy is the user's new workspace, whatever permissions the backup file had.
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QString shellQuoted(const QString& path)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./@%+=:,-]+$"));
    if (safe.match(path).hasMatch())
        return path;
    QString quoted = path;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return QString(QStringLiteral("'") + quoted + QStringLiteral("'"));
}

} // namespace sightline
