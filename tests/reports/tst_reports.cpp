#include "reportfixture.h"

#include "demo/demoworkspace.h"
#include "import/importerregistry.h"
#include "incidents/incidentstore.h"
#include "lineage/graphloader.h"
#include "reports/escape.h"
#include "reports/htmlreport.h"
#include "reports/ownershipreport.h"
#include "reports/reportdata.h"
#include "reports/textreports.h"
#include "testutil.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

class TestReports : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    HostileEstate m_estate;

private Q_SLOTS:
    void initTestCase()
    {
        m_estate = HostileEstate::create(m_dir.filePath("hostile.sightline"));
    }

    void escaping()
    {
        QCOMPARE(report::html("<a href=\"x\">O'B & c</a>"), "&lt;a href=&quot;x&quot;&gt;O&#39;B &amp; c&lt;/a&gt;");
        QCOMPARE(report::html(QString::fromUtf8("abc")), "abc");
        const QString rtl = QString::fromUtf8("فريق");
        QCOMPARE(report::html(rtl), QChar(0x2068) + rtl + QChar(0x2069));
        QCOMPARE(report::html(QString::fromUtf8("x \u202Egnp.exe")), "x gnp.exe"); // no override survives
        QCOMPARE(report::markdown("a|b *c* <x>\nd"), "a\\|b \\*c\\* \\<x\\> d");
        QCOMPARE(report::csvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        QCOMPARE(report::csvField("plain"), "plain");
        QCOMPARE(report::csvField("a,b"), "\"a,b\"");
        QCOMPARE(report::breakable(QString(10, u'x'), 4), QString("xxxx\u200Bxxxx\u200Bxx"));
    }

    void collect()
    {
        const auto data = collectIncidentReport(*m_estate.workspace, *m_estate.graph, m_estate.incidentId);
        QVERIFY(data);
        QCOMPARE(data->asset.key, "raw.<script>alert(1)</script>");
        QCOMPARE(data->timeline.size(), 3); // detected, status, comment
        QCOMPARE(data->routing.downstreamCount, 3);
        QCOMPARE(data->routing.recipients.size(), 3); // #raw-<alerts>, #finance, #exec
        QCOMPARE(data->routing.gaps.size(), 1); // the Arabic dashboard: no owner, no channel
        QCOMPARE(data->series.metric, "row_count");
        QCOMPARE(data->series.points.size(), 14);
        QCOMPARE(data->lineage.nodes.size(), 4);
        QCOMPARE(data->dataTime, QDateTime(QDate(2025, 11, 20), QTime(6, 0), Qt::UTC));
        QCOMPARE(data->nextUpdate, QDateTime(QDate(2025, 11, 20), QTime(10, 0), Qt::UTC));
        QVERIFY(!collectIncidentReport(*m_estate.workspace, *m_estate.graph, 999));
    }

    void htmlIsSelfContainedAndEscaped()
    {
        const auto data = collectIncidentReport(*m_estate.workspace, *m_estate.graph, m_estate.incidentId);
        const QString html = report::incidentReportHtml(*data).html;
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(!html.contains("<script", Qt::CaseInsensitive));
        QVERIFY(!html.contains("<img", Qt::CaseInsensitive));
        // Input text may mention src= or onerror=, but never inside a tag.
        QVERIFY(!html.contains(
            QRegularExpression("<[^>]*\\b(src|href|on[a-z]+)\\s*=", QRegularExpression::CaseInsensitiveOption)));
        QVERIFY(!html.contains("url("));
        QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(html.contains("O&#39;Brien &quot;the&quot; &lt;b&gt;boss&lt;/b&gt;"));
        QVERIFY(html.contains(QChar(0x2068) + QString::fromUtf8("فريق البيانات") + QChar(0x2069)));
        QVERIFY(html.contains(HostileEstate::longName()));
        QVERIFY(html.contains("<svg")); // chart and lineage inline
        QCOMPARE(html.count("<svg"), 2);
        QVERIFY(html.contains("Status <b>acknowledged</b>"));
        QVERIFY(html.contains("next update by 2025-11-20 10:00 UTC"));
        QVERIFY(html.contains("Hannah Kowalski"));
        QVERIFY(html.contains("no owner or channel"));
        // Every tag in the document is one we wrote.
        const QSet<QString> allowed {"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1",    "h2",
                                     "p",        "b",    "i",    "br",   "table", "tr",    "th",   "td",    "code",
                                     "span",     "div",  "svg",  "rect", "line",  "text",  "path", "circle"};
        const auto tags = QRegularExpression("<([!A-Za-z][A-Za-z0-9]*)").globalMatch(html);
        auto it = tags;
        while (it.hasNext()) {
            const QString tag = it.next().captured(1);
            QVERIFY2(allowed.contains(tag), qPrintable(tag));
        }
    }

    void pdfVariantReferencesFigures()
    {
        const auto data = collectIncidentReport(*m_estate.workspace, *m_estate.graph, m_estate.incidentId);
        const auto html = report::incidentReportHtml(*data, {.inlineFigures = false, .breakLongWords = true});
        QCOMPARE(html.figures.size(), 2);
        QVERIFY(!html.html.contains("<svg"));
        QVERIFY(html.html.contains(QRegularExpression("<img src=\"figure:0\" width=\"[0-9]+\" height=\"[0-9]+\">")));
        QVERIFY(!html.html.contains(HostileEstate::longName())); // broken up with zero-width spaces
        for (const auto& svg : html.figures)
            QVERIFY(!svg.contains("<script"));
    }

    void markdownAndCsv()
    {
        const auto data = collectIncidentReport(*m_estate.workspace, *m_estate.graph, m_estate.incidentId);
        const QString md = report::incidentReportMarkdown(*data);
        QVERIFY(md.startsWith("# Incident #1: SEV-2 volume incident on \\<script\\>alert\\(1\\)\\</script\\>"));
        // Every < from an input is backslash-escaped: Markdown shows it as text, never as HTML.
        QVERIFY(!md.contains(QRegularExpression("(?<!\\\\)<")));
        QVERIFY(md.contains("**Status:** acknowledged"));
        QVERIFY(md.contains("| Owner | O\\'Brien \\\"the\\\" \\<b\\>boss\\</b\\> |"));
        QVERIFY(md.contains("- **No owner or channel:** looker:dashboard:1"));

        const QString csv = QString::fromUtf8(report::incidentReportCsv(*data));
        const QStringList lines = csv.split("\r\n", Qt::SkipEmptyParts);
        // header, the asset, mart.revenue (#finance), dashboard 2 (#exec), dashboard 1 (gap)
        QCOMPARE(lines.size(), 5);
        QVERIFY(
            lines[1].startsWith("1,raw.<script>alert(1)</script>,SEV-2,acknowledged,2025-11-19T06:00:00.000Z,asset"));
        QVERIFY(lines[4].contains(",gap,looker:dashboard:1,dashboard,2,"));
    }

    // The demo estate: an incident on the revenue mart reaches the finance dashboards' owners.
    void demoIncidentReport()
    {
        QStandardPaths::setTestModeEnabled(true);
        ImporterRegistry registry;
        QVERIFY(registry.loadPlugins(test::pluginDir()).isEmpty());
        const QString path = m_dir.filePath("demo.sightline");
        const auto report = demo::prepare(registry, path);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        Incident i;
        i.detector = "volume.drop";
        i.assetKey = demo::initialFocusKey();
        i.detectedAt = ws->dataTime();
        i.windowStart = i.detectedAt.addDays(-1);
        i.windowEnd = i.detectedAt;
        i.explanation = "Revenue rows halved.";
        i.fingerprint = "demo";
        const qint64 id = IncidentStore(ws->db()).record(i).id;
        const auto graph = loadLineageGraph(*ws);
        const auto data = collectIncidentReport(*ws, *graph, id);
        QVERIFY(data);
        const QString html = report::incidentReportHtml(*data).html;
        QVERIFY(html.contains(demo::initialFocusKey()));
        QVERIFY(html.contains("Dealer Revenue Overview"));
        QVERIFY(html.contains("#data-finance-alerts"));
        QVERIFY(html.contains("Status <b>open</b>"));
        const QString md = report::incidentReportMarkdown(*data);
        QVERIFY(md.contains("Dealer Revenue Overview"));

        // demo::prepare runs detection: 25 incidents (`sightline import` of manifest.json and the
        // 242 history folders, then `sightline detect --json`). Data time is 2026-11-24 06:15:42.118
        // (the newest snapshot's captured_at), so the period starts 2026-11-17 06:15:42 and holds
        // 4 of them, all open: the valuation_quotes deletion (11-21 12:00), the listing_impressions
        // collapse (11-22 12:00), int_listing_engagement_daily and fct_listing_daily_performance
        // (11-23 06:00). The other 21 (the dropped column on 11-11, the late Stripe load on 11-16)
        // are older. Plus this test's own incident at data time: 5.
        const QDateTime dataTime = ws->dataTime();
        QCOMPARE(dataTime, QDateTime(QDate(2026, 11, 24), QTime(6, 15, 42, 118), Qt::UTC));
        const auto health = collectHealthReport(*ws, *graph, dataTime.addDays(-7), dataTime.addMSecs(1));
        QCOMPARE(health.total, 5);
        QCOMPARE(health.open, 5);
        QCOMPARE(health.resolved, 0);
        QList<std::pair<QDate, int>> perDay;
        for (int day = 17; day <= 24; ++day)
            perDay.append({QDate(2026, 11, day), day == 21 || day == 22 || day == 24 ? 1 : day == 23 ? 2 : 0});
        QCOMPARE(health.perDay, perDay);
        QVERIFY(!health.mostAffected.isEmpty());
        QVERIFY(report::healthReportHtml(health).html.contains("Dealer Revenue Overview"));
    }

    // Owners: raw (O'Brien), mart (Hannah), dashboard 2 (Lee); channels on the same three.
    // Dashboard 1 has neither, and nothing downstream: an incident there reaches nobody.
    void ownershipReport()
    {
        const auto gaps = ownershipGaps(*m_estate.graph);
        QCOMPARE(gaps.assets, 4);
        QCOMPARE(gaps.withOwner, 3);
        QCOMPARE(gaps.withChannel, 3);
        QCOMPARE(gaps.consumers.size(), 1);
        QCOMPARE(gaps.consumers[0].asset.key, "looker:dashboard:1");
        QCOMPARE(gaps.silent, QStringList {"looker:dashboard:1"});
        const QString html = report::ownershipReportHtml(gaps).html;
        QVERIFY(!html.contains("<script"));
        QVERIFY(html.contains("&lt;script&gt;") || !html.contains("script"));
        QVERIFY(html.contains("owner and channel"));
        QCOMPARE(
            QString::fromUtf8(report::ownershipReportCsv(gaps)),
            QString::fromUtf8("kind,key,name,problem\r\ndashboard,looker:dashboard:1,\"لوحة الإيرادات & \"\"KPIs\"\"\","
                              "no_owner_or_channel\r\n,looker:dashboard:1,,silent\r\n"));
    }

    void healthReport()
    {
        const QDateTime to(QDate(2025, 11, 20), QTime(6, 0, 0, 1), Qt::UTC);
        const auto data = collectHealthReport(*m_estate.workspace, *m_estate.graph, to.addDays(-7), to);
        QCOMPARE(data.total, 1);
        QCOMPARE(data.open, 1);
        QCOMPARE(data.resolved, 0);
        QCOMPARE(data.acknowledged, 1);
        QCOMPARE(data.medianAckMs, 1800 * 1000); // acknowledged 30 min after detection
        QCOMPARE(data.medianResolveMs, -1);
        QCOMPARE(data.byTeamKind.size(), 1);
        QCOMPARE(data.byTeamKind[0].team, QString::fromUtf8("فريق البيانات"));
        QCOMPARE(data.mostAffected.size(), 2);
        QCOMPARE(data.incidents.size(), 1);
        QCOMPARE(data.incidents[0].consumers, 2);
        const QString csv = QString::fromUtf8(report::healthReportCsv(data));
        QVERIFY(csv.contains(",volume,SEV-2,acknowledged,false,1800,,2\r\n"));
        const QString html = report::healthReportHtml(data).html;
        QVERIFY(!html.contains("<script"));
        QVERIFY(!html.contains("<img"));
        QVERIFY(html.contains("Incidents: 1 (1 open, 0 resolved). Median time to acknowledge 30 min"));
        // Outside the period: nothing.
        QCOMPARE(collectHealthReport(*m_estate.workspace, *m_estate.graph, to.addDays(-30), to.addDays(-8)).total, 0);
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
