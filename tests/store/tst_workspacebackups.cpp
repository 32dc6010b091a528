#include "store/schema.h"
#include "store/workspace.h"
#include "store/workspacebackups.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace sightline;

namespace {

// A workspace as an older Sightline left it (the first `version` migrations), holding assetKey,
// one snapshot and one incident with two events.
void writeOldWorkspace(const QString& path, int version, const QString& assetKey)
{
    sql::Database db = test::createOldWorkspace(path, version);
    db.exec("INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('dbt-manifest', "
            "'manifest.json', 'h1', 1790000000000)");
    auto insert = db.prepare("INSERT INTO asset (key, kind, platform, name) VALUES (?1, 'table', 'bigquery', 'a')");
    insert.bind(1, assetKey);
    insert.exec();
    db.exec("INSERT INTO incident (detector, kind, asset_id, detected_at, window_start, window_end, explanation) "
            "VALUES ('volume.drop', 'volume', 1, 1, 1, 1, 'fell')");
    db.exec("INSERT INTO incident_event (incident_id, at, actor, type, new_value) VALUES (1, 2, 'ana', 'status', "
            "'acknowledged'), (1, 3, 'ana', 'comment', 'loader restarted')");
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString& path, qint64 at, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.seek(at) && f.write(bytes) == bytes.size();
}

// Upgrades an old workspace (which backs it up to "<path>.v<version>.bak"), adds an asset the
// backup does not have, then zeroes the schema page: a damaged workspace with one backup.
QString damagedWithBackup(const QString& path, int version)
{
    writeOldWorkspace(path, version, QStringLiteral("proj.ds.kept"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('proj.ds.later', 'table', 'bigquery', "
                      "'later')");
    }
    if (QFileInfo::exists(path + QStringLiteral("-wal")) || !writeBytes(path, 100, QByteArray(3996, '\0')))
        return {};
    return path + QStringLiteral(".v%1.bak").arg(version);
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run sightlineCli(const QStringList& args)
{
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"), args);
    Run run;
    if (!p.waitForFinished(60000))
        return run;
    run.exitCode = p.exitCode();
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

// Describing and restoring the copies made before upgrades: read only, never overwritten, and
// the command line's way from a damaged workspace to a working copy.
class TestWorkspaceBackups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void describesACopyWithoutTouchingIt()
    {
        QTemporaryDir dir;
        const QString backup = damagedWithBackup(dir.filePath("ws.sightline"), 2);
        QVERIFY(!backup.isEmpty());
        const QByteArray before = fileBytes(backup);
        const QStringList files = filesIn(dir.path());
        const BackupInfo info = describeBackup(backup);
        QCOMPARE(info.path, backup);
        QCOMPARE(info.problem, QString());
        QCOMPARE(info.schemaVersion, 2);
        QCOMPARE(info.snapshots, 1);
        QCOMPARE(info.assets, 1); // proj.ds.later came after the copy
        QCOMPARE(info.incidents, 1);
        QCOMPARE(info.incidentEvents, 2);
        QCOMPARE(info.madeAt, QFileInfo(backup).lastModified().toUTC());
        // The copy's header says WAL; a plain read-only connection would leave -wal and -shm here.
        QCOMPARE(fileBytes(backup), before);
        QCOMPARE(filesIn(dir.path()), files);

        const QList<BackupInfo> all = describeBackups(dir.filePath("ws.sightline"));
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().path, backup);
    }

    // The immutable connection names the file as a URI: characters URIs give meaning to must
    // still name the file.
    void describesACopyWithAnAwkwardName()
    {
        QTemporaryDir dir;
        const QString backup = damagedWithBackup(dir.filePath("ws.sightline"), 2);
        QVERIFY(!backup.isEmpty());
        const QString awkward = dir.filePath(QStringLiteral("a #b %41c ?d=1 é"));
        QVERIFY(QDir().mkpath(awkward));
        const QString moved = awkward + QStringLiteral("/ws.sightline.v2.bak");
        QVERIFY(QFile::copy(backup, moved));
        const BackupInfo info = describeBackup(moved);
        QCOMPARE(info.problem, QString());
        QCOMPARE(info.schemaVersion, 2);
        QCOMPARE(info.assets, 1);
        QCOMPARE(filesIn(awkward), QStringList {"ws.sightline.v2.bak"});
    }

    void describesAnUnreadableCopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("junk.sightline.v1.bak");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const BackupInfo info = describeBackup(path);
        QCOMPARE(info.schemaVersion, 0);
        QCOMPARE(info.assets, -1);
        QVERIFY2(info.problem.contains(QStringLiteral("not a database")), qPrintable(info.problem));
    }

    void restoredCopyNames_data()
    {
        QTest::addColumn<QString>("damaged");
        QTest::addColumn<QString>("restored");
        QTest::addRow("workspace suffix") << "estate.sightline"
                                          << "estate.restored-20261126-070102.sightline";
        QTest::addRow("dots in the name") << "team.estate.sightline"
                                          << "team.estate.restored-20261126-070102.sightline";
        QTest::addRow("no suffix") << "estate"
                                   << "estate.restored-20261126-070102.sightline";
        QTest::addRow("other suffix") << "estate.db"
                                      << "estate.restored-20261126-070102.db";
    }
    void restoredCopyNames()
    {
        QFETCH(QString, damaged);
        QFETCH(QString, restored);
        QTemporaryDir dir;
        // Local 08:01:02 at UTC+1 is 07:01:02 UTC: the name is in UTC.
        const QDateTime at(QDate(2026, 11, 26), QTime(8, 1, 2), QTimeZone(3600));
        QCOMPARE(restoredCopyPath(dir.filePath(damaged), at), dir.filePath(restored));
    }

    // Byte for byte, beside the damaged file, never over an existing file; the copy upgrades with
    // a backup of its own and the original backup stays as it was.
    void restoresToANewFile()
    {
        QTemporaryDir dir;
        const QString damaged = dir.filePath("ws.sightline");
        const QString backup = damagedWithBackup(damaged, 2);
        QVERIFY(!backup.isEmpty());
        const QByteArray backupBytes = fileBytes(backup);
        const QByteArray damagedBytes = fileBytes(damaged);
        const QString target = restoredCopyPath(damaged, QDateTime(QDate(2026, 11, 26), QTime(7, 1, 2), Qt::UTC));

        const QString first = restoreBackup(backup, target);
        QCOMPARE(first, target);
        QCOMPARE(fileBytes(first), backupBytes);
        const QString second = restoreBackup(backup, target);
        QCOMPARE(second, dir.filePath("ws.restored-20261126-070102-2.sightline"));
        QCOMPARE(fileBytes(first), backupBytes);

        {
            auto ws = Workspace::open(first, Workspace::OpenMode::ReadWrite);
            QCOMPARE(ws->schemaVersion(), schema::currentVersion());
            QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset WHERE key = 'proj.ds.kept'"), 1);
            QCOMPARE(ws->db().queryInt("SELECT count(*) FROM incident_event"), 2);
        }
        QCOMPARE(Workspace::backups(first), QStringList {first + QStringLiteral(".v2.bak")});
        QCOMPARE(fileBytes(backup), backupBytes);
        QCOMPARE(fileBytes(damaged), damagedBytes);
        // The damaged workspace still lists only its own copy.
        QCOMPARE(Workspace::backups(damaged), QStringList {backup});

        QVERIFY_THROWS_EXCEPTION(WorkspaceError, restoreBackup(dir.filePath("missing.bak"), target));
    }

    void shellQuoting_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("quoted");
        QTest::addRow("plain") << "/home/ana/estate.sightline"
                               << "/home/ana/estate.sightline";
        QTest::addRow("space") << "/home/ana/my estate.sightline"
                               << "'/home/ana/my estate.sightline'";
        QTest::addRow("quote") << "/tmp/ana's.sightline"
                               << "'/tmp/ana'\\''s.sightline'";
        QTest::addRow("dollar") << "/tmp/$HOME.sightline"
                                << "'/tmp/$HOME.sightline'";
    }
    void shellQuoting()
    {
        QFETCH(QString, path);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuoted(path), quoted);
    }

    // What the command line says about a damaged workspace, and that the command it names works:
    // one line with the backup, its format and date, and "sightline restore WORKSPACE".
    void commandLineNamesTheWayOut()
    {
        QTemporaryDir dir;
        const QString sub = dir.filePath("team estate");
        QVERIFY(QDir().mkpath(sub));
        const QString damaged = sub + QStringLiteral("/ws.sightline");
        const QString backup = damagedWithBackup(damaged, 3);
        QVERIFY(!backup.isEmpty());
        const QByteArray backupBytes = fileBytes(backup);
        const QByteArray damagedBytes = fileBytes(damaged);

        const Run assets = sightlineCli({"assets", damaged});
        QCOMPARE(assets.exitCode, 3);
        QCOMPARE(assets.out, QString());
        QCOMPARE(assets.err.count(u'\n'), 1);
        const QString made = QFileInfo(backup).lastModified().toUTC().toString("yyyy-MM-dd HH:mm 'UTC'");
        const QString expected = QStringLiteral("sightline: %1: workspace is damaged (");
        QVERIFY2(assets.err.startsWith(expected.arg(damaged)), qPrintable(assets.err));
        QVERIFY2(assets.err.endsWith(QStringLiteral("; a copy made before its last upgrade is %1 (format 3, made %2); "
                                                    "to continue from a copy of it: sightline restore '%3'\n")
                                         .arg(backup, made, damaged)),
                 qPrintable(assets.err));
        // Every command says the same.
        const Run incident = sightlineCli({"incident", damaged, "1", "--comment", "x"});
        QCOMPARE(incident.exitCode, 3);
        QCOMPARE(incident.err, assets.err);

        const Run list = sightlineCli({"restore", "--list", damaged});
        QCOMPARE(list.exitCode, 0);
        const QStringList lines = list.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        static const QRegularExpression columns(QStringLiteral("\\s{2,}"));
        QCOMPARE(lines.at(1).split(columns), QStringList({backup, made, "3", "1", "1", "1", "2"}));

        const Run restore = sightlineCli({"restore", damaged});
        QCOMPARE(restore.exitCode, 0);
        QCOMPARE(restore.err, QString());
        const QString copy = restore.out.section(QStringLiteral(": "), 0, 0);
        QVERIFY2(copy.startsWith(sub + QStringLiteral("/ws.restored-")) && copy.endsWith(QStringLiteral(".sightline")),
                 qPrintable(restore.out));
        QCOMPARE(restore.out,
                 QStringLiteral("%1: restored from %2 (format 3, made %3); %4 was left as it is\n")
                     .arg(copy, backup, made, damaged));
        // The copy is upgraded (its own backup taken) and readable by every command.
        QCOMPARE(Workspace::backups(copy), QStringList {copy + QStringLiteral(".v3.bak")});
        const Run copyAssets = sightlineCli({"assets", copy});
        QCOMPARE(copyAssets.exitCode, 0);
        QVERIFY2(copyAssets.out.contains(QStringLiteral("proj.ds.kept")), qPrintable(copyAssets.out));
        QVERIFY(!copyAssets.out.contains(QStringLiteral("proj.ds.later")));
        QCOMPARE(fileBytes(backup), backupBytes);
        QCOMPARE(fileBytes(damaged), damagedBytes);
    }

    void restoreWithoutBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("ws.sightline");
        Workspace::open(path, Workspace::OpenMode::Create);
        const QStringList before = filesIn(dir.path());
        const Run run = sightlineCli({"restore", path});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.err,
                 QStringLiteral("sightline: %1: no backup of this workspace (Sightline makes one, "
                                "ws.sightline.v<format>.bak, before each upgrade)\n")
                     .arg(path));
        QCOMPARE(filesIn(dir.path()), before);
        // A backup that is not a workspace: refused, and the copy made of it is removed again.
        const QString junk = dir.filePath("junk.bak");
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const Run bad = sightlineCli({"restore", "--backup", junk, path});
        QCOMPARE(bad.exitCode, 3);
        QVERIFY2(bad.err.startsWith(QStringLiteral("sightline: %1: cannot restore it: ").arg(junk)),
                 qPrintable(bad.err));
        QStringList expected = QStringList(before) << "junk.bak";
        expected.sort();
        QCOMPARE(filesIn(dir.path()), expected);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceBackups)
#include "tst_workspacebackups.moc"
