#include "charts/annotationdialog.h"
#include "charts/assethistoryview.h"
#include "charts/chartpanel.h"
#include "charts/chartstyle.h"
#include "historyfixture.h"
#include "incidents/incidentstore.h"
#include "store/workspace.h"
#include "synthhistory.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace sightline;
using namespace sightline::ui;
using namespace sightline::test::history;

class TestAssetHistoryView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void rangeButtons();
    void dragZooms();
    void crosshairTooltip();
    void clickAddsAnnotation();
    void renderRealisticHistory();

private:
    static double ms(const QDateTime& t)
    {
        return double(t.toMSecsSinceEpoch());
    }
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<AssetHistoryView> m_view;
};

static constexpr double kDayMs = 24 * 3600 * 1000.0;

void TestAssetHistoryView::initTestCase()
{
    m_path = m_dir.filePath("ws.sightline");
    QString error;
    QVERIFY2(buildWorkspace(m_path, m_dir.path(), &error), qPrintable(error));
    auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
    Incident incident;
    incident.detector = QStringLiteral("volume.deletion");
    incident.kind = IncidentKind::Volume;
    incident.assetKey = kTable;
    incident.detectedAt = day(6);
    incident.windowStart = day(5);
    incident.windowEnd = day(6);
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

void TestAssetHistoryView::init()
{
    m_view = std::make_unique<AssetHistoryView>();
    m_view->resize(1000, 720);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QSignalSpy loaded(m_view.get(), &AssetHistoryView::historyLoaded);
    m_view->setWorkspace(m_path);
    m_view->showAsset(kTable);
    QVERIFY(loaded.wait(20000));
    QVERIFY2(m_view->history()->error.isEmpty(), qPrintable(m_view->history()->error));
}

void TestAssetHistoryView::cleanup()
{
    m_view.reset();
}

void TestAssetHistoryView::rangeButtons()
{
    // Ranges end at the data time (the newest capture, 2024-03-08 06:00), not at the wall clock.
    const double end = ms(day(8));
    QCOMPARE(m_view->windowEnd(), end);
    QCOMPARE(m_view->windowStart(), end - 30 * kDayMs);

    QTest::mouseClick(m_view->findChild<QAbstractButton*>("range7d"), Qt::LeftButton);
    QCOMPARE(m_view->windowStart(), ms(day(1)));
    QCOMPARE(m_view->windowEnd(), end);
    // Every chart of the page shares the axis.
    for (auto which : {AssetHistoryView::Panel::Rows, AssetHistoryView::Panel::Changes,
                       AssetHistoryView::Panel::Freshness, AssetHistoryView::Panel::Schema}) {
        QCOMPARE(m_view->panel(which)->windowStart(), ms(day(1)));
        QCOMPARE(m_view->panel(which)->windowEnd(), end);
    }
    ChartPanel* rows = m_view->panel(AssetHistoryView::Panel::Rows);
    QCOMPARE(rows->drawnPointCount(0), qsizetype(kDays));

    QTest::mouseClick(m_view->findChild<QAbstractButton*>("range90d"), Qt::LeftButton);
    QCOMPARE(m_view->windowStart(), end - 90 * kDayMs);
    // All: the whole history with 2 % of its span either side.
    QTest::mouseClick(m_view->findChild<QAbstractButton*>("rangeAll"), Qt::LeftButton);
    const double pad = 7 * kDayMs * 0.02;
    QCOMPARE(m_view->windowStart(), ms(day(1)) - pad);
    QCOMPARE(m_view->windowEnd(), end + pad);
    QVERIFY(m_view->findChild<QAbstractButton*>("rangeAll")->isChecked());
}

void TestAssetHistoryView::dragZooms()
{
    QTest::mouseClick(m_view->findChild<QAbstractButton*>("range7d"), Qt::LeftButton);
    ChartPanel* freshness = m_view->panel(AssetHistoryView::Panel::Freshness);
    const int y = int(freshness->plotRect().center().y());
    const int a = int(freshness->pixelAtX(ms(day(3))));
    const int b = int(freshness->pixelAtX(ms(day(6))));
    QTest::mousePress(freshness->viewport(), Qt::LeftButton, {}, QPoint(a, y));
    QTest::mouseMove(freshness->viewport(), QPoint((a + b) / 2, y));
    QTest::mouseMove(freshness->viewport(), QPoint(b, y));
    QTest::mouseRelease(freshness->viewport(), Qt::LeftButton, {}, QPoint(b, y));
    // To the pixel: one pixel is 7 days / plot width.
    const double pixel = 7 * kDayMs / freshness->plotRect().width();
    QVERIFY(std::abs(m_view->windowStart() - ms(day(3))) <= pixel);
    QVERIFY(std::abs(m_view->windowEnd() - ms(day(6))) <= pixel);
    QCOMPARE(m_view->panel(AssetHistoryView::Panel::Rows)->windowStart(), m_view->windowStart());
    QVERIFY(!m_view->findChild<QAbstractButton*>("range7d")->isChecked());
    // No dialog: a drag is not a click.
    QVERIFY(!m_view->findChild<AnnotationDialog*>());
}

void TestAssetHistoryView::crosshairTooltip()
{
    const QString expected = QStringLiteral("2024-03-06 06:00 UTC\n"
                                            "Rows: 1,200 (change -150)\n"
                                            "Expected rows: not learned yet\n"
                                            "Since last update: 2.0 h (updated 2024-03-06 04:00 UTC)\n"
                                            "Expected next update within: not learned yet\n"
                                            "Schema: v2, 4 columns\n"
                                            "SEV-2 volume (open): 150 rows deleted from an append-only table\n"
                                            "Note: upstream clean-up");
    QCOMPARE(m_view->tooltipText(ms(day(6))), expected);
    // Between captures the values are those in force then; day 4 had no load.
    QCOMPARE(m_view->tooltipText(ms(day(4, 12))),
             QStringLiteral("2024-03-04 12:00 UTC\n"
                            "Rows: 1,200 as of 2024-03-04 06:00 UTC\n"
                            "Expected rows: not learned yet\n"
                            "Since last update: 32.0 h (updated 2024-03-03 04:00 UTC)\n"
                            "Expected next update within: not learned yet\n"
                            "Schema: v1, 3 columns"));

    // Hovering near the capture snaps to it and moves the crosshair of every chart.
    QTest::mouseClick(m_view->findChild<QAbstractButton*>("range7d"), Qt::LeftButton);
    ChartPanel* rows = m_view->panel(AssetHistoryView::Panel::Rows);
    const QPoint near(int(rows->pixelAtX(ms(day(6)))) + 3, int(rows->plotRect().center().y()));
    QTest::mouseMove(rows->viewport(), near);
    QTRY_COMPARE(m_view->lastTooltip(), expected);
}

void TestAssetHistoryView::clickAddsAnnotation()
{
    QTest::mouseClick(m_view->findChild<QAbstractButton*>("range7d"), Qt::LeftButton);
    ChartPanel* rows = m_view->panel(AssetHistoryView::Panel::Rows);
    const QPoint at(int(rows->pixelAtX(ms(day(4)))), int(rows->plotRect().center().y()));
    QTest::mouseClick(rows->viewport(), Qt::LeftButton, {}, at);
    auto* dialog = m_view->findChild<AnnotationDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    const double pixel = 7 * kDayMs / rows->plotRect().width();
    QVERIFY(std::abs(ms(dialog->at()) - ms(day(4))) <= pixel + 60000);
    dialog->findChild<QLineEdit*>("annotationText")->setText(QStringLiteral("backfill started"));
    dialog->findChild<QCheckBox*>("excludeFromTraining")->setChecked(true);
    const QDateTime when = dialog->at();
    QSignalSpy added(m_view.get(), &AssetHistoryView::annotationAdded);
    dialog->accept();
    QVERIFY(added.wait(10000));

    // Shown at once, and in the workspace.
    QCOMPARE(m_view->history()->annotations.size(), 2);
    auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
    const QList<Annotation> stored = AnnotationStore(ws->db()).annotations(kTable);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[0].text, QStringLiteral("backfill started"));
    QCOMPARE(stored[0].at, when);
    QVERIFY(stored[0].excludeFromTraining);
    QCOMPARE(stored[0].id, added.first().first().toLongLong());
    QVERIFY(m_view->tooltipText(ms(when)).endsWith(QStringLiteral("Note: backfill started (excluded from training)")));

    // Its marker is found under the mouse, and removing it (the chart's context menu) deletes it.
    const qint64 id = stored[0].id;
    QCOMPARE(m_view->annotationNear(ms(when) + 60000), id);
    QCOMPARE(m_view->annotationNear(ms(day(2))), qint64(0));
    QSignalSpy removed(m_view.get(), &AssetHistoryView::annotationRemoved);
    m_view->removeAnnotation(id);
    QVERIFY(removed.wait(10000));
    QCOMPARE(removed.first().first().toLongLong(), id);
    QCOMPARE(m_view->history()->annotations.size(), 1);
    QCOMPARE(AnnotationStore(ws->db()).annotations(kTable).size(), 1);

    // Cancelling writes nothing.
    QTest::mouseClick(rows->viewport(), Qt::LeftButton, {}, at + QPoint(40, 0));
    QTRY_VERIFY(m_view->findChild<AnnotationDialog*>());
    m_view->findChild<AnnotationDialog*>()->reject();
    QTest::qWait(50);
    QCOMPARE(AnnotationStore(ws->db()).annotations(kTable).size(), 1);
}

