#include "fakewebhook.h"

#include "export/assetjson.h"
#include "incidents/incidentstore.h"
#include "notify/delivery.h"
#include "notify/webhook.h"
#include "store/workspace.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
const QByteArray kBody = R"({"blocks":[],"text":"SEV-2 volume incident on orders"})";

WebhookOptions fast(int attempts = 3, int timeoutMs = 2000)
{
    return {.timeoutMs = timeoutMs, .maxAttempts = attempts, .initialBackoffMs = 20};
}
} // namespace

class TestWebhook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlValidation_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("https") << "https://hooks.slack.com/services/T0/B0/x" << true;
        QTest::addRow("loopback v4") << "http://127.0.0.1:8080/hook" << true;
        QTest::addRow("loopback v4 range") << "http://127.1.2.3/hook" << true;
        QTest::addRow("loopback v6") << "http://[::1]:9000/hook" << true;
        QTest::addRow("localhost") << "http://LOCALHOST/hook" << true;
        QTest::addRow("plain http remote") << "http://hooks.slack.com/services/x" << false;
        QTest::addRow("plain http private") << "http://10.0.0.5/hook" << false;
        QTest::addRow("ftp") << "ftp://example.com/x" << false;
        QTest::addRow("file") << "file:///etc/passwd" << false;
        QTest::addRow("no host") << "https:///path" << false;
        QTest::addRow("empty") << "" << false;
    }
    void urlValidation()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(webhookUrlProblem(QUrl(url)).isEmpty(), allowed);
    }

    void refusedUrlIsNeverContacted()
    {
        const auto result = postWebhook(QUrl("http://example.com/hook"), kBody, fast());
        QVERIFY(!result.ok);
        QCOMPARE(result.attempts, 0);
        QVERIFY2(result.error.startsWith("refused webhook URL: plain http"), qPrintable(result.error));
    }

    void success()
    {
        FakeWebhook server({200});
        QVERIFY(server.listening());
        const auto result = postWebhook(server.url(), kBody, fast());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(result.response, "ok");
        QCOMPARE(server.bodies, QList<QByteArray> {kBody});
        QCOMPARE(server.requestLines.first(), "POST /hook HTTP/1.1");
        QCOMPARE(server.contentTypes.first(), "application/json; charset=utf-8");
    }

    void clientErrorIsNotRetried()
    {
        FakeWebhook server({404, 200});
        const auto result = postWebhook(server.url(), kBody, fast());
        QVERIFY(!result.ok);
        QCOMPARE(result.httpStatus, 404);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(server.bodies.size(), 1);
        QCOMPARE(result.error, "HTTP 404 Scripted: invalid_token (after 1 attempt)");
    }

    void serverErrorThenSuccess()
    {
        FakeWebhook server({503, 500, 200});
        QElapsedTimer clock;
        clock.start();
        const auto result = postWebhook(server.url(), kBody, fast(3));
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.attempts, 3);
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(server.bodies, (QList<QByteArray> {kBody, kBody, kBody}));
        QVERIFY(clock.elapsed() >= 20 + 40); // backoff doubled between the attempts
    }

    void serverErrorExhaustsAttempts()
    {
        FakeWebhook server({502, 502});
        const auto result = postWebhook(server.url(), kBody, fast(2));
        QVERIFY(!result.ok);
        QCOMPARE(result.attempts, 2);
        QCOMPARE(result.httpStatus, 502);
        QCOMPARE(result.error, "HTTP 502 Scripted: invalid_token (after 2 attempts)");
    }

    void timeout()
    {
        FakeWebhook server({0, 0});
        QElapsedTimer clock;
        clock.start();
        const auto result = postWebhook(server.url(), kBody, fast(2, 200));
        QVERIFY(!result.ok);
        QCOMPARE(result.attempts, 2);
        QCOMPARE(result.httpStatus, 0);
        QCOMPARE(result.error, "no answer within 200 ms (after 2 attempts)");
        QCOMPARE(server.bodies.size(), 2);
        QVERIFY(clock.elapsed() >= 400);
        QVERIFY(clock.elapsed() < 5000);
    }

    void connectionRefused()
    {
        QUrl url;
        {
            FakeWebhook closed({});
            url = closed.url();
        }
        const auto result = postWebhook(url, kBody, fast(2));
        QVERIFY(!result.ok);
        QCOMPARE(result.attempts, 2);
        QVERIFY2(result.error.contains("refused", Qt::CaseInsensitive), qPrintable(result.error));
    }

    // deliverMessages: one channel with a webhook (answers 500 then 200), one channel without, one
    // owner without a channel; every send is on the timeline with what happened.
    void deliveryIsRecordedOnTheTimeline()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.sightline"), Workspace::OpenMode::Create);
        ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('proj.ds.orders', 'table', 'bigquery', "
                      "'orders')");
        IncidentStore store(ws->db());
        Incident incident;
        incident.detector = "volume.drop";
        incident.assetKey = "proj.ds.orders";
        incident.detectedAt = QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
        incident.windowStart = incident.detectedAt;
        incident.windowEnd = incident.detectedAt;
        incident.explanation = "Rows dropped.";
        incident.fingerprint = "fp";
        const qint64 id = store.record(incident).id;

        FakeWebhook server({500, 200});
        NotifySettings settings;
        settings.delivery = fast();
        settings.webhooks.insert("finance-alerts", server.url("/finance"));
        Recipient finance;
        finance.channel = "#finance-alerts";
        Recipient pricing;
        pricing.channel = "#pricing";
        Recipient owner;
        owner.owners = {"ana@example.com"};
        const QList<ChannelMessage> messages {
            {finance, {{"text", "to finance"}}}, {pricing, {{"text", "to pricing"}}}, {owner, {{"text", "to ana"}}}};
        const auto reports = deliverMessages(store, id, messages, settings, "tester");
        QCOMPARE(reports.size(), 3);
        QVERIFY(reports[0].sent);
        QVERIFY(reports[0].result.ok);
        QCOMPARE(reports[0].result.attempts, 2);
        QVERIFY(!reports[1].sent);
        QCOMPARE(reports[1].result.error, "no webhook configured for this channel");
        QVERIFY(!reports[2].sent);
        QCOMPARE(reports[2].target, "ana@example.com");
        QCOMPARE(server.bodies, (QList<QByteArray> {"{\"text\":\"to finance\"}\n", "{\"text\":\"to finance\"}\n"}));
        QCOMPARE(server.requestLines.first(), "POST /finance HTTP/1.1");

        // Reopen: the event was committed at once.
        ws.reset();
        ws = Workspace::open(dir.filePath("w.sightline"), Workspace::OpenMode::ReadOnly);
        const auto events = IncidentStore(ws->db()).events(id);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1].type, "notified");
        QCOMPARE(events[1].actor, "tester");
        QCOMPARE(events[1].newValue, "#finance-alerts");
        QCOMPARE(events[1].comment, "delivered (HTTP 200, 2 attempts)");
    }

    void failedDeliveryIsRecordedToo()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.sightline"), Workspace::OpenMode::Create);
        ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('a', 'table', 'bigquery', 'a')");
        IncidentStore store(ws->db());
        Incident incident;
        incident.detector = "d";
        incident.assetKey = "a";
        incident.detectedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        incident.windowStart = incident.windowEnd = incident.detectedAt;
        incident.explanation = "x";
        incident.fingerprint = "fp";
        const qint64 id = store.record(incident).id;
        FakeWebhook server({403});
        NotifySettings settings;
        settings.delivery = fast();
        settings.webhooks.insert("a", server.url());
        Recipient r;
        r.channel = "#A";
        deliverMessages(store, id, {{r, {{"text", "x"}}}}, settings, "tester");
        const auto events = store.events(id);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[1].comment, "failed: HTTP 403 Scripted: invalid_token (after 1 attempt)");
    }

    void settingsFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("notify.ini");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[webhooks]\ndata-finance-alerts=https://hooks.slack.com/services/T/B/X\n"
                "[links]\nincident=https://sightline.example.com/incidents/{id}\n"
                "[delivery]\ntimeout_ms=5000\nattempts=99\n");
        f.close();
        const auto settings = NotifySettings::load(path);
        QCOMPARE(settings.webhookFor("#data-finance-alerts"), QUrl("https://hooks.slack.com/services/T/B/X"));
        QCOMPARE(settings.webhookFor("data-finance-alerts"), QUrl("https://hooks.slack.com/services/T/B/X"));
        QVERIFY(settings.webhookFor("#other").isEmpty());
        QCOMPARE(settings.linkFor(42, "https://looker/1"), "https://sightline.example.com/incidents/42");
        QCOMPARE(settings.delivery.timeoutMs, 5000);
        QCOMPARE(settings.delivery.maxAttempts, 10); // clamped
        QCOMPARE(settings.delivery.initialBackoffMs, 1000);
        QVERIFY(NotifySettings::load(dir.filePath("missing.ini")).webhooks.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWebhook)
#include "tst_webhook.moc"
