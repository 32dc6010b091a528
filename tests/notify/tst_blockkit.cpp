#include "export/assetjson.h"
#include "lineage/lineagegraph.h"
#include "notify/blockkit.h"
#include "routing/routing.h"

#include <QTest>

using namespace sightline;

namespace {
Asset asset(const QString& key, AssetKind kind, const QString& owner, const QString& channel, const QString& team = {})
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.name = key.section(u'.', -1);
    a.owner = owner;
    a.channel = channel;
    a.team = team;
    return a;
}

// orders (finance) -> revenue (finance) -> board dashboard (#exec) ; orders -> churn dashboard
// (nobody); revenue -> pricing model owned by ana without a channel.
LineageGraph estate()
{
    return LineageGraph({asset("raw.orders", AssetKind::Source, "Hannah", "#finance", "Finance"),
                         asset("mart.revenue", AssetKind::Model, "Hannah", "#finance", "Finance"),
                         asset("looker.board", AssetKind::Dashboard, "Lee", "#exec"),
                         asset("looker.churn", AssetKind::Dashboard, "", ""),
                         asset("ml.pricing", AssetKind::Ml, "ana@example.com", "")},
                        QList<Edge> {{"raw.orders", "mart.revenue"},
                                     {"mart.revenue", "looker.board"},
                                     {"raw.orders", "looker.churn"},
                                     {"mart.revenue", "ml.pricing"}});
}

Incident incident()
{
    Incident i;
    i.id = 7;
    i.detector = "volume.drop";
    i.kind = IncidentKind::Volume;
    i.assetKey = "raw.orders";
    i.detectedAt = QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
    i.windowStart = QDateTime(QDate(2026, 11, 19), QTime(6, 0), Qt::UTC);
    i.windowEnd = i.detectedAt;
    i.severity = Severity::Sev2;
    i.explanation = "Row count fell to 1,200 where 40,000 to 41,000 was expected.";
    return i;
}
// The exact payloads, checked by hand against Slack's Block Kit reference (header plain_text,
// section fields, context, actions with a url button; &, < and > escaped in mrkdwn).
const char* const EXPECTED_EXEC =
    R"json({"blocks":[{"text":{"emoji":false,"text":"SEV-2 volume incident on orders","type":"plain_text"},"type":"header"},{"text":{"text":"*What broke:* Row count fell to 1,200 where 40,000 to 41,000 was expected.","type":"mrkdwn"},"type":"section"},{"fields":[{"text":"*Asset*\n`raw.orders`","type":"mrkdwn"},{"text":"*Since*\n2026-11-19 06:00 UTC (2 d 2 h before the newest capture)","type":"mrkdwn"},{"text":"*Status*\nopen","type":"mrkdwn"},{"text":"*Severity*\nSEV-2","type":"mrkdwn"},{"text":"*Who is on it*\nnobody yet","type":"mrkdwn"},{"text":"*Owner*\nHannah","type":"mrkdwn"}],"type":"section"},{"text":{"text":"*Impact:* 4 downstream, 3 of them dashboards or other consumers.\nchurn (no owner or channel), board, pricing (no owner or channel)","type":"mrkdwn"},"type":"section"},{"elements":[{"text":"You are told because you own: board (2 downstream)","type":"mrkdwn"}],"type":"context"},{"elements":[{"text":{"emoji":false,"text":"Open incident","type":"plain_text"},"type":"button","url":"https://sightline.example.com/incidents/7"}],"type":"actions"}],"text":"SEV-2 volume incident on orders: Row count fell to 1,200 where 40,000 to 41,000 was expected."})json";
const char* const EXPECTED_RESOLVED =
    R"json({"blocks":[{"text":{"emoji":false,"text":"Resolved: SEV-2 volume incident on orders","type":"plain_text"},"type":"header"},{"text":{"text":"*Status:* fixed by Hannah at 2026-11-20 09:30 UTC, 3 h 30 min after detection\n*Resolution:* Loader re-run &lt;after&gt; outage &amp; backfill","type":"mrkdwn"},"type":"section"},{"text":{"text":"*Was:* Row count fell to 1,200 where 40,000 to 41,000 was expected.","type":"mrkdwn"},"type":"section"},{"elements":[{"text":"You are told because you own: orders (the asset itself), revenue (1 downstream)","type":"mrkdwn"}],"type":"context"}],"text":"Resolved: SEV-2 volume incident on orders"})json";
} // namespace

