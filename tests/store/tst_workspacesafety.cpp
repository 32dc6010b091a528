#include "store/schema.h"
#include "store/workspace.h"

#include "testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace sightline;

namespace {

// A workspace as an older Sightline left it: the first `version` migrations, with one asset.
void writeOldWorkspace(const QString& path, int version, const char* assetKey = "proj.ds.kept")
{
    sql::Database db = test::createOldWorkspace(path, version);
    auto insert = db.prepare("INSERT INTO asset (key, kind, platform, name) VALUES (?1, 'table', 'bigquery', 'kept')");
    insert.bind(1, QString::fromLatin1(assetKey));
    insert.exec();
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

qint64 versionOf(const QString& path)
{
    sql::Database db(path, sql::Database::Mode::ReadOnly);
    return db.queryInt("PRAGMA user_version");
}

qint64 assetsIn(const QString& path)
{
    sql::Database db(path, sql::Database::Mode::ReadOnly);
    return db.queryInt("SELECT count(*) FROM asset");
}

// An up-to-date workspace with one asset, checkpointed into the main file.
QString currentWorkspace(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('proj.ds.a', 'table', 'bigquery', 'a')");
    return path;
}

} // namespace

// A copy before every migration, a clear error for a damaged file that names that copy, and a
// newer workspace that is never written to.
class TestWorkspaceSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backsUpBeforeMigrating_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 1; v < schema::currentVersion(); ++v)
            QTest::addRow("v%d", v) << v;
    }
    void backsUpBeforeMigrating()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        const QString path = dir.filePath("old.sightline");
        writeOldWorkspace(path, from);
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
            QCOMPARE(ws->schemaVersion(), schema::currentVersion());
            QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset WHERE key = 'proj.ds.kept'"), 1);
        }
        const QString backup = path + QStringLiteral(".v%1.bak").arg(from);
        QCOMPARE(Workspace::backups(path), QStringList {backup});
        // The copy is the old workspace as it was, content included, and is itself consistent.
        QCOMPARE(versionOf(backup), from);
        QCOMPARE(assetsIn(backup), 1);
        sql::Database copy(backup, sql::Database::Mode::ReadOnly);
        auto check = copy.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));

        // Up to date now: opening again copies nothing.
        Workspace::open(path, Workspace::OpenMode::ReadWrite);
        QCOMPARE(Workspace::backups(path).size(), 1);
    }

    // A copy is never overwritten: the second upgrade of a file with the same old version (say,
    // the user restored the copy and worked on with the old Sightline) gets a name of its own.
    void neverOverwritesACopy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("old.sightline");
        writeOldWorkspace(path, 2, "proj.ds.first");
        Workspace::open(path, Workspace::OpenMode::ReadWrite);
        const QByteArray firstCopy = fileBytes(path + QStringLiteral(".v2.bak"));
        QVERIFY(!firstCopy.isEmpty());
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        writeOldWorkspace(path, 2, "proj.ds.second");
        Workspace::open(path, Workspace::OpenMode::ReadWrite);
        QCOMPARE(fileBytes(path + QStringLiteral(".v2.bak")), firstCopy);
        const QString second = path + QStringLiteral(".v2-2.bak");
        QVERIFY(QFileInfo::exists(second));
        sql::Database db(second, sql::Database::Mode::ReadOnly);
        QCOMPARE(db.queryInt("SELECT count(*) FROM asset WHERE key = 'proj.ds.second'"), 1);
    }

    void noCopyWithoutMigration()
    {
        QTemporaryDir dir;
        const QString path = currentWorkspace(dir, "new.sightline");
        Workspace::open(path, Workspace::OpenMode::ReadWrite);
        Workspace::open(path, Workspace::OpenMode::ReadOnly);
        // An old workspace opened read-only is refused, not upgraded, and not copied.
        const QString old = dir.filePath("old.sightline");
        writeOldWorkspace(old, 1);
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace::open(old, Workspace::OpenMode::ReadOnly));
        QCOMPARE(QDir(dir.path()).entryList({"*.bak"}, QDir::Files), QStringList());
        QCOMPARE(versionOf(old), 1);
    }

    // Without a copy there is no upgrade: a folder that cannot take the copy leaves the file at
    // its old version, with an error that says so.
    void noUpgradeWithoutCopy()
    {
        if (::geteuid() == 0)
            QSKIP("root writes into read-only folders");
        QTemporaryDir dir;
        const QString sub = dir.filePath("ro");
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/old.sightline");
        writeOldWorkspace(path, 3);
        // Close the writer's WAL into the file first, so that the read-only folder needs no new file.
        {
            sql::Database db(path, sql::Database::Mode::ReadWrite);
            db.exec("PRAGMA journal_mode = DELETE");
        }
        QVERIFY(QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        try {
            Workspace::open(path, Workspace::OpenMode::ReadWrite);
            QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QFAIL("upgraded without a copy");
        } catch (const WorkspaceError& e) {
            QCOMPARE(e.reason(), WorkspaceError::Reason::Io);
            QVERIFY2(e.message().contains(QStringLiteral("cannot back up")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("left unchanged")), qPrintable(e.message()));
        }
        QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(versionOf(path), 3);
        QCOMPARE(QDir(sub).entryList({"*.bak"}, QDir::Files), QStringList());
    }

    // Damage that SQLite sees when it opens the file or reads its schema.
    void damagedFileIsCorrupt_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("withCopy");
        QTest::addColumn<int>("reason");
        const int corrupt = int(WorkspaceError::Reason::Corrupt);
        // Bytes 100.. of page 1 are the root of sqlite_schema.
        QTest::addRow("schema page zeroed") << qint64(100) << QByteArray(3996, '\0') << false << corrupt;
        QTest::addRow("schema page zeroed, copy beside") << qint64(100) << QByteArray(3996, '\0') << true << corrupt;
        // Page size 3 is invalid: SQLite calls the file "not a database", but it starts like one.
        QTest::addRow("header page size") << qint64(16) << QByteArray("\x00\x03", 2) << false << corrupt;
        // Without the magic a file is only known as ours by the copy beside it.
        QTest::addRow("magic overwritten, copy beside") << qint64(0) << QByteArray(16, 'x') << true << corrupt;
        QTest::addRow("magic overwritten")
            << qint64(0) << QByteArray(16, 'x') << false << int(WorkspaceError::Reason::NotAWorkspace);
    }
    void damagedFileIsCorrupt()
    {
        QFETCH(qint64, offset);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, withCopy);
        QFETCH(int, reason);
        QTemporaryDir dir;
        QString path;
        if (withCopy) {
            path = dir.filePath("ws.sightline");
            writeOldWorkspace(path, 1);
            Workspace::open(path, Workspace::OpenMode::ReadWrite);
        } else {
            path = currentWorkspace(dir, "ws.sightline");
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QVERIFY(writeBytes(path, offset, bytes));
        const QByteArray damaged = fileBytes(path);
        for (auto mode : {Workspace::OpenMode::ReadWrite, Workspace::OpenMode::ReadOnly, Workspace::OpenMode::Create}) {
            try {
                Workspace::open(path, mode);
                QFAIL("opened a damaged workspace");
            } catch (const WorkspaceError& e) {
                QVERIFY2(int(e.reason()) == reason, qPrintable(e.message()));
                QVERIFY2(e.message().startsWith(path + QStringLiteral(": ")), qPrintable(e.message()));
                if (reason == int(WorkspaceError::Reason::Corrupt))
                    QVERIFY2(e.message().contains(QStringLiteral("workspace is damaged")), qPrintable(e.message()));
                QCOMPARE(e.message().contains(path + QStringLiteral(".v1.bak")), withCopy);
            }
        }
        // Refused before anything was written.
        QCOMPARE(fileBytes(path), damaged);
    }

    // A workspace of a newer Sightline is refused in every mode, also by `sightline import`, and
    // its bytes stay as they were: no upgrade, no copy, no write-ahead log.
    void newerVersionIsNeverWritten()
    {
        QTemporaryDir dir;
        const QString path = currentWorkspace(dir, "newer.sightline");
        {
            sql::Database db(path, sql::Database::Mode::ReadWrite);
            db.exec("PRAGMA user_version = " + std::to_string(schema::currentVersion() + 1));
            db.exec("PRAGMA journal_mode = DELETE");
        }
        const QByteArray before = fileBytes(path);
        for (auto mode : {Workspace::OpenMode::ReadWrite, Workspace::OpenMode::ReadOnly, Workspace::OpenMode::Create}) {
            try {
                Workspace::open(path, mode);
                QFAIL("opened a newer workspace");
            } catch (const WorkspaceError& e) {
                QCOMPARE(e.reason(), WorkspaceError::Reason::NewerVersion);
            }
        }
        const QString input = dir.filePath("in.json");
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"sightline-snapshot\", \"version\": 1, \"source\": \"s\", \"assets\": []}");
        f.close();
        QProcess p;
        p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"), {"import", path, input});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 3);
        QVERIFY(p.readAllStandardError().contains("newer than this Sightline understands"));
        QCOMPARE(fileBytes(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QCOMPARE(QDir(dir.path()).entryList({"*.bak"}, QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceSafety)
#include "tst_workspacesafety.moc"
