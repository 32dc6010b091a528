#include "historywriter.h"

#include "detect/detection.h"
#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
const QString kOrders = QStringLiteral("proj.sales.orders");

// Monday 2026-10-05 plus d days, at the given hour (UTC).
QDateTime day(int d, int hour = 7)
{
    return QDateTime(QDate(2026, 10, 5).addDays(d), QTime(hour, 0), Qt::UTC);
}

// A deterministic wobble of -2..+2.
int wobble(int d)
{
    return (d * 7) % 5 - 2;
}

QString rowCount()
{
    return QString::fromUtf16(metric::RowCount);
}
QString lastModified()
{
    return QString::fromUtf16(metric::LastModified);
}
} // namespace

class TestDetection : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    int m_n = 0;

    Workspace& fresh()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("w%1.sightline").arg(++m_n)), Workspace::OpenMode::Create);
        return *m_ws;
    }

    // One daily capture at 07:00 of a table's row count, updated at 06:00 the same day.
    void writeDaily(HistoryWriter& h, const QList<double>& rows, int firstDay = 0)
    {
        for (qsizetype d = 0; d < rows.size(); ++d) {
            const int dayIndex = firstDay + int(d);
            h.capture(day(dayIndex), [&](WorkspaceWriter& w) {
                w.asset(HistoryWriter::table(kOrders));
                w.observation(HistoryWriter::obs(kOrders, rowCount(), day(dayIndex), rows[d]));
                w.observation(
                    HistoryWriter::obs(kOrders, lastModified(), day(dayIndex), double(toStoredTime(day(dayIndex, 6)))));
            });
        }
    }

    // Append-only growth: 100,000 rows a day with a small wobble.
    static QList<double> growing(int days, double start = 40'000'000)
    {
        QList<double> rows {start};
        for (int d = 1; d < days; ++d)
            rows.append(rows.last() + 100'000 + 2'000 * wobble(d));
        return rows;
    }

