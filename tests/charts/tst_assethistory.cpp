#include "charts/assethistory.h"
#include "historyfixture.h"
#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QTest>

using namespace sightline;
using namespace sightline::test::history;

using Points = QList<QPointF>;

class TestAssetHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshness();
    void schema();
    void fromImportedCaptures();
    void unknownAsset();
};

static double ms(const QDateTime& t)
{
    return double(t.toMSecsSinceEpoch());
}

static constexpr double kHour = 3600000.0;

void TestAssetHistory::freshness()
{
    // (capture, last modified): updated at 1h, seen at 2h and 3h; updated at 5h, seen at 6h; an
    // update at 6.5h seen only at 9h, whose capture also shows it.
    const Points observed {
        {2 * kHour, 1 * kHour}, {3 * kHour, 1 * kHour}, {6 * kHour, 5 * kHour}, {9 * kHour, 6.5 * kHour}};
    Points updates;
    Points staleness;
    freshnessSeries(observed, updates, staleness);
    QCOMPARE(updates, (Points {{1 * kHour, 0}, {5 * kHour, 4}, {6.5 * kHour, 1.5}}));
    QCOMPARE(
        staleness,
        (Points {{2 * kHour, 1}, {3 * kHour, 2}, {5 * kHour, 0}, {6 * kHour, 1}, {6.5 * kHour, 0}, {9 * kHour, 2.5}}));
}

void TestAssetHistory::schema()
{
    const QList<QPair<QDateTime, QByteArray>> versions {
        {day(1), R"([["id","INT64",1],["amount","NUMERIC",2],["customer","STRING",3]])"},
        {day(2), R"([["id","INT64",1],["customer","STRING",2],["amount","FLOAT64",3],["region","STRING",4]])"},
        {day(3), R"([["id","INT64",1],["region","STRING",2]])"},
    };
    const QList<SchemaChange> changes = schemaChanges(versions);
    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes[0].version, 1);
    QCOMPARE(changes[0].columnCount, 3);
    QVERIFY(changes[0].added.isEmpty() && changes[0].removed.isEmpty());
    QCOMPARE(changes[1].at, day(2));
    QCOMPARE(changes[1].added, QStringList {"region"});
    QCOMPARE(changes[1].retyped, QStringList {"amount: NUMERIC → FLOAT64"});
    QCOMPARE(changes[1].moved, (QStringList {"customer", "amount"}));
    QCOMPARE(changes[2].removed, (QStringList {"customer", "amount"}));
    QVERIFY(changes[2].moved.isEmpty());
    QCOMPARE(changes[2].columnCount, 2);
}

void TestAssetHistory::fromImportedCaptures()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ws.sightline");
    QString error;
    QVERIFY2(buildWorkspace(path, dir.path(), &error), qPrintable(error));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        Incident incident;
        incident.detector = QStringLiteral("volume.deletion");
        incident.kind = IncidentKind::Volume;
        incident.assetKey = kTable;
        incident.detectedAt = day(6);
        incident.windowStart = day(5);
        incident.windowEnd = day(6);
        incident.observed = 1200;
        incident.severity = Severity::Sev2;
        incident.explanation = QStringLiteral("150 rows deleted from an append-only table");
        incident.fingerprint = QStringLiteral("volume.deletion:orders:6");
        IncidentStore(ws->db()).record(incident);
        Annotation note;
        note.assetKey = kTable;
        note.at = day(6);
        note.text = QStringLiteral("upstream clean-up");
        AnnotationStore(ws->db()).add(note);
    }

    auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
    const AssetHistory h = loadAssetHistory(*ws, kTable);
    QVERIFY2(h.error.isEmpty(), qPrintable(h.error));
    QCOMPARE(h.dataTime, day(8));

    Points rows;
    for (int d = 1; d <= kDays; ++d)
        rows.append(QPointF(ms(day(d)), kRows[d - 1]));
    QCOMPARE(h.rows, rows);
    QCOMPARE(h.rowChanges,
             (Points {{ms(day(2)), 100},
                      {ms(day(3)), 100},
                      {ms(day(5)), 150},
                      {ms(day(6)), -150},
                      {ms(day(7)), 100},
                      {ms(day(8)), 100}}));
    // Until the detectors land, no band is known.
    QVERIFY(h.rowBand.isEmpty());

    // Day 4 had no load: 48 hours between the updates of day 3 and day 5, 26 hours stale at day 4.
    QCOMPARE(h.updates,
             (Points {{ms(day(1, 4)), 0},
                      {ms(day(2, 4)), 24},
                      {ms(day(3, 4)), 24},
                      {ms(day(5, 4)), 48},
                      {ms(day(6, 4)), 24},
                      {ms(day(7, 4)), 24},
                      {ms(day(8, 4)), 24}}));
    Points staleness {{ms(day(1)), 2}};
    for (int d = 2; d <= kDays; ++d) {
        if (d != 4)
            staleness.append(QPointF(ms(day(d, 4)), 0));
        staleness.append(QPointF(ms(day(d)), d == 4 ? 26 : 2));
    }
    QCOMPARE(h.staleness, staleness);

    QCOMPARE(h.schema.size(), 3);
    QCOMPARE(h.schema[0].at, day(1));
    QCOMPARE(h.schema[0].columnCount, 3);
    QCOMPARE(h.schema[1].at, day(5));
    QCOMPARE(h.schema[1].added, QStringList {"region"});
    QCOMPARE(h.schema[1].retyped, QStringList {"amount: NUMERIC → FLOAT64"});
    QVERIFY(h.schema[1].removed.isEmpty());
    QCOMPARE(h.schema[2].at, day(7));
    QCOMPARE(h.schema[2].removed, QStringList {"customer"});
    QVERIFY(h.schema[2].moved.isEmpty());
    QCOMPARE(h.schema[2].columnCount, 3);

    QCOMPARE(h.incidents.size(), 1);
    QCOMPARE(h.incidents[0].windowEnd, day(6));
    QCOMPARE(h.annotations.size(), 1);
    QCOMPARE(h.annotations[0].text, QStringLiteral("upstream clean-up"));

    QCOMPARE(h.firstX(), ms(day(1)));
    QCOMPARE(h.lastX(), ms(day(8)));
}

void TestAssetHistory::unknownAsset()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath("empty.sightline"), Workspace::OpenMode::Create);
    const AssetHistory h = loadAssetHistory(*ws, QStringLiteral("no.such.table"));
    QCOMPARE(h.error, QStringLiteral("Unknown asset: no.such.table"));
    QVERIFY(h.rows.isEmpty());
}

QTEST_GUILESS_MAIN(TestAssetHistory)
#include "tst_assethistory.moc"
