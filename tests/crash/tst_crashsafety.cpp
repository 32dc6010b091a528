#include "incidents/incidentstore.h"
#include "store/workspace.h"
#include "testutil.h"

#include "../incidents/incidentfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace sightline;

namespace {

// SIGKILL to a child that is still running; never to pid 0 (our own process group).
void killChild(QProcess& p)
{
    const qint64 pid = p.processId();
    if (pid > 0 && p.state() != QProcess::NotRunning)
        ::kill(pid_t(pid), SIGKILL);
}

QString bin(const QString& name)
{
    return QCoreApplication::applicationDirPath() + u'/' + name;
}

// Recovers the workspace the way the next user would (a read-write open replays the WAL), then
// asks SQLite to check every page, index and constraint.
QString integrity(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
    auto stmt = ws->db().prepare("PRAGMA integrity_check");
    QStringList rows;
    while (stmt.step())
        rows.append(stmt.text(0));
    if (ws->db().queryInt("PRAGMA foreign_key_check") != 0)
        rows.append(QStringLiteral("foreign key violations"));
    return rows.join(u';');
}

// The dump without imported_at, the only column of a complete import that differs run to run.
QString normalisedDump(const QString& path)
{
    QStringList lines = test::dumpWorkspace(path).split(u'\n');
    bool inSnapshot = false;
    for (auto& line : lines) {
        if (line.startsWith(QStringLiteral("== "))) {
            inSnapshot = line == QStringLiteral("== snapshot");
            continue;
        }
        if (inSnapshot) {
            QStringList cells = line.split(u'|');
            if (cells.size() > 5)
                cells[5] = QStringLiteral("T");
            line = cells.join(u'|');
        }
    }
    return lines.join(u'\n');
}

qint64 snapshotCount(const QString& path)
{
    return Workspace::open(path, Workspace::OpenMode::ReadOnly)->db().queryInt("SELECT count(*) FROM snapshot");
}

bool copyFresh(const QString& from, const QString& to)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(to + QLatin1String(suffix));
    return QFile::copy(from, to);
}

} // namespace