void TestAssetHistoryView::renderRealisticHistory()
{
    // The page on a realistic history; SIGHTLINE_CHARTS_PNG=dir keeps the images to look at.
    m_view->setHistory(std::make_shared<AssetHistory>(test::syntheticHistory(20'000)));
    for (auto range : {AssetHistoryView::Range::All, AssetHistoryView::Range::Month}) {
        m_view->setRange(range);
        QCoreApplication::processEvents();
        const QImage image = m_view->grab().toImage();
        QCOMPARE(image.size(), m_view->size() * image.devicePixelRatio());
        ChartPanel* rows = m_view->panel(AssetHistoryView::Panel::Rows);
        // Downsampled to the plot width, never the raw 20,000 points.
        QVERIFY(rows->drawnPointCount(0) <= qsizetype(rows->plotRect().width()));
        QVERIFY(rows->drawnPointCount(0) > 100);
        const QString dir = qEnvironmentVariable("SIGHTLINE_CHARTS_PNG");
        if (!dir.isEmpty())
            QVERIFY(image.save(dir + QStringLiteral("/history-%1.png").arg(int(range))));
    }

    // A dark palette (the app's future dark theme): the chart background follows it and the
    // lines stay far from it in lightness.
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x9b, 0xe9));
    dark.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    dark.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    m_view->setPalette(dark);
    QCoreApplication::processEvents();
    const ChartColors colors = chartColors(dark);
    for (const QColor& c : {colors.primary, colors.secondary, colors.incident, colors.annotation, colors.text})
        QVERIFY2(std::abs(c.lightness() - colors.background.lightness()) > 80, qPrintable(c.name()));
    const QImage image = m_view->grab().toImage();
    ChartPanel* rows = m_view->panel(AssetHistoryView::Panel::Rows);
    const QPoint inside =
        (rows->mapTo(m_view.get(), rows->plotRect().topLeft().toPoint()) + QPoint(3, 3)) * image.devicePixelRatio();
    QCOMPARE(image.pixelColor(inside).lightness(), colors.background.lightness());
    const QString dir = qEnvironmentVariable("SIGHTLINE_CHARTS_PNG");
    if (!dir.isEmpty())
        QVERIFY(image.save(dir + QStringLiteral("/history-dark.png")));
}

QTEST_MAIN(TestAssetHistoryView)
#include "tst_assethistoryview.moc"
