#include "store/changewatcher.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {

// The child mode of this executable: another process that imports into the workspace, as
// `sightline import` does (open, migrate if needed, one write transaction, close).
constexpr char kChildEnv[] = "SIGHTLINE_TST_CHANGEWATCHER_CHILD";

int childImport(const QString& path, int rows)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
    ws->db().exec("BEGIN IMMEDIATE"); // the CLI's lock probe: begins and rolls back, changes nothing
    ws->db().exec("ROLLBACK");
    sql::Transaction tx(ws->db());
    ws->db().exec("CREATE TABLE IF NOT EXISTS scratch (n INTEGER, payload TEXT)");
    auto insert = ws->db().prepare("INSERT INTO scratch (n, payload) VALUES (?1, ?2)");
    const QByteArray payload(200, 'x');
    for (int i = 0; i < rows; ++i)
        insert.bind(1, qint64(i)).bind(2, payload).exec();
    tx.commit();
    return 0;
}

// Runs this executable as the other process, polling the watcher (if any) every 10 ms while it
// runs, as the GUI's timer would; true when it committed and exited cleanly. *notified counts
// the notifications seen meanwhile.
bool runChild(const QString& path, int rows, ChangeWatcher* watcher = nullptr, int* notified = nullptr)
{
    QProcess child;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildEnv), path + u'\n' + QString::number(rows));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    if (!child.waitForStarted(10000))
        return false;
    while (!child.waitForFinished(10)) {
        if (child.state() == QProcess::NotRunning)
            break;
        if (watcher && watcher->poll() && notified)
            ++*notified;
    }
    const bool ok = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    if (!ok)
        qWarning("other process: %s", child.readAllStandardError().constData());
    return ok;
}

// Polls like the timer would, `times` times; returns how many notifications came.
int pollRepeatedly(ChangeWatcher& watcher, int times)
{
    int notified = 0;
    for (int i = 0; i < times; ++i) {
        if (watcher.poll())
            ++notified;
        QTest::qWait(20);
    }
    return notified;
}

} // namespace

class TestChangeWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void externalImportNotifiesOnce_data()
    {
        QTest::addColumn<int>("rows");
        // 20,000 rows of ~200 bytes: over 1,000 pages, so the commit is followed by an automatic
        // checkpoint that rewrites the database file (the file-stamp witness saw that as a
        // second change).
        QTest::addRow("small import") << 10;
        QTest::addRow("import with checkpoint") << 20000;
    }

    // One import by another process is one notification, however often we poll after it, while
    // the GUI's own connection stays open beside the watcher's.
    void externalImportNotifiesOnce()
    {
        QFETCH(int, rows);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sightline"));
        auto gui = Workspace::open(path, Workspace::OpenMode::Create);
        ChangeWatcher watcher;
        QVERIFY(watcher.watch(path));
        QSignalSpy changed(&watcher, &ChangeWatcher::changed);
        QCOMPARE(pollRepeatedly(watcher, 3), 0);

        int during = 0;
        QVERIFY(runChild(path, rows, &watcher, &during));
        QCOMPARE(during + pollRepeatedly(watcher, 10), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(gui->db().queryInt("SELECT count(*) FROM scratch"), rows);
        QCOMPARE(pollRepeatedly(watcher, 5), 0);

        // Two imports between two polls: one notification (the reader reloads once).
        QVERIFY(runChild(path, rows));
        QVERIFY(runChild(path, rows));
        QCOMPARE(pollRepeatedly(watcher, 10), 1);
        QCOMPARE(changed.count(), 2);
    }

    // Without any other connection open (the GUI reloaded and closed its reader), the importing
    // process is not the last one to close: the watcher's connection keeps the WAL, so the
    // closing import does not checkpoint and delete it behind our back.
    void externalImportWithOnlyTheWatcherOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sightline"));
        Workspace::open(path, Workspace::OpenMode::Create).reset();
        ChangeWatcher watcher;
        QVERIFY(watcher.watch(path));
        // The GUI opens the workspace again to reload it, which checks the file's header. Read
        // with a plain file handle and closed, that dropped this process's POSIX locks, and the
        // importing process, taking itself for the last connection, deleted the WAL and -shm
        // when it closed: the watcher then never saw a change again.
        Workspace::open(path, Workspace::OpenMode::ReadWrite).reset();
        Workspace::open(path, Workspace::OpenMode::ReadOnly).reset();
        QCOMPARE(pollRepeatedly(watcher, 2), 0);
        int during = 0;
        QVERIFY(runChild(path, 20000, &watcher, &during));
        QCOMPARE(during + pollRepeatedly(watcher, 10), 1);
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));

        // And again after another reopen: the watcher still sees the next import.
        Workspace::open(path, Workspace::OpenMode::ReadWrite).reset();
        during = 0;
        QVERIFY(runChild(path, 10, &watcher, &during));
        QCOMPARE(during + pollRepeatedly(watcher, 10), 1);
    }

    // Another connection of this process counts as another writer; our own reload does not.
    void secondConnectionAndResync()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.sightline"));
        auto writer = Workspace::open(path, Workspace::OpenMode::Create);
        ChangeWatcher watcher;
        QVERIFY(watcher.watch(path));
        writer->db().exec("CREATE TABLE scratch (x)");
        QCOMPARE(pollRepeatedly(watcher, 5), 1);
        writer->db().exec("INSERT INTO scratch VALUES (1)");
        watcher.resync();
        QCOMPARE(pollRepeatedly(watcher, 5), 0);
        // A transaction that wrote nothing (rolled back) is no change.
        writer->db().exec("BEGIN IMMEDIATE");
        writer->db().exec("INSERT INTO scratch VALUES (2)");
        writer->db().exec("ROLLBACK");
        QCOMPARE(pollRepeatedly(watcher, 3), 0);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString child = qEnvironmentVariable(kChildEnv);
    if (!child.isEmpty()) {
        try {
            return childImport(child.section(u'\n', 0, 0), child.section(u'\n', 1).toInt());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 1;
        }
    }
    TestChangeWatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_changewatcher.moc"
