#include "historywriter.h"

#include "detect/band.h"
#include "detect/detection.h"
#include "detect/feedback.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
const QString kOrders = QStringLiteral("proj.sales.orders");

QDateTime day(int d, int hour = 7)
{
    return QDateTime(QDate(2026, 10, 5).addDays(d), QTime(hour, 0), Qt::UTC);
}

QString rowCount()
{
    return QString::fromUtf16(metric::RowCount);
}
} // namespace

class TestDetectFeedback : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    int m_n = 0;

    // Daily increments: 100,000 (+/- 1,000) up to day `change`, then `after` per day.
    Workspace& appendOnly(int days, int change, double after)
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("w%1.sightline").arg(++m_n)), Workspace::OpenMode::Create);
        HistoryWriter h(*m_ws);
        double rows = 1'000'000;
        for (int d = 0; d < days; ++d) {
            rows += d < change ? 100'000 + 1'000 * (d % 3 - 1) : after;
            h.capture(day(d), [&](WorkspaceWriter& w) {
                w.asset(HistoryWriter::table(kOrders));
                w.observation(HistoryWriter::obs(kOrders, rowCount(), day(d), rows));
            });
        }
        return *m_ws;
    }

    qint64 assetId()
    {
        return m_ws->db().queryInt("SELECT id FROM asset WHERE key = 'proj.sales.orders'");
    }

private Q_SLOTS:
    void annotationExcludesItsWindow()
    {
        Workspace& ws = appendOnly(31, 30, 10'000);
        // Days 10..12 marked "exclude from training".
        auto stmt = ws.db().prepare("INSERT INTO annotation (asset_id, at, until, text, exclude_from_training, "
                                    "created_at) VALUES (?1, ?2, ?3, 'backfill', 1, 0)");
        stmt.bind(1, assetId()).bind(2, toStoredTime(day(10))).bind(3, toStoredTime(day(12))).exec();
        const DetectionReport report = runDetection(ws);
        QCOMPARE(report.newIncidents.size(), 1);
        const Incident& i = report.newIncidents.first();
        QCOMPARE(i.excludedPoints, (QList<QDateTime> {day(10), day(11), day(12)}));
        // 28 days of training before day 30 hold days 2..29, minus the three excluded.
        QVERIFY2(i.explanation.contains(QStringLiteral("over 25 loads")), qPrintable(i.explanation));
    }

    void resolvedIncidentsLeaveTraining()
    {
        Workspace& ws = appendOnly(31, 30, 10'000);
        QCOMPARE(runDetection(ws).newIncidents.size(), 1);
        ws.db().exec("UPDATE incident SET status = 'false_positive'");
        const auto filters = detect::loadTrainingFilters(ws.db());
        const detect::TrainingFilter filter = filters.value(assetId());
        QVERIFY(filter.excluded(toStoredTime(day(30))));
        QVERIFY(!filter.excluded(toStoredTime(day(29))));
        ws.db().exec("UPDATE incident SET status = 'fixed'");
        QVERIFY(!detect::loadTrainingFilters(ws.db()).value(assetId()).excluded(toStoredTime(day(30))));
    }

    void persistentShiftIsOneIncident()
    {
        Workspace& ws = appendOnly(40, 30, 10'000);
        // Days 30..39 grow by 10,000: one incident (a continuing shift) until relearned.
        const DetectionReport first = runDetection(ws);
        QCOMPARE(first.newIncidents.size(), 1);
        QCOMPARE(first.newIncidents.first().detectedAt, day(30));
        QCOMPARE(first.newIncidents.first().direction, QStringLiteral("down"));
    }

    void trainAsNewNormalRestartsTheBaseline()
    {
        Workspace& ws = appendOnly(45, 30, 300'000);
        const QList<BandPoint> before = expectedBand(ws.db(), assetId(), rowCount());
        QVERIFY(!before.isEmpty());
        // Day 14 is the first point with two weeks of increments behind it.
        QCOMPARE(before.first().at, day(14));
        trainAsNewNormal(ws.db(), assetId(), rowCount(), {}, day(30));
        const QList<BandPoint> after = expectedBand(ws.db(), assetId(), rowCount());
        QVERIFY(!after.isEmpty());
        // Training restarts at day 30: the first judged point needs two weeks after it.
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().at, day(44));
        const BandPoint last = after.last();
        QCOMPARE(last.at, day(44));
        // The band around day 44 is now centred on 300,000 a day.
        const double rows43 = m_ws->db().queryInt(
            "SELECT value FROM observation WHERE metric = 'row_count' ORDER BY at DESC LIMIT 1 OFFSET 1");
        QVERIFY(last.low < rows43 + 300'000 && last.high > rows43 + 300'000);
        QVERIFY(last.low > rows43 + 150'000);
        // And detection judges only from the new baseline: nothing before it, the new rate after it.
        QCOMPARE(runDetection(ws).newIncidents.size(), 0);
    }

    void coldStartHasNoBand()
    {
        Workspace& ws = appendOnly(5, 30, 0);
        QVERIFY(expectedBand(ws.db(), assetId(), rowCount()).isEmpty());
        QVERIFY(expectedBand(ws.db(), 999, rowCount()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDetectFeedback)
#include "tst_detectfeedback.moc"
