#include "charts/seriesmath.h"

#include <QTest>

using namespace sightline;

using Points = QList<QPointF>;
using Band = QList<BandSample>;
using Range = std::pair<qsizetype, qsizetype>;

class TestSeriesMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void visible_data();
    void visible();
    void nearest_data();
    void nearest();
    void bandAt();
    void envelope();
    void changeSeries();
};

static const Points kPoints {{10, 1}, {20, 2}, {30, 3}, {40, 4}, {50, 5}};

void TestSeriesMath::visible_data()
{
    QTest::addColumn<double>("x0");
    QTest::addColumn<double>("x1");
    QTest::addColumn<qsizetype>("first");
    QTest::addColumn<qsizetype>("last");
    QTest::addRow("inside, with a neighbour each side") << 25.0 << 35.0 << qsizetype(1) << qsizetype(4);
    QTest::addRow("on points") << 20.0 << 40.0 << qsizetype(0) << qsizetype(5);
    QTest::addRow("everything") << 0.0 << 100.0 << qsizetype(0) << qsizetype(5);
    QTest::addRow("before all") << 0.0 << 5.0 << qsizetype(0) << qsizetype(1);
    QTest::addRow("after all") << 60.0 << 70.0 << qsizetype(4) << qsizetype(5);
    QTest::addRow("between two") << 31.0 << 39.0 << qsizetype(2) << qsizetype(4);
    QTest::addRow("inverted") << 40.0 << 20.0 << qsizetype(0) << qsizetype(0);
}

void TestSeriesMath::visible()
{
    QFETCH(double, x0);
    QFETCH(double, x1);
    QFETCH(qsizetype, first);
    QFETCH(qsizetype, last);
    QCOMPARE(visibleRange(kPoints, x0, x1), Range(first, last));
}

void TestSeriesMath::nearest_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<qsizetype>("index");
    QTest::addRow("before") << -5.0 << qsizetype(0);
    QTest::addRow("exact") << 30.0 << qsizetype(2);
    QTest::addRow("closer to the right") << 36.0 << qsizetype(3);
    QTest::addRow("tie goes left") << 35.0 << qsizetype(2);
    QTest::addRow("after") << 99.0 << qsizetype(4);
}

void TestSeriesMath::nearest()
{
    QFETCH(double, x);
    QFETCH(qsizetype, index);
    QCOMPARE(nearestIndex(kPoints, x), index);
    QCOMPARE(nearestIndex(Points {}, x), qsizetype(-1));
}

void TestSeriesMath::bandAt()
{
    const Band band {{10, 1, 2}, {20, 3, 4}, {30, 5, 6}};
    QCOMPARE(bandIndexAt(band, 5), qsizetype(0));
    QCOMPARE(bandIndexAt(band, 10), qsizetype(0));
    QCOMPARE(bandIndexAt(band, 19.9), qsizetype(0));
    QCOMPARE(bandIndexAt(band, 20), qsizetype(1));
    QCOMPARE(bandIndexAt(band, 1000), qsizetype(2));
    QCOMPARE(bandIndexAt(Band {}, 1), qsizetype(-1));
}

void TestSeriesMath::envelope()
{
    // Ten samples in [0, 100), merged into 2 buckets of width 50: the lowest low and highest high.
    Band band;
    for (int i = 0; i < 10; ++i)
        band.append(BandSample {double(i * 10), double(10 - i), double(20 + (i == 7 ? 100 : i))});
    QCOMPARE(bandEnvelope(band, 0, 100, 2), (Band {{0, 6, 24}, {50, 1, 120}}));
    // Few enough samples: unchanged, with the neighbours outside the window.
    QCOMPARE(bandEnvelope(band, 25, 45, 5), band.mid(2, 4));
    // Neighbours outside the window stay separate from the buckets.
    QCOMPARE(bandEnvelope(band, 15, 65, 1), (Band {{10, 9, 21}, {20, 4, 26}, {70, 3, 120}}));
    QVERIFY(bandEnvelope(Band {}, 0, 1, 10).isEmpty());
}

void TestSeriesMath::changeSeries()
{
    const Points rows {{1, 1000}, {2, 1100}, {3, 1100}, {4, 950}, {5, 1000}};
    QCOMPARE(changes(rows), (Points {{2, 100}, {4, -150}, {5, 50}}));
    QVERIFY(changes(Points {{1, 5}}).isEmpty());
}

QTEST_GUILESS_MAIN(TestSeriesMath)
#include "tst_seriesmath.moc"