private Q_SLOTS:
    void deletionFromAppendOnlyTable()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(30);
        const double before = rows.last();
        rows.append(before - 150'000);
        writeDaily(h, rows);
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.assetsChecked, 1);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.detector, QStringLiteral("volume.deletion"));
        QCOMPARE(i.kind, IncidentKind::Volume);
        QCOMPARE(i.assetKey, kOrders);
        QCOMPARE(i.detectedAt, day(30));
        QCOMPARE(i.windowStart, day(29));
        QCOMPARE(i.windowEnd, day(30));
        QCOMPARE(*i.observed, before - 150'000);
        QCOMPARE(*i.expectedLow, before);
        QCOMPARE(*i.expectedHigh, before + 100'000);
        QCOMPARE(i.direction, QStringLiteral("down"));
        QCOMPARE(*i.score, 1.5);
        QVERIFY(i.id > 0);
        QVERIFY(!i.fingerprint.isEmpty());
        QCOMPARE(i.trainingStart, day(2));
        QCOMPARE(i.trainingEnd, day(29));
        QVERIFY2(i.explanation.startsWith(QStringLiteral("150,000 rows (0.35 %) disappeared from proj.sales.orders "
                                                         "between 2026-11-03T07:00:00Z and 2026-11-04T07:00:00Z")),
                 qPrintable(i.explanation));
        // Nothing downstream: one level below the detector's SEV-2.
        QCOMPARE(i.severity, Severity::Sev3);
    }

    void deletionNeedsNoHistory()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        writeDaily(h, {1000, 1100, 1200, 1300, 1400, 1500, 1450});
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        QCOMPARE(report.newIncidents.first().detector, QStringLiteral("volume.deletion"));
        QCOMPARE(*report.newIncidents.first().observed, 1450.0);
        // Freshness has seen six days only: silent, and says so.
        QCOMPARE(report.silent.size(), 1);
        QVERIFY(report.silent.at(0).startsWith(QStringLiteral("proj.sales.orders: freshness: not enough history")));
    }

    void coldStartIsSilent()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        // A 10x jump after three points: too little history to call it a spike.
        writeDaily(h, {1000, 1100, 1200, 11200});
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 0);
        QCOMPARE(report.silent.size(), 2);
    }

    void increments_data()
    {
        QTest::addColumn<double>("increment");
        QTest::addColumn<QString>("direction");
        QTest::addRow("collapse") << 10'000.0 << QStringLiteral("down");
        QTest::addRow("spike") << 1'000'000.0 << QStringLiteral("up");
        QTest::addRow("usual") << 103'000.0 << QString();
        QTest::addRow("somewhat low") << 80'000.0 << QString();
    }

    void increments()
    {
        QFETCH(double, increment);
        QFETCH(QString, direction);
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(30);
        rows.append(rows.last() + increment);
        writeDaily(h, rows);
        const DetectionReport report = runDetection(ws);
        if (direction.isEmpty()) {
            QCOMPARE(report.newIncidents.size(), 0);
            return;
        }
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.detector, QStringLiteral("volume.increment"));
        QCOMPARE(i.direction, direction);
        QCOMPARE(i.detectedAt, day(30));
        QCOMPARE(*i.expectedLow < *i.observed, direction == u"up");
        QVERIFY(*i.score > 5);
        // Weekday increments (the judged day is a Wednesday) are the centre; the band is the 5 %
        // floor times 6.5 below and 6 above, in log space.
        QVERIFY2(i.explanation.contains(QStringLiteral("where it usually grows by 100,000 (72,252 to 134,986")),
                 qPrintable(i.explanation));
        QVERIFY2(i.explanation.contains(QStringLiteral("over 28 loads since 2026-10-07T07:00:00Z")),
                 qPrintable(i.explanation));
    }

    void rebuiltTableLosesRows()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows;
        for (int d = 0; d < 30; ++d)
            rows.append(1'000'000 * (1 + 0.02 * wobble(d)));
        rows.append(550'000);
        rows.append(1'010'000); // rebuilt whole again the next day: no second incident
        writeDaily(h, rows);
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.detector, QStringLiteral("volume.level"));
        QCOMPARE(i.direction, QStringLiteral("down"));
        QCOMPARE(i.detectedAt, day(30));
        QCOMPARE(*i.observed, 550'000.0);
        QVERIFY(*i.expectedLow > 550'000 && *i.expectedLow < 1'000'000);
        QVERIFY2(i.explanation.contains(QStringLiteral("(rebuilt each run) went from")), qPrintable(i.explanation));
    }

    void stopsGrowingWhileWritten()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(30);
        for (int d = 0; d < 4; ++d)
            rows.append(rows.last());
        writeDaily(h, rows);
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.detector, QStringLiteral("volume.stalled"));
        // Growth every 24 h, so 30 h is the longest allowed: late at the second flat capture.
        QCOMPARE(i.detectedAt, day(31));
        QCOMPARE(i.windowStart, day(30, 13));
        QCOMPARE(i.observedText, QStringLiteral("no growth for 2.0 d"));
    }

    void lateUpdate()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        qint64 last = 0;
        for (int d = 0; d < 32; ++d) {
            for (int hour : {1, 7, 13, 19}) {
                // Daily at 06:00, except day 30's load, which never comes.
                if (hour == 7 && d != 30)
                    last = toStoredTime(day(d, 6));
                h.capture(day(d, hour), [&](WorkspaceWriter& w) {
                    w.asset(HistoryWriter::table(kOrders));
                    w.observation(HistoryWriter::obs(kOrders, lastModified(), day(d, hour), double(last)));
                });
            }
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.kind, IncidentKind::Freshness);
        QCOMPARE(i.detector, QStringLiteral("freshness.late"));
        QCOMPARE(i.detectedAt, day(30, 13));
        QCOMPARE(i.windowStart, day(30, 12));
        QCOMPARE(*i.observed, 31.0);
        QCOMPARE(*i.expectedLow, 24.0);
        QCOMPARE(*i.expectedHigh, 30.0);
        QCOMPARE(i.direction, QStringLiteral("late"));
        QVERIFY2(i.explanation.startsWith(
                     QStringLiteral("proj.sales.orders was last updated at 2026-11-03T06:00:00Z and still not at "
                                    "2026-11-04T13:00:00Z (31 h later)")),
                 qPrintable(i.explanation));
    }

    void neverUpdatingTableIsNotLate()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        const double once = double(toStoredTime(day(-100)));
        for (int d = 0; d < 40; ++d) {
            h.capture(day(d), [&](WorkspaceWriter& w) {
                w.asset(HistoryWriter::table(kOrders));
                w.observation(HistoryWriter::obs(kOrders, lastModified(), day(d), once));
                w.observation(HistoryWriter::obs(kOrders, rowCount(), day(d), 500));
            });
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 0);
        QCOMPARE(report.silent.size(), 1);
        QVERIFY(report.silent.first().contains(QStringLiteral("freshness")));
    }

    void weekdayOnlyLoads()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        qint64 last = 0;
        int incidentsBefore = 0;
        for (int d = 0; d < 45; ++d) {
            const bool weekday = d % 7 < 5;
            for (int hour : {1, 7, 13, 19}) {
                if (hour == 7 && weekday && d != 37) // day 37 is a Wednesday: its load never comes
                    last = toStoredTime(day(d, 6));
                h.capture(day(d, hour), [&](WorkspaceWriter& w) {
                    w.asset(HistoryWriter::table(kOrders));
                    w.observation(HistoryWriter::obs(kOrders, lastModified(), day(d, hour), double(last)));
                });
            }
            if (d == 35)
                incidentsBefore = int(runDetection(ws).newIncidents.size());
        }
        // Five weeks of weekends are not late.
        QCOMPARE(incidentsBefore, 0);
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        QCOMPARE(report.newIncidents.first().detectedAt, day(37, 13));
    }

    void schemaChanges()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        const QString other = QStringLiteral("proj.sales.notes");
        const QString dashboard = QStringLiteral("looker:dashboard:7");
        auto withColumns = [](Asset a, const QList<std::pair<QString, QString>>& columns) {
            a.physicalColumns = true;
            int ordinal = 1;
            for (const auto& [name, type] : columns)
                a.columns.append(Column {name, type, ordinal++, {}});
            return a;
        };
        const QList<std::pair<QString, QString>> v1 = {
            {"id", "INT64"}, {"amount", "NUMERIC"}, {"created_at", "TIMESTAMP"}};
        const QList<std::pair<QString, QString>> v2 = {
            {"id", "STRING"}, {"created_at", "TIMESTAMP"}, {"note", "STRING"}};
        for (int d = 0; d < 3; ++d) {
            h.capture(day(d), [&](WorkspaceWriter& w) {
                w.asset(withColumns(HistoryWriter::table(kOrders), d < 2 ? v1 : v2));
                w.asset(withColumns(HistoryWriter::table(other),
                                    d < 2 ? v1 : v1 + QList<std::pair<QString, QString>> {{"extra", "BOOL"}}));
                w.asset(HistoryWriter::table(dashboard, AssetKind::Dashboard));
                w.edge(kOrders, dashboard);
            });
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 2);
        const Incident& breaking =
            report.newIncidents.at(1).assetKey == kOrders ? report.newIncidents.at(1) : report.newIncidents.at(0);
        const Incident& added =
            report.newIncidents.at(1).assetKey == kOrders ? report.newIncidents.at(0) : report.newIncidents.at(1);
        QCOMPARE(breaking.kind, IncidentKind::Schema);
        QCOMPARE(breaking.observedText,
                 QStringLiteral("removed amount (NUMERIC); retyped id INT64 -> STRING; added note (STRING)"));
        QCOMPARE(breaking.detectedAt, day(2));
        QCOMPARE(breaking.windowStart, day(0));
        // A removal and a retype with a dashboard downstream: SEV-2 raised to SEV-1.
        QCOMPARE(breaking.severity, Severity::Sev1);
        QCOMPARE(*breaking.score, 4.0);
        QCOMPARE(added.observedText, QStringLiteral("added extra (BOOL)"));
        QCOMPARE(added.column, QStringLiteral("extra"));
        QCOMPARE(added.severity, Severity::Sev4);
        QVERIFY(*breaking.score > *added.score);
    }

    void reorderedColumns()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        for (int d = 0; d < 2; ++d) {
            h.capture(day(d), [&](WorkspaceWriter& w) {
                Asset a = HistoryWriter::table(kOrders);
                a.physicalColumns = true;
                a.columns = {Column {QStringLiteral("a"), QStringLiteral("INT64"), d == 0 ? 1 : 2, {}},
                             Column {QStringLiteral("b"), QStringLiteral("INT64"), d == 0 ? 2 : 1, {}}};
                w.asset(a);
            });
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        QCOMPARE(report.newIncidents.first().observedText, QStringLiteral("reordered columns"));
    }

    void nullRateJump()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        const QString nullRate = QString::fromUtf16(metric::NullRate);
        for (int d = 0; d < 21; ++d) {
            h.capture(day(d), [&](WorkspaceWriter& w) {
                w.asset(HistoryWriter::table(kOrders));
                const double value = d < 20 ? 0.010 + 0.001 * wobble(d) : 0.30;
                w.observation(HistoryWriter::obs(kOrders, nullRate, day(d), value, QStringLiteral("email")));
            });
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.kind, IncidentKind::Distribution);
        QCOMPARE(i.column, QStringLiteral("email"));
        QCOMPARE(i.detector, QStringLiteral("distribution.null_rate"));
        QCOMPARE(i.direction, QStringLiteral("up"));
        QCOMPARE(*i.observed, 0.30);
        QCOMPARE(i.detectedAt, day(20));
    }

    void externalResults()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        const QStringList testStatuses = {"pass", "fail", "fail", "pass", "error"};
        for (int d = 0; d < testStatuses.size(); ++d) {
            h.capture(day(d), [&](WorkspaceWriter& w) {
                w.asset(HistoryWriter::table(kOrders));
                RunResult test;
                test.assetKey = kOrders;
                test.kind = RunResult::Kind::Test;
                test.name = QStringLiteral("not_null_orders_id");
                test.column = QStringLiteral("id");
                test.status = testStatuses[d];
                test.at = day(d, 6);
                w.runResult(test);
                RunResult freshness;
                freshness.assetKey = kOrders;
                freshness.kind = RunResult::Kind::Freshness;
                freshness.status = d == 3 ? QStringLiteral("warn") : QStringLiteral("pass");
                freshness.at = day(d, 5);
                w.runResult(freshness);
                RunResult run;
                run.assetKey = kOrders;
                run.kind = RunResult::Kind::Run;
                run.name = QStringLiteral("orders");
                run.status = d == 4 ? QStringLiteral("error") : QStringLiteral("success");
                run.message = QStringLiteral("Database Error: table not found");
                run.at = day(d, 4);
                w.runResult(run);
            });
        }
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 4);
        int tests = 0;
        int freshness = 0;
        for (const auto& i : report.newIncidents) {
            (i.kind == IncidentKind::Freshness ? freshness : tests)++;
            QCOMPARE(i.direction, QStringLiteral("failed"));
        }
        QCOMPARE(tests, 3);
        QCOMPARE(freshness, 1);
        // Sorted by detection time: the run failed at 04:00, before the test at 06:00.
        const Incident& run = report.newIncidents.at(2);
        QCOMPARE(run.detector, QStringLiteral("external.run"));
        QCOMPARE(run.explanation,
                 QStringLiteral("Run 'orders' on proj.sales.orders reported 'error' at "
                                "2026-10-09T04:00:00Z: Database Error: table not found."));
    }

    void rerunChangesNothing()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(30);
        rows.append(rows.last() - 150'000);
        rows.append(rows.last() + 10'000);
        writeDaily(h, rows);
        const DetectionReport first = runDetection(ws);
        QCOMPARE(first.newIncidents.size(), 2);
        const auto dump = [&] {
            QStringList rowsOut;
            auto stmt = ws.db().prepare("SELECT * FROM incident ORDER BY id");
            while (stmt.step()) {
                QStringList cells;
                for (int c = 0; c < stmt.columnCount(); ++c)
                    cells.append(stmt.text(c));
                rowsOut.append(cells.join(u'|'));
            }
            return rowsOut;
        };
        const QStringList before = dump();
        const DetectionReport second = runDetection(ws);
        QCOMPARE(second.newIncidents.size(), 0);
        QCOMPARE(second.existingIncidents, 2);
        QCOMPARE(dump(), before);
        QCOMPARE(ws.db().queryInt("SELECT count(*) FROM incident_event"), 2);

        // A new snapshot only adds judgements of its own points.
        writeDaily(h, {rows.last() - 1}, int(rows.size()));
        const DetectionReport third = runDetection(ws);
        QCOMPARE(third.newIncidents.size(), 1);
        QCOMPARE(third.existingIncidents, 2);
        QCOMPARE(third.newIncidents.first().detectedAt, day(int(rows.size())));
    }

    void asOfJudgesTheHistoryUpToThen()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(30);
        rows.append(rows.last() - 150'000);
        writeDaily(h, rows);
        DetectionOptions options;
        options.asOf = day(29);
        QCOMPARE(runDetection(ws, options).newIncidents.size(), 0);
        QCOMPARE(runDetection(ws).newIncidents.size(), 1);
    }

    void cancelWritesNothing()
    {
        Workspace& ws = fresh();
        HistoryWriter h(ws);
        QList<double> rows = growing(10);
        rows.append(rows.last() - 150'000);
        writeDaily(h, rows);
        DetectionOptions options;
        options.progress = [](int, int) { return false; };
        QVERIFY(runDetection(ws, options).cancelled);
        QCOMPARE(ws.db().queryInt("SELECT count(*) FROM incident"), 0);
    }
};

QTEST_GUILESS_MAIN(TestDetection)
#include "tst_detection.moc"