// SIGKILL (no handler, no unwinding: what a crash, the OOM killer or a pulled battery leaves of
// the process) during an import and during a burst of incident edits, then reopen.
class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_manifest;
    QString m_base; // a workspace with one earlier import
    QString m_baseDump;
    QString m_completeDump; // m_base plus m_manifest, imported without interruption
    qint64 m_importMs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_manifest = m_dir.filePath("manifest.json");
        QProcess gen;
        gen.start(bin("gen_dbt_manifest"), {m_manifest, "8000"});
        QVERIFY(gen.waitForFinished(60000));
        QCOMPARE(gen.exitCode(), 0);
        QVERIFY(QFileInfo(m_manifest).size() > 10'000'000);

        m_base = m_dir.filePath("base.sightline");
        QProcess first;
        first.start(bin("sightline"),
                    {"import", m_base,
                     test::sharedData(
                         "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v7__jaffle_shop__manifest.json")});
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        m_baseDump = normalisedDump(m_base);

        const QString complete = m_dir.filePath("complete.sightline");
        QVERIFY(copyFresh(m_base, complete));
        QElapsedTimer timer;
        timer.start();
        QProcess full;
        full.start(bin("sightline"), {"import", complete, m_manifest});
        QVERIFY(full.waitForFinished(120000));
        QCOMPARE(full.exitCode(), 0);
        m_importMs = timer.elapsed();
        m_completeDump = normalisedDump(complete);
        QCOMPARE(snapshotCount(complete), 2);
        qInfo("uninterrupted import of %lld bytes: %lld ms", QFileInfo(m_manifest).size(), m_importMs);
    }

    // Killed at 12 points spread over the whole import (start-up, hashing, parsing, writing,
    // commit): each time the workspace is intact and holds either nothing of the import or all of it.
    void killDuringImport()
    {
        int before = 0, after = 0;
        const int points = 12;
        for (int i = 0; i < points; ++i) {
            // Up to 1.3 times the uninterrupted time, so that the last kills come after the commit.
            const qint64 delay = m_importMs * (i + 1) * 13 / (points * 10);
            const QString ws = m_dir.filePath(QStringLiteral("kill%1.sightline").arg(i));
            QVERIFY(copyFresh(m_base, ws));
            QProcess p;
            p.start(bin("sightline"), {"import", ws, m_manifest});
            QVERIFY(p.waitForStarted());
            QTest::qWait(int(delay));
            const bool finished = p.state() == QProcess::NotRunning;
            if (!finished) {
                killChild(p);
                // A process that ended during the wait above is already finished: waitForFinished() would say false.
                QVERIFY(p.state() == QProcess::NotRunning || p.waitForFinished(30000));
            }
            QCOMPARE(integrity(ws), QStringLiteral("ok"));
            const qint64 snapshots = snapshotCount(ws);
            const QString dump = normalisedDump(ws);
            if (snapshots == 1) {
                ++before;
                QVERIFY2(dump == m_baseDump, qPrintable(QStringLiteral("kill at %1 ms: partial import").arg(delay)));
            } else {
                ++after;
                QCOMPARE(snapshots, 2);
                QVERIFY2(dump == m_completeDump,
                         qPrintable(QStringLiteral("kill at %1 ms: partial import").arg(delay)));
            }
        }
        qInfo("%d kills during import: %d left the workspace as before, %d with the whole import", points, before,
              after);
        // The schedule reaches into the import: at least one kill landed before its commit.
        QVERIFY(before >= 1);
    }

    // Killed while editing as fast as it can, five times on the same workspace: every edit the
    // editor reported as saved is on the incident's timeline, with the status it last set.
    void killDuringEdits()
    {
        const QString ws = m_dir.filePath("edits.sightline");
        QVERIFY(copyFresh(m_base, ws));
        qint64 incidentId = 0;
        {
            auto w = Workspace::open(ws, Workspace::OpenMode::ReadWrite);
            test::seedAssets(*w);
            incidentId = IncidentStore(w->db()).record(test::makeIncident("proj.ds.orders", "fp-crash")).id;
        }
        QVERIFY(incidentId > 0);
        QSet<qint64> acknowledged;
        int steps = 0;
        const int stopAfter[] = {1, 17, 60, 140, 250};
        for (int round = 0; round < 5; ++round) {
            QProcess p;
            p.start(bin("crash_editor"), {ws, QString::number(incidentId)});
            QVERIFY(p.waitForStarted());
            int lines = 0;
            QByteArray out;
            QElapsedTimer t;
            t.start();
            while (lines < stopAfter[round] && t.elapsed() < 20000) {
                p.waitForReadyRead(100);
                out += p.readAllStandardOutput();
                lines = int(out.count('\n'));
            }
            killChild(p);
            QVERIFY(p.state() == QProcess::NotRunning || p.waitForFinished(10000));
            out += p.readAllStandardOutput();
            QVERIFY2(lines >= stopAfter[round], p.readAllStandardError().constData());
            for (const auto& line : out.split('\n')) {
                // A last line may be cut by the kill: only complete lines count as acknowledged.
                if (!line.startsWith("ack "))
                    continue;
                const auto fields = line.split(' ');
                ++steps;
                for (qsizetype f = 2; f < fields.size(); ++f)
                    acknowledged.insert(fields[f].toLongLong());
            }
            QCOMPARE(integrity(ws), QStringLiteral("ok"));
        }
        auto w = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        auto stmt = w->db().prepare("SELECT id FROM incident_event WHERE incident_id = ?1");
        stmt.bind(1, incidentId);
        QSet<qint64> present;
        while (stmt.step())
            present.insert(stmt.int64(0));
        const QSet<qint64> lost = acknowledged - present;
        QVERIFY2(lost.isEmpty(), qPrintable(QStringLiteral("%1 acknowledged events lost").arg(lost.size())));
        qInfo("5 kills during %d acknowledged edit steps (%lld events): none lost, %lld events on the timeline", steps,
              qint64(acknowledged.size()), qint64(present.size()));
    }

    // The same through the command line: `sightline incident WS ID --comment` in a loop, every
    // third process killed 0-40 ms after it started; every command that exited 0 left its comment.
    void killCliEdits()
    {
        const QString ws = m_dir.filePath("cli-edits.sightline");
        QVERIFY(copyFresh(m_base, ws));
        qint64 incidentId = 0;
        {
            auto w = Workspace::open(ws, Workspace::OpenMode::ReadWrite);
            test::seedAssets(*w);
            incidentId = IncidentStore(w->db()).record(test::makeIncident("proj.ds.orders", "fp-cli")).id;
        }
        QStringList acknowledged;
        int killed = 0;
        for (int i = 0; i < 24; ++i) {
            const QString text = QStringLiteral("cli edit %1").arg(i);
            QProcess p;
            p.start(bin("sightline"), {"incident", ws, QString::number(incidentId), "--comment", text});
            QVERIFY(p.waitForStarted());
            if (i % 3 == 2) {
                QTest::qWait((i * 7) % 41);
                if (p.state() != QProcess::NotRunning) {
                    killChild(p);
                    ++killed;
                }
            }
            // A process that ended during the wait above is already finished: waitForFinished() would say false.
            QVERIFY(p.state() == QProcess::NotRunning || p.waitForFinished(30000));
            if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
                acknowledged.append(text);
        }
        QCOMPARE(integrity(ws), QStringLiteral("ok"));
        auto w = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        auto stmt = w->db().prepare("SELECT comment FROM incident_event WHERE incident_id = ?1 AND type = 'comment'");
        stmt.bind(1, incidentId);
        QStringList present;
        while (stmt.step())
            present.append(stmt.text(0));
        for (const auto& text : std::as_const(acknowledged))
            QVERIFY2(present.contains(text), qPrintable(text));
        qInfo("24 CLI edits, %d killed: %lld acknowledged, all present", killed, qint64(acknowledged.size()));
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
