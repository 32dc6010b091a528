#include "incidentfixture.h"

#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using namespace sightline::test;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runSightline(const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("USER"), QStringLiteral("script-user"));
    p.setProcessEnvironment(env);
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"), args);
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
} // namespace

class TestCliIncident : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_id = 0;

    Incident read()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        return *IncidentStore(ws->db()).incident(m_id);
    }
    QList<IncidentEvent> events()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        return IncidentStore(ws->db()).events(m_id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("w.sightline"));
        auto ws = Workspace::open(m_path, Workspace::OpenMode::Create);
        seedAssets(*ws);
        m_id = IncidentStore(ws->db()).record(makeIncident(QStringLiteral("proj.ds.orders"), QStringLiteral("a"))).id;
    }

    void scriptedTriage()
    {
        const QString id = QString::number(m_id);
        auto r = runSightline(
            {"incident", m_path, id, "--status", "acknowledged", "--assignee", "ana", "--comment", "on it"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
                 QByteArray("incident %1 (proj.ds.orders): acknowledged, SEV-3, assigned to ana\n")
                     .replace("%1", id.toUtf8()));
        QCOMPARE(read().status, IncidentStatus::Acknowledged);
        auto e = events();
        QCOMPARE(e.size(), 4); // detected, status, assignee, comment
        QCOMPARE(e[1].actor, QStringLiteral("script-user"));
        QCOMPARE(e[3].comment, QStringLiteral("on it"));

        // Illegal: back to open. Nothing is written.
        r = runSightline({"incident", m_path, id, "--status", "open", "--comment", "x"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("acknowledged -> open"), r.err.constData());
        QCOMPARE(events().size(), 4);

        // Resolving without a reason: refused; with one: the reason is the event's comment.
        r = runSightline({"incident", m_path, id, "--status", "fixed"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("needs a reason"), r.err.constData());
        r = runSightline({"incident", m_path, id, "--status", "fixed", "--comment", "reloaded", "--actor", "Ops Bot"});
        QCOMPARE(r.exitCode, 0);
        e = events();
        QCOMPARE(e.size(), 5);
        QCOMPARE(e.last().comment, QStringLiteral("reloaded"));
        QCOMPARE(e.last().actor, QStringLiteral("Ops Bot"));
        QCOMPARE(read().status, IncidentStatus::Fixed);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addRow("unknown incident") << QStringList {"9999", "--status", "acknowledged"} << 2;
        QTest::addRow("unknown status") << QStringList {"1", "--status", "closed"} << 1;
        QTest::addRow("bad id") << QStringList {"abc", "--status", "open"} << 1;
        QTest::addRow("bad severity") << QStringList {"1", "--severity", "SEV-9"} << 1;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QCOMPARE(runSightline(QStringList {"incident", m_path} + args).exitCode, exitCode);
        QCOMPARE(runSightline({"incident", m_dir.filePath("missing.sightline"), "1"}).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliIncident)
#include "tst_cliincident.moc"
