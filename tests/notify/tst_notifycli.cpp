#include "fakewebhook.h"

#include "incidents/incidentstore.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

// `sightline notify` end to end: the real executable, a real workspace, a real local webhook.
class TestNotifyCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;
    qint64 m_id = 0;

    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs the command without blocking this thread's event loop, which serves the webhook.
    Result run(const QStringList& args)
    {
        QProcess p;
        p.setProgram(test::buildDir() + "/bin/sightline");
        p.setArguments(args);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start();
        if (!finished.wait(60'000))
            return {};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_dir.filePath("w.sightline");
        auto ws = Workspace::open(m_ws, Workspace::OpenMode::Create);
        auto& db = ws->db();
        db.exec("INSERT INTO asset (key, kind, platform, name, owner, team, channel) VALUES "
                "('proj.raw.orders', 'source', 'bigquery', 'orders', 'Priya', 'Listings', '#listings'), "
                "('proj.mart.revenue', 'model', 'bigquery', 'revenue', 'Hannah', 'Finance', '#finance'), "
                "('looker:dashboard:7', 'dashboard', 'looker', 'Board', NULL, NULL, NULL)");
        db.exec("INSERT INTO edge (from_asset, to_asset) SELECT f.id, t.id FROM asset f, asset t WHERE "
                "(f.key = 'proj.raw.orders' AND t.key = 'proj.mart.revenue') OR "
                "(f.key = 'proj.mart.revenue' AND t.key = 'looker:dashboard:7')");
        Incident i;
        i.detector = "volume.drop";
        i.assetKey = "proj.raw.orders";
        i.detectedAt = QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
        i.windowStart = i.windowEnd = i.detectedAt;
        i.explanation = "Rows dropped.";
        i.fingerprint = "fp";
        m_id = IncidentStore(db).record(i).id;
    }

    void dryRunPrintsEachChannel()
    {
        const auto r =
            run({"notify", m_ws, QString::number(m_id), "--dry-run", "--config", m_dir.filePath("none.ini")});
        // A missing --config file is an error even for a dry run: the user named it.
        QCOMPARE(r.code, 2);
        const auto ok = run({"notify", m_ws, QString::number(m_id), "--dry-run"});
        QCOMPARE(ok.code, 0);
        const QJsonArray messages = QJsonDocument::fromJson(ok.out).array();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject()["channel"].toString(), "#listings");
        QCOMPARE(messages[1].toObject()["channel"].toString(), "#finance");
        QCOMPARE(messages[1].toObject()["owners"].toArray().first().toString(), "Hannah");
        QVERIFY(messages[0].toObject()["payload"].toObject()["blocks"].toArray().size() >= 5);
        QVERIFY2(ok.err.contains("downstream dashboard looker:dashboard:7 has no owner or channel"),
                 ok.err.constData());
        // Nothing was recorded.
        auto ws = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly);
        QCOMPARE(IncidentStore(ws->db()).events(m_id).size(), 1);
    }

    void sendPostsAndRecords()
    {
        FakeWebhook listings({200});
        FakeWebhook finance({503, 200});
        const QString ini = m_dir.filePath("notify.ini");
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[webhooks]\nlistings=" + listings.url().toEncoded() + "\nfinance=" + finance.url().toEncoded()
                + "\n[delivery]\nbackoff_ms=10\ntimeout_ms=5000\n");
        f.close();
        const auto r = run({"notify", m_ws, QString::number(m_id), "--config", ini, "--actor", "tester"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, "sent to #listings (HTTP 200, 1 attempt)\nsent to #finance (HTTP 200, 2 attempts)\n");
        QCOMPARE(listings.bodies.size(), 1);
        QCOMPARE(finance.bodies.size(), 2);
        const QJsonObject posted = QJsonDocument::fromJson(listings.bodies.first()).object();
        QCOMPARE(posted["text"].toString(), "SEV-3 volume incident on orders: Rows dropped.");

        auto ws = Workspace::open(m_ws, Workspace::OpenMode::ReadOnly);
        const auto events = IncidentStore(ws->db()).events(m_id);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[1].type, "notified");
        QCOMPARE(events[1].newValue, "#listings");
        QCOMPARE(events[1].actor, "tester");
        QCOMPARE(events[2].comment, "delivered (HTTP 200, 2 attempts)");
    }

    void failedSendExitsTwo()
    {
        FakeWebhook gone({410});
        const QString ini = m_dir.filePath("gone.ini");
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[webhooks]\nlistings=" + gone.url().toEncoded() + "\n");
        f.close();
        const auto r = run({"notify", m_ws, QString::number(m_id), "--config", ini});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("could not notify #listings: HTTP 410"), r.err.constData());
        QVERIFY(r.out.contains("not sent to #finance: no webhook configured for this channel"));
    }

    void unknownIncidentAndUsage()
    {
        QCOMPARE(run({"notify", m_ws, "999", "--dry-run"}).code, 2);
        QCOMPARE(run({"notify", m_ws, "abc"}).code, 1);
        QCOMPARE(run({"notify", m_ws}).code, 1);
        QCOMPARE(run({"notify", m_dir.filePath("missing.sightline"), "1"}).code, 3);
    }
};

QTEST_GUILESS_MAIN(TestNotifyCli)
#include "tst_notifycli.moc"
