#include "charts/lttb.h"

#include <QTest>

using namespace sightline;

using Points = QList<QPointF>;

class TestLttb : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exact_data();
    void exact();
    void keepsASingleDip();
    void sizes();
};

static Points series(const QList<double>& ys, double x0 = 0, double step = 1)
{
    Points out;
    for (qsizetype i = 0; i < ys.size(); ++i)
        out.append(QPointF(x0 + double(i) * step, ys[i]));
    return out;
}

void TestLttb::exact_data()
{
    QTest::addColumn<Points>("input");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<Points>("expected");
    // Expectations worked by hand for the first row and cross-checked for all with a reference
    // implementation of Steinarsson's algorithm.
    QTest::addRow("7 to 4") << series({0, 1, 0, 5, 0, 1, 0}) << 4 << Points {{0, 0}, {2, 0}, {3, 5}, {6, 0}};
    QTest::addRow("10 to 5") << series({0, 3, 1, 7, 2, 2, 9, 0, 4, 1}) << 5
                             << Points {{0, 0}, {1, 3}, {3, 7}, {6, 9}, {9, 1}};
    // Ties go to the first point of the bucket.
    QTest::addRow("flat with a dip") << series({5, 5, 5, 5, 5, 5, -3, 5, 5, 5, 5, 5}, 0, 10) << 4
                                     << Points {{0, 5}, {50, 5}, {60, -3}, {110, 5}};
    // x in ms since the epoch, as the charts use it: no precision trouble.
    const double base = 1709251200000.0;
    QTest::addRow("epoch ms") << series({100, 101, 102, 50, 104, 105, 106, 107}, base, 3600000) << 4
                              << Points {{base, 100},
                                         {base + 3 * 3600000.0, 50},
                                         {base + 4 * 3600000.0, 104},
                                         {base + 7 * 3600000.0, 107}};
    QTest::addRow("threshold equals size") << series({1, 2, 3}) << 3 << series({1, 2, 3});
    QTest::addRow("threshold above size") << series({1, 2, 3}) << 10 << series({1, 2, 3});
    QTest::addRow("threshold below 3") << series({1, 2, 3, 4}) << 2 << series({1, 2, 3, 4});
    QTest::addRow("empty") << Points {} << 5 << Points {};
}

void TestLttb::exact()
{
    QFETCH(Points, input);
    QFETCH(int, threshold);
    QFETCH(Points, expected);
    QCOMPARE(lttb(input, threshold), expected);
}

void TestLttb::keepsASingleDip()
{
    // 1 M points of a growing table with one deletion: the dip survives downsampling to 1,000.
    Points points;
    points.reserve(1'000'000);
    for (int i = 0; i < 1'000'000; ++i)
        points.append(QPointF(i, 40'000'000.0 + i * 10.0 - (i == 612'345 ? 150'000.0 : 0.0)));
    const Points out = lttb(points, 1000);
    QCOMPARE(out.size(), 1000);
    QCOMPARE(out.first(), points.first());
    QCOMPARE(out.last(), points.last());
    QVERIFY(out.contains(points[612'345]));
}

void TestLttb::sizes()
{
    Points points = series(QList<double>(101, 1.0));
    for (int threshold : {3, 4, 50, 100})
        QCOMPARE(lttb(points, threshold).size(), threshold);
}

QTEST_GUILESS_MAIN(TestLttb)
#include "tst_lttb.moc"
