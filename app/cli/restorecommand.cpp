#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "store/workspace.h"
#include "store/workspacebackups.h"

#include <QFile>
#include <QFileInfo>

namespace sightline::cli {

// `sightline restore WORKSPACE [--backup FILE]`: what the desktop's "Open Backup" does, for a
// damaged workspace: the backup is copied to a new file beside the workspace and the copy is
// upgraded (taking its own backup). Neither the backup nor the workspace is written.
int runRestore(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("restore"), QStringLiteral("[--backup FILE] WORKSPACE"),
        QStringLiteral("Continues from a backup of WORKSPACE (one Sightline made before upgrading it, newest\n"
                       "first; see 'sightline restore --list'): copies it to a new file beside WORKSPACE,\n"
                       "NAME.restored-YYYYMMDD-HHMMSS.sightline (UTC), brings the copy to the current format and\n"
                       "prints its path. WORKSPACE, damaged or not, and the backup are only read."));
    const QCommandLineOption backupOption(
        QStringLiteral("backup"), QStringLiteral("Restore FILE instead of the newest backup."), QStringLiteral("FILE"));
    const QCommandLineOption listOption(QStringLiteral("list"),
                                        QStringLiteral("List the backups (newest first) and restore nothing."));
    parser.addOption(backupOption);
    parser.addOption(listOption);
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() != 1)
        return parser.usageError(QStringLiteral("expected one WORKSPACE"));
    const QString path = QFileInfo(positional.first()).absoluteFilePath();

    const QList<BackupInfo> backups = describeBackups(path);
    if (parser.isSet(listOption)) {
        QList<QStringList> rows {{QStringLiteral("BACKUP"), QStringLiteral("MADE"), QStringLiteral("FORMAT"),
                                  QStringLiteral("SNAPSHOTS"), QStringLiteral("ASSETS"), QStringLiteral("INCIDENTS"),
                                  QStringLiteral("EVENTS")}};
        const auto count = [](qint64 n) { return n < 0 ? QString() : QString::number(n); };
        for (const BackupInfo& b : backups) {
            rows.append({b.path, b.madeAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                         b.problem.isEmpty() ? QString::number(b.schemaVersion) : QStringLiteral("unreadable"),
                         count(b.snapshots), count(b.assets), count(b.incidents), count(b.incidentEvents)});
        }
        if (backups.isEmpty())
            writeOut(QStringLiteral("%1: no backups\n").arg(positional.first()));
        else
            writeOut(formatTable(rows) + u'\n');
        return ExitCode::Ok;
    }

    QString backup = parser.value(backupOption);
    if (backup.isEmpty()) {
        if (backups.isEmpty()) {
            printError(QStringLiteral("%1: no backup of this workspace (Sightline makes one, %2.v<format>.bak, "
                                      "before each upgrade)")
                           .arg(positional.first(), QFileInfo(path).fileName()));
            return ExitCode::WorkspaceProblem;
        }
        backup = backups.first().path;
    } else if (!QFileInfo(backup).isFile()) {
        printError(QStringLiteral("%1: no such backup").arg(backup));
        return ExitCode::BadInput;
    }

    QString copy;
    try {
        copy = restoreBackup(backup, restoredCopyPath(path));
        // Upgrading the copy takes a backup of the copy first, as every upgrade does.
        Workspace::open(copy, Workspace::OpenMode::ReadWrite);
    } catch (const WorkspaceError& e) {
        // A copy that cannot be opened is of no use to anyone; it is ours, made just now.
        if (!copy.isEmpty()) {
            for (const QString& file :
                 QStringList {copy, QString(copy + QStringLiteral("-wal")), QString(copy + QStringLiteral("-shm"))})
                QFile::remove(file);
            for (const QString& own : Workspace::backups(copy))
                QFile::remove(own);
        }
        printError(QStringLiteral("%1: cannot restore it: %2").arg(backup, e.message()));
        return ExitCode::WorkspaceProblem;
    }
    const BackupInfo made = describeBackup(backup);
    writeOut(QStringLiteral("%1: restored from %2 (format %3, made %4); %5 was left as it is\n")
                 .arg(copy, backup)
                 .arg(made.schemaVersion)
                 .arg(made.madeAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")), positional.first()));
    return ExitCode::Ok;
}

} // namespace sightline::cli
