#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace sightline {

// A copy Workspace::open made before upgrading a workspace (see Workspace::backups()), as the
// offer to open it shows it: enough to choose between several and to know what one would get.
struct BackupInfo
{
    QString path;
    QDateTime madeAt; // when the copy was written (the file's modification time), UTC
    int schemaVersion = 0; // the workspace format of the copy (0: unreadable)
    // What it holds; -1 when the copy cannot be read (then problem says why).
    qint64 snapshots = -1;
    qint64 assets = -1;
    qint64 incidents = -1;
    qint64 incidentEvents = -1; // statuses, assignments and comments: the team's triage notes
    QString problem;
};

// Reads one copy through a read-only connection: describing a copy never changes it.
BackupInfo describeBackup(const QString& backupPath);
// Every copy of the workspace at path, newest first.
QList<BackupInfo> describeBackups(const QString& workspacePath);

// Where a backup of the damaged workspace at damagedPath is restored to: a new file beside it,
// "<name>.restored-<yyyyMMdd-HHmmss, UTC>.<suffix>" ("estate.sightline" ->
// "estate.restored-20261126-070102.sightline"). It keeps the workspace suffix (file dialogs, the
// desktop's file type), says where it came from and when, and sorts beside the damaged file.
QString restoredCopyPath(const QString& damagedPath, const QDateTime& at = QDateTime::currentDateTimeUtc());

// Copies backupPath byte for byte to targetPath, or to "<target name>-<n>.<suffix>" when that
// exists (nothing is ever overwritten), and returns the path written. The backup is only read;
// the damaged workspace is not touched. The copy is at the backup's (older) format: opening it
// read-write upgrades it, taking its own backup first. Throws WorkspaceError (Io).
QString restoreBackup(const QString& backupPath, const QString& targetPath);

// "'a b'" for a path the shell would split or expand; the path itself when it is safe as is.
QString shellQuoted(const QString& path);

} // namespace sightline
