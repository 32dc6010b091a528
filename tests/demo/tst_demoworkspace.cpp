#include "demo/demoworkspace.h"
#include "import/importerregistry.h"
#include "incidents/incident.h"
#include "lineage/lineagegraph.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// Every file under dir with its hash, by relative path.
QMap<QString, QByteArray> treeHashes(const QString& dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        out.insert(QDir(dir).relativeFilePath(path), fileHash(path));
    }
    return out;
}

QMap<QString, int> kindCounts(const QList<Asset>& assets)
{
    QMap<QString, int> counts;
    for (const auto& a : assets)
        ++counts[kindName(a.kind)];
    return counts;
}

QDateTime at(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), Qt::UTC);
}

qint64 count(Workspace& ws, const char* sql)
{
    auto stmt = ws.db().prepare(sql);
    return stmt.step() ? stmt.int64(0) : -1;
}

// One stored observation of an asset (the whole asset, not a column).
std::optional<double> observed(Workspace& ws, const QString& key, const QString& metric, const QDateTime& when)
{
    auto stmt = ws.db().prepare("SELECT o.value FROM observation o JOIN asset a ON a.id = o.asset_id "
                                "WHERE a.key = ?1 AND o.metric = ?2 AND o.column_name = '' AND o.at = ?3");
    stmt.bind(1, key).bind(2, metric).bind(3, toStoredTime(when));
    if (!stmt.step())
        return std::nullopt;
    return stmt.real(0);
}

const QString kQuotes = "wheelhouse-raw.valuations.valuation_quotes";
const QString kCharges = "wheelhouse-raw.stripe.charges";
const QString kRevenue = "wheelhouse-analytics.marts_finance.mart_dealer_revenue";
const QString kListings = "wheelhouse-analytics.marts_listings.fct_listings";
const QString kImpressions = "wheelhouse-raw.snowplow.listing_impressions";
const QString kPerformance = "wheelhouse-analytics.marts_listings.fct_listing_daily_performance";
} // namespace

class TestDemoWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const auto problems = m_registry.loadPlugins(test::pluginDir());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        for (const char* format : {"dbt-manifest", "dbt-run-results", "dbt-sources", "bigquery-metadata", "looker-api"})
            QVERIFY2(m_registry.byFormat(QString::fromLatin1(format)), format);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("nested/demo.sightline");
        QElapsedTimer timer;
        timer.start();
        m_report = demo::prepare(m_registry, m_path, {}, {}, &m_detection);
        qInfo("demo::prepare (import of %lld snapshots + detection): %lld ms", qlonglong(m_report.snapshotIds.size()),
              qlonglong(timer.elapsed()));
        QVERIFY2(m_report.outcome == ImportReport::Outcome::Imported, qPrintable(m_report.error));
    }

    void sourcesAreBuilt()
    {
        QVERIFY(QFileInfo(demo::sourceDir() + "/manifest.json").isFile());
        QVERIFY(demo::defaultWorkspacePath().endsWith("/demo.sightline"));
        // 2026-09-25 00:00 to 2026-11-24 06:00 UTC every 6 hours, after the manifest.
        const QStringList paths = demo::snapshotPaths();
        QCOMPARE(paths.size(), 1 + 242);
        QVERIFY(paths.first().endsWith("/manifest.json"));
        QVERIFY(paths.at(1).endsWith("/history/2026-09-25T0000"));
        QVERIFY(paths.last().endsWith("/history/2026-11-24T0600"));
    }

    void prepareImportsTheEstate()
    {
        QCOMPARE(m_report.snapshotIds.size(), 243);
        for (const auto& file : std::as_const(m_report.files)) {
            QVERIFY2(file.skipped.isEmpty(), qPrintable(file.path + ": " + file.skipped));
            QVERIFY2(file.warnings.isEmpty(), qPrintable(file.path + ": " + file.warnings.join(u'\n')));
        }

        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        const auto assets = ws->assets();
        // The dbt estate (82: 20 source tables, 3 seeds, 2 snapshots, 47 models, 8 exposures as
        // dashboards, 1 ml, 1 application) plus from Looker 11 explores. The warehouse tables
        // BigQuery and Looker report are the dbt sources and models themselves, and Looker's 8
        // dashboards are the 8 exposures (same URL): one asset each, reported by both systems.
        QCOMPARE(assets.size(), 93);
        const QMap<QString, int> expected {{"source", 20},   {"seed", 3},     {"snapshot", 2}, {"model", 47},
                                           {"dashboard", 8}, {"explore", 11}, {"ml", 1},       {"application", 1}};
        QCOMPARE(kindCounts(assets), expected);
        QCOMPARE(ws->edges().size(), 139);
        QCOMPARE(ws->snapshots().size(), 243);
        // Counted from the files with python: per capture 3 measurements of each of 50 tables and 1
        // (last_modified) of each of 21 views, rows/bytes/seconds of each dbt run, loaded_at of each
        // freshness result, bytes of each successful job, view counts of 8 dashboards at 2 captures.
        // By metric: row_count and size_bytes 12,342, last_modified 17,182, bytes_processed 3,076,
        // execution_seconds 2,745, rows_affected 1,525, loaded_at 1,220, view_count 16.
        QCOMPARE(count(*ws, "SELECT count(*) FROM observation"), 50448);
        // One per table and view (71), and fct_listings' second after its column was dropped.
        QCOMPARE(count(*ws, "SELECT count(*) FROM schema_version"), 72);
        // Counted from the files as for the observations: 3,080 runs (dbt models and BigQuery jobs),
        // 1,525 dbt tests, 1,220 source freshness checks.
        QCOMPARE(count(*ws, "SELECT count(*) FROM run_result"), 5825);
        QCOMPARE(count(*ws, "SELECT count(*) FROM asset WHERE retired_snapshot IS NOT NULL"), 0);
        // Data time: the manifest's, just after the last capture (06:00).
        QCOMPARE(ws->dataTime(), QDateTime(QDate(2026, 11, 24), QTime(6, 15, 42, 118), Qt::UTC));

        const auto focus = ws->asset(demo::initialFocusKey());
        QVERIFY(focus);
        QCOMPARE(focus->kind, AssetKind::Model);
        QCOMPARE(focus->owner, "Hannah Kowalski");
        QCOMPARE(focus->team, "Finance Analytics");
        QCOMPARE(focus->channel, "#data-finance-alerts");
        QCOMPARE(focus->columns.size(), 6);
        QCOMPARE(focus->tags, QStringList({"daily", "finance", "tier-1"}));
        QVERIFY(focus->systems.contains("bigquery"));
        QVERIFY(focus->systems.contains("looker"));

        // Owner only through the dbt group; channel under slack_channel.
        const auto registry = ws->asset("wheelhouse-analytics.staging.stg_vehicle_registry");
        QVERIFY(registry);
        QCOMPARE(registry->owner, "Aisha Rahman");
        QCOMPARE(registry->channel, "#pricing-alerts");

        const auto dashboard = ws->asset("dbt:exposure:wheelhouse.dealer_revenue_overview");
        QVERIFY(dashboard);
        QCOMPARE(dashboard->kind, AssetKind::Dashboard);
        QCOMPARE(dashboard->url, "https://looker.example.com/dashboards/101");
    }

    void lookerDashboardsReachTheWarehouse()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        // Looker's name for the dashboard finds the one asset it shares with its dbt exposure.
        const auto dashboard = ws->asset("looker:dashboard:101");
        QVERIFY(dashboard);
        QCOMPARE(dashboard->key, "dbt:exposure:wheelhouse.dealer_revenue_overview");
        QCOMPARE(dashboard->name, "Dealer Revenue Overview");
        QCOMPARE(dashboard->systems, QStringList({"dbt", "looker"}));
        // Ownership declared in dbt (with team and channel) wins over Looker's dashboard creator.
        QCOMPARE(dashboard->owner, "Hannah Kowalski");
        QCOMPARE(dashboard->channel, "#data-finance-alerts");
        QCOMPARE(dashboard->url, "https://looker.example.com/dashboards/101");

        const auto graph = LineageGraph::fromWorkspace(*ws);
        const auto index = graph->indexOf(dashboard->key);
        QStringList direct;
        for (const auto i : graph->upstream(index))
            direct.append(graph->asset(i).key);
        direct.sort();
        // The exposure's depends_on (two models) and the Looker explore its tiles query.
        QCOMPARE(
            direct,
            QStringList({"looker:explore:wheelhouse::dealer_revenue", "wheelhouse-analytics.marts_dealers.dim_dealers",
                         "wheelhouse-analytics.marts_finance.mart_dealer_revenue"}));
        QSet<QString> upstream;
        for (const auto& r : graph->closureUp(index, -1))
            upstream.insert(graph->asset(r.node).key);
        // Through the explore to the dbt model, and on to the Stripe tables the late load hit.
        QVERIFY(upstream.contains(kRevenue));
        QVERIFY(upstream.contains("wheelhouse-analytics.marts_dealers.dim_dealers"));
        QVERIFY(upstream.contains(kCharges));
        // Every Looker dashboard reaches a warehouse table.
        int lookerDashboards = 0;
        for (const auto& a : graph->assets()) {
            if (a.kind != AssetKind::Dashboard || !a.systems.contains("looker"))
                continue;
            ++lookerDashboards;
            bool table = false;
            for (const auto& r : graph->closureUp(graph->indexOf(a.key), -1))
                table = table || graph->asset(r.node).key.startsWith("wheelhouse-");
            QVERIFY2(table, qPrintable(a.key));
        }
        QCOMPARE(lookerDashboards, 8);
        // The tile that breaks when fct_listings loses price_drop_count.
        const auto listings = graph->indexOf(kListings);
        QSet<QString> downstream;
        for (const auto& r : graph->closureDown(listings, -1))
            downstream.insert(graph->asset(r.node).key);
        QVERIFY(downstream.contains("looker:explore:wheelhouse::listings"));
        QVERIFY(downstream.contains("dbt:exposure:wheelhouse.stock_health")); // Looker dashboard 318
    }

    void deletionIsInTheHistory()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        // Saturday: no load; the clean-up at 10:14 is the only change between two captures.
        const auto before = observed(*ws, kQuotes, "row_count", at(11, 21, 6));
        const auto after = observed(*ws, kQuotes, "row_count", at(11, 21, 12));
        QVERIFY(before && after);
        QCOMPARE(*before - *after, 150000.0);
        QVERIFY(*before > 40e6 && *before < 40.3e6);
        QCOMPARE(*observed(*ws, kQuotes, "last_modified", at(11, 21, 12)),
                 double(QDateTime(QDate(2026, 11, 21), QTime(10, 14, 27, 318), Qt::UTC).toMSecsSinceEpoch()));
        // The trace: yesterday's jobs name who deleted and how.
        auto stmt = ws->db().prepare("SELECT r.status, r.message FROM run_result r JOIN asset a ON a.id = r.asset_id "
                                     "WHERE a.key = ?1 AND r.at = ?2");
        stmt.bind(1, kQuotes).bind(2, toStoredTime(QDateTime(QDate(2026, 11, 21), QTime(10, 14, 27, 318), Qt::UTC)));
        QVERIFY(stmt.step());
        QCOMPARE(stmt.text(0), "success");
        QCOMPARE(stmt.text(1), "DELETE by aisha.rahman@wheelhouse.example");
        // The table only ever grew before.
        auto series = ws->db().prepare("SELECT o.value FROM observation o JOIN asset a ON a.id = o.asset_id "
                                       "WHERE a.key = ?1 AND o.metric = 'row_count' ORDER BY o.at");
        series.bind(1, kQuotes);
        double previous = 0;
        int drops = 0;
        while (series.step()) {
            drops += series.real(0) < previous ? 1 : 0;
            previous = series.real(0);
        }
        QCOMPARE(drops, 1);
    }

    void lateLoadIsInTheHistory()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        const auto stamp = [](int day, int hour, int minute) {
            return double(at(11, day, hour, minute).toMSecsSinceEpoch());
        };
        // The Stripe load normally lands by 02:10; on Monday 16 November it lands at 13:41.
        const double sunday = *observed(*ws, kCharges, "last_modified", at(11, 16, 6));
        QVERIFY(sunday > stamp(15, 2, 0) && sunday < stamp(15, 2, 10));
        QCOMPARE(*observed(*ws, kCharges, "last_modified", at(11, 16, 12)), sunday);
        const double late = *observed(*ws, kCharges, "last_modified", at(11, 16, 18));
        QVERIFY(late > stamp(16, 13, 41) && late < stamp(16, 13, 42));
        // The revenue mart waits for it: built at 05:2x every day, at 14:0x that day.
        const double built = *observed(*ws, kRevenue, "last_modified", at(11, 16, 12));
        QVERIFY(built > stamp(15, 5, 18) && built < stamp(15, 5, 40));
        const double rebuilt = *observed(*ws, kRevenue, "last_modified", at(11, 16, 18));
        QVERIFY(rebuilt > stamp(16, 13, 55) && rebuilt < stamp(16, 14, 20));
        // dbt's source freshness warned at 05:02, and the failed load job is on record.
        QCOMPARE(count(*ws, "SELECT count(*) FROM run_result WHERE kind = 'freshness' AND status = 'warn'"), 4);
        QCOMPARE(count(*ws, "SELECT count(*) FROM run_result WHERE status = 'error'"), 4);
    }

    void droppedColumnIsInTheHistory()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        auto stmt = ws->db().prepare("SELECT s.captured_at, s.columns FROM schema_version s JOIN asset a ON "
                                     "a.id = s.asset_id WHERE a.key = ?1 ORDER BY s.captured_at");
        stmt.bind(1, kListings);
        QVERIFY(stmt.step());
        QCOMPARE(fromStoredTime(stmt.int64(0)), at(9, 25, 6));
        QVERIFY(stmt.text(1).contains("\"price_drop_count\""));
        QVERIFY(stmt.step());
        QCOMPARE(fromStoredTime(stmt.int64(0)), at(11, 11, 6));
        QVERIFY(!stmt.text(1).contains("\"price_drop_count\""));
        QVERIFY(!stmt.step());
        const auto listings = ws->asset(kListings);
        QCOMPARE(listings->columns.size(), 10);
    }

    void volumeCollapseIsInTheHistory()
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        const auto growth = [&ws](const QString& key, const QDateTime& from) {
            return *observed(*ws, key, "row_count", from.addSecs(6 * 3600)) - *observed(*ws, key, "row_count", from);
        };
        // Sunday afternoon's impressions against the Sunday before.
        const double collapsed = growth(kImpressions, at(11, 22, 12));
        const double usual = growth(kImpressions, at(11, 15, 12));
        QVERIFY2(collapsed < 0.15 * usual, qPrintable(QString("%1 vs %2").arg(collapsed).arg(usual)));
        // The daily increment of the performance fact built from them on Monday morning.
        auto stmt = ws->db().prepare("SELECT o.at, o.value FROM observation o JOIN asset a ON a.id = o.asset_id "
                                     "WHERE a.key = ?1 AND o.metric = 'rows_affected' ORDER BY o.at");
        stmt.bind(1, kPerformance);
        QMap<QDate, double> increments;
        while (stmt.step())
            increments.insert(fromStoredTime(stmt.int64(0)).date(), stmt.real(1));
        QCOMPARE(increments.size(), 61); // 25 September to 24 November
        const double monday = increments.value(QDate(2026, 11, 23));
        const double mondayBefore = increments.value(QDate(2026, 11, 16));
        QVERIFY2(monday < 0.2 * mondayBefore, qPrintable(QString("%1 vs %2").arg(monday).arg(mondayBefore)));
        QCOMPARE(monday, 61360.0); // rows_affected in the run_results.json of 23 November
    }

    // prepare() ran the detectors (model/detect) over the history: each injected incident is
    // raised at the capture that shows it, and nothing else is (25 incidents, counted with
    // `sightline detect` and `sightline incidents --json` on the demo workspace).
    void detectorsRaiseTheFourIncidents()
    {
        QCOMPARE(m_detection.newIncidents.size(), 25);
        QMap<QString, Incident> found; // "asset|detector"
        QSet<QDate> days;
        for (const auto& i : std::as_const(m_detection.newIncidents)) {
            found.insert(i.assetKey + u'|' + i.detector, i);
            days.insert(i.detectedAt.date());
        }
        QCOMPARE(days,
                 QSet<QDate>({QDate(2026, 11, 11), QDate(2026, 11, 16), QDate(2026, 11, 21), QDate(2026, 11, 22),
                              QDate(2026, 11, 23)}));

        // (1) The deletion, although 0.37 % of the table.
        const Incident deletion = found.value(kQuotes + "|volume.deletion");
        QCOMPARE(deletion.detectedAt, at(11, 21, 12));
        QCOMPARE(deletion.severity, Severity::Sev1);
        QCOMPARE(deletion.observed.value_or(0), 39997049.0);
        QCOMPARE(deletion.expectedLow.value_or(0), 40147049.0);
        // (2) The late load, on the Stripe tables and the finance models waiting for them
        // (and dbt's own warnings and the failed jobs as external results).
        for (const QString& key : {kCharges, kRevenue}) {
            const Incident late = found.value(key + "|freshness.late");
            QCOMPARE(late.kind, IncidentKind::Freshness);
            QCOMPARE(late.detectedAt, at(11, 16, 12));
        }
        QCOMPARE(found.value(kCharges + "|external.freshness").detectedAt.date(), QDate(2026, 11, 16));
        QCOMPARE(found.value(kCharges + "|external.run").detectedAt.date(), QDate(2026, 11, 16));
        // (3) The dropped column, ranked high for its downstream consumers.
        const Incident schema = found.value(kListings + "|schema.change");
        QCOMPARE(schema.column, "price_drop_count");
        QCOMPARE(schema.detectedAt, at(11, 11, 6));
        QCOMPARE(schema.severity, Severity::Sev1);
        // (4) The collapse, where it started and where it reached the daily increment.
        QCOMPARE(found.value(kImpressions + "|volume.increment").detectedAt, at(11, 22, 12));
        QCOMPARE(found.value(kPerformance + "|volume.increment").detectedAt, at(11, 23, 6));
    }

    // Detection groups incidents that share an upstream cause: the failed Stripe loads explain the
    // late staging views and finance models below them (5 groups, members counted with sqlite3 on
    // a workspace built by `sightline import` + `sightline detect`).
    void detectionGroupsSymptomsUnderTheirCause()
    {
        QCOMPARE(m_detection.groups.size(), 5);
        auto workspace = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        auto stmt =
            workspace->db().prepare("SELECT a.key, count(i.id) FROM incident_group g JOIN asset a ON a.id = "
                                    "g.root_asset JOIN incident i ON i.group_id = g.id GROUP BY g.id ORDER BY a.key");
        QStringList groups;
        while (stmt.step())
            groups.append(stmt.text(0) + u' ' + QString::number(stmt.int64(1)));
        QCOMPARE(groups,
                 QStringList({"wheelhouse-analytics.intermediate.int_listing_engagement_daily 2",
                              "wheelhouse-raw.stripe.charges 8", "wheelhouse-raw.stripe.invoices 4",
                              "wheelhouse-raw.stripe.refunds 4", "wheelhouse-raw.stripe.subscriptions 4"}));
    }

    void prepareAgainIsANoOp()
    {
        const QString dump = test::dumpWorkspace(m_path);
        const QByteArray bytes = fileHash(m_path);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(demo::prepare(m_registry, m_path).outcome, ImportReport::Outcome::NothingNew);
        qInfo("demo::prepare again: %lld ms", qlonglong(timer.elapsed()));
        QCOMPARE(test::dumpWorkspace(m_path), dump);
        QCOMPARE(fileHash(m_path), bytes);
    }

    void cancelLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("demo.sightline");
        int calls = 0;
        const auto report = demo::prepare(
            m_registry, path, [&calls](qint64, qint64, const QString&) { ++calls; }, [&calls] { return calls > 100; });
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QVERIFY(calls > 100);
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        QCOMPARE(ws->snapshots().size(), 0);
    }

    void generatorIsDeterministic()
    {
        // The build wrote the estate; the checked-in generator must write the same bytes again.
        QTemporaryDir dir;
        const QString generator = test::buildDir() + "/resources/sightline-demo-gen";
        QVERIFY(QFileInfo(generator).isExecutable());
        QCOMPARE(QProcess::execute(generator, {dir.path()}), 0);
        const auto written = treeHashes(dir.path());
        QCOMPARE(written.size(), 853);
        QCOMPARE(written, treeHashes(demo::sourceDir()));
    }

private:
    ImporterRegistry m_registry;
    QTemporaryDir m_dir;
    QString m_path;
    ImportReport m_report;
    DetectionReport m_detection;
};

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