class TestBlockKit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routingOfTheEstate()
    {
        const LineageGraph g = estate();
        const Routing r = routeIncident(g, g.indexOf("raw.orders"));
        QCOMPARE(r.downstreamCount, 4);
        QCOMPARE(r.recipients.size(), 3);
        QCOMPARE(r.recipients[0].channel, "#finance"); // the asset's own team, with revenue
        QCOMPARE(r.recipients[0].assets.size(), 2);
        QCOMPARE(r.recipients[1].channel, "#exec");
        QCOMPARE(r.recipients[2].channel, QString());
        QCOMPARE(r.recipients[2].owners, QStringList {"ana@example.com"});
        QCOMPARE(r.channels(), (QStringList {"#finance", "#exec"}));
        QCOMPARE(r.gaps.size(), 2); // churn: nothing; pricing: no channel
        QCOMPARE(r.gaps[0].asset.key, "looker.churn");
        QVERIFY(r.gaps[0].noOwner && r.gaps[0].noChannel);
        QCOMPARE(r.gaps[1].asset.key, "ml.pricing");
        QVERIFY(!r.gaps[1].noOwner && r.gaps[1].noChannel);
        QCOMPARE(r.consumers.size(), 3);
    }

    void exactMessage()
    {
        const LineageGraph g = estate();
        const Routing r = routeIncident(g, g.indexOf("raw.orders"));
        MessageContext context;
        context.link = "https://sightline.example.com/incidents/7";
        context.dataTime = QDateTime(QDate(2026, 11, 21), QTime(8, 30), Qt::UTC);
        const auto messages = buildMessages(incident(), r, context);
        QCOMPARE(messages.size(), 3);
        const QByteArray json = toJsonBytes(messages[1].payload, false);
        QCOMPARE(json, QByteArray(EXPECTED_EXEC) + "\n"); // toJsonBytes ends with a newline
    }

    void resolvedFollowUp()
    {
        const LineageGraph g = estate();
        const Routing r = routeIncident(g, g.indexOf("raw.orders"));
        Incident i = incident();
        i.status = IncidentStatus::Fixed;
        MessageContext context;
        context.resolvedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);
        context.resolvedBy = "Hannah";
        context.resolution = "Loader re-run <after> outage & backfill";
        const auto messages = buildMessages(i, r, context);
        QCOMPARE(messages.size(), 3);
        const QByteArray json = toJsonBytes(messages[0].payload, false);
        QCOMPARE(json, QByteArray(EXPECTED_RESOLVED) + "\n");
    }

    void hostileValuesAreEscapedAndBounded()
    {
        Asset evil = asset("raw.<!channel>", AssetKind::Table, "<@U123> & co", "#x");
        evil.name = QString(5000, u'é') + "<script>";
        const LineageGraph g({evil}, QList<Edge> {});
        Incident i = incident();
        i.assetKey = evil.key;
        i.explanation = "<https://evil.example|click> \"quoted\" \u202Eevil";
        const auto messages = buildMessages(i, routeIncident(g, 0), {});
        QCOMPARE(messages.size(), 1);
        const QString json = QString::fromUtf8(toJsonBytes(messages[0].payload, false));
        QVERIFY(!json.contains("<!channel>"));
        QVERIFY(!json.contains("<@U123>"));
        QVERIFY(!json.contains("<https://evil"));
        QVERIFY(json.contains("&lt;https://evil.example|click&gt;"));
        const auto& header = messages[0].payload["blocks"][0]["text"]["text"];
        QVERIFY(QString::fromStdString(header.get<std::string>()).size() <= 150);
        QVERIFY(messages[0].payload["blocks"].dump().find("\"actions\"") == std::string::npos); // no link, no button
    }

    void slackEscape()
    {
        QCOMPARE(sightline::slackEscape("a<b>&c"), "a&lt;b&gt;&amp;c");
        QCOMPARE(humanDuration(90'000), "1 min");
        QCOMPARE(humanDuration(26 * 3600 * 1000LL), "1 d 2 h");
        QCOMPARE(humanDuration(3 * 3600 * 1000LL + 5 * 60 * 1000), "3 h 5 min");
    }
};

QTEST_GUILESS_MAIN(TestBlockKit)
#include "tst_blockkit.moc"
