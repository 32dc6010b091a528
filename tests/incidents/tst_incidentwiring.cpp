#include "../detect/historywriter.h"
#include "../notify/fakewebhook.h"

#include "charts/assethistoryview.h"
#include "import/importerregistry.h"
#include "incidents/detectionrunner.h"
#include "incidents/incidentdetailpage.h"
#include "incidents/incidentqueuemodel.h"
#include "incidents/incidentspane.h"
#include "incidents/incidentstore.h"
#include "lineage/lineageview.h"
#include "mainwindow/mainwindow.h"
#include "notify/notifydialog.h"

#include <QAction>
#include <QClipboard>
#include <QDockWidget>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sightline;
using namespace sightline::ui;

namespace {

const QString kOrders = QStringLiteral("proj.raw.orders");
const QString kRevenue = QStringLiteral("proj.mart.revenue");
const QString kBoard = QStringLiteral("looker:dashboard:7");

QDateTime day(int d)
{
    return QDateTime(QDate(2026, 10, 5).addDays(d), QTime(7, 0), Qt::UTC);
}

Asset asset(const QString& key, AssetKind kind, const QString& owner, const QString& team, const QString& channel)
{
    Asset a = HistoryWriter::table(key, kind);
    a.owner = owner;
    a.team = team;
    a.channel = channel;
    return a;
}

// 30 days of an append-only orders table feeding a revenue model and a dashboard nobody owns.
// deletionOnLastDay: the last capture shows 150,000 rows deleted (an incident detection finds).
void buildWorkspace(const QString& path, bool deletionOnLastDay)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    HistoryWriter h(*ws);
    double rows = 1'000'000;
    for (int d = 0; d < 30; ++d) {
        rows += deletionOnLastDay && d == 29 ? -150'000 : 100'000 + 1'000 * (d % 3 - 1);
        h.capture(day(d), [&](WorkspaceWriter& w) {
            w.asset(asset(kOrders, AssetKind::Table, QStringLiteral("Priya"), QStringLiteral("Listings"),
                          QStringLiteral("#listings")));
            w.asset(asset(kRevenue, AssetKind::Model, QStringLiteral("Hannah"), QStringLiteral("Finance"),
                          QStringLiteral("#finance")));
            Asset board = asset(kBoard, AssetKind::Dashboard, {}, {}, {});
            board.platform = QStringLiteral("looker");
            board.name = QStringLiteral("Board");
            w.asset(board);
            w.edge(kOrders, kRevenue);
            w.edge(kRevenue, kBoard);
            w.observation(HistoryWriter::obs(kOrders, QString::fromUtf16(metric::RowCount), day(d), rows));
        });
    }
}

Incident incidentOn(const QString& key, int d, const QString& fingerprint, Severity severity)
{
    Incident i;
    i.detector = QStringLiteral("volume.drop");
    i.assetKey = key;
    i.detectedAt = day(d);
    i.windowStart = day(d - 1);
    i.windowEnd = day(d);
    i.expectedLow = 100;
    i.expectedHigh = 120;
    i.observed = 40;
    i.direction = QStringLiteral("down");
    i.severity = severity;
    i.explanation = QStringLiteral("Row count fell to 40 (expected 100-120).");
    i.fingerprint = fingerprint;
    return i;
}

void writeIni(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Under offscreen, QWidget::grab() gives what a user would see; SIGHTLINE_GRAB_DIR keeps it.
void keepPicture(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("SIGHTLINE_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name);
}

} // namespace

// The incident loop wired in the main window: the detail page's chart and root causes, notify
// (routing first, preview, copy, explicit send on a worker), run detection, train as new normal.
class TestIncidentWiring : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_orders = 0; // the earlier incident upstream
    qint64 m_revenue = 0; // the symptom downstream, SEV-1: first in the queue
    std::unique_ptr<MainWindow> m_window;
    IncidentsPane* m_pane = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = m_dir.filePath("w.sightline");
        buildWorkspace(m_path, false);
        {
            auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
            IncidentStore store(ws->db());
            m_orders = store.record(incidentOn(kOrders, 27, "o", Severity::Sev3)).id;
            m_revenue = store.record(incidentOn(kRevenue, 28, "r", Severity::Sev1)).id;
        }
        writeIni(m_dir.filePath("none.ini"), "");
        qputenv("SIGHTLINE_NOTIFY_CONFIG", m_dir.filePath("none.ini").toUtf8());

        m_window = std::make_unique<MainWindow>(std::make_shared<ImporterRegistry>());
        m_window->resize(1500, 1000);
        m_window->show();
        m_pane = m_window->findChild<IncidentsPane*>("incidents");
        QVERIFY(m_pane);
        QSignalSpy queued(m_pane, &IncidentsPane::queueLoaded);
        m_window->openWorkspace(m_path);
        QVERIFY(queued.wait(20000));
        QCOMPARE(m_pane->model()->rowCount(), 2);
        QCOMPARE(m_pane->currentId(), m_revenue);
    }

    void detailPageShowsTheChartOfTheIncident()
    {
        IncidentDetailPage* page = m_pane->detail();
        QTRY_COMPARE(page->incidentId(), m_revenue);
        QTRY_VERIFY(!page->isLoading());
        QVERIFY(page->chartSlot()->isAncestorOf(page->chart()));
        QVERIFY(page->chart()->isVisible());
        QTRY_COMPARE(page->chart()->asset(), kRevenue);

        // Moving to the other incident moves the chart to its asset.
        QTest::keyClick(m_pane->view(), Qt::Key_J);
        QTRY_COMPARE(page->incidentId(), m_orders);
        QTRY_COMPARE(page->chart()->asset(), kOrders);
        QSignalSpy history(page->chart(), &AssetHistoryView::historyLoaded);
        QVERIFY(history.wait(20000) || page->chart()->history());
        QVERIFY(page->chart()->history());
        keepPicture(page->chart(), "incident-chart-orders.png");
        QTest::keyClick(m_pane->view(), Qt::Key_K);
        QTRY_COMPARE(page->incidentId(), m_revenue);
        QTRY_COMPARE(page->chart()->asset(), kRevenue);
    }

    void rootCausesRankTheUpstreamIncidentAndFocusIt()
    {
        IncidentDetailPage* page = m_pane->detail();
        QTRY_COMPARE(page->incidentId(), m_revenue);
        QTRY_VERIFY(!page->isLoading());
        QTRY_VERIFY(!page->causes().isEmpty());
        const CauseCandidate& top = page->causes().first();
        QCOMPARE(top.asset.key, kOrders);
        QCOMPARE(top.distance, 1);
        QVERIFY(!top.evidence.isEmpty());
        QCOMPARE(top.evidence.first().incidentId, m_orders);

        QTreeWidget* tree = page->causesView();
        QTreeWidgetItem* item = tree->topLevelItem(0);
        QCOMPARE(item->data(0, Qt::UserRole).toString(), kOrders);
        QCOMPARE(item->childCount(), int(top.evidence.size()));
        QVERIFY(item->child(0)->text(0).contains(top.evidence.first().text));
        if (!qEnvironmentVariableIsEmpty("SIGHTLINE_GRAB_DIR")) {
            // As a user sees it with the Incidents dock enlarged.
            auto* dock = m_window->findChild<QDockWidget*>("incidentsDock");
            dock->setFloating(true);
            dock->resize(1500, 950);
            QTest::qWait(1500);
            keepPicture(dock, "incident-detail.png");
            dock->setFloating(false);
        }

        QSignalSpy activated(page, &IncidentDetailPage::assetActivated);
        tree->scrollToItem(item);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), kOrders);
        QTRY_COMPARE(m_window->lineage()->focusAsset(), kOrders);
    }

    void notifyShowsRoutingPreviewsAndSends()
    {
        FakeWebhook listings({200});
        writeIni(m_dir.filePath("notify.ini"),
                 "[webhooks]\nlistings=" + listings.url().toEncoded()
                     + "\n[delivery]\nbackoff_ms=10\ntimeout_ms=5000\n");
        qputenv("SIGHTLINE_NOTIFY_CONFIG", m_dir.filePath("notify.ini").toUtf8());
        m_pane->selectIncident(m_orders);
        QTRY_COMPARE(m_pane->detail()->incidentId(), m_orders);

        m_pane->view()->setFocus();
        QTest::keyClick(m_pane->view(), Qt::Key_N);
        auto* dialog = m_pane->findChild<NotifyDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY(!dialog->isLoading());

        // Who will hear, and why, before anything is sent; the unowned dashboard is flagged.
        const QString routing = dialog->routingText();
        QVERIFY2(routing.contains("#listings") && routing.contains("#finance"), qPrintable(routing));
        QVERIFY2(routing.contains("owns orders (the incident's asset)"), qPrintable(routing));
        QVERIFY2(routing.contains("1 downstream consumer(s) nobody will hear about"), qPrintable(routing));
        QVERIFY2(routing.contains("Board dashboard, 2 down — no owner, no channel"), qPrintable(routing));

        // One previewed message per channel; Copy puts exactly the JSON on the clipboard.
        QCOMPARE(dialog->messages().size(), 2);
        QCOMPARE(dialog->messageTabs()->count(), 2);
        QCOMPARE(dialog->messageTabs()->tabText(0), "#listings");
        QCOMPARE(dialog->messageTabs()->tabText(1), "#finance");
        auto* copy = dialog->messageTabs()->widget(1)->findChild<QPushButton*>("copyMessage");
        QVERIFY(copy);
        dialog->messageTabs()->setCurrentIndex(1);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), NotifyDialog::messageJson(dialog->messages().at(1)));
        QVERIFY(QGuiApplication::clipboard()->text().contains("\"blocks\""));

        // Only the channel with a webhook can be sent to; nothing is sent before Send.
        QCOMPARE(dialog->sendableChannels(), QStringList {"#listings"});
        QVERIFY(dialog->sendButton()->isEnabled());
        QCOMPARE(listings.bodies.size(), 0);
        keepPicture(dialog, "notify-dialog.png");

        // The fake server answers on this (the GUI) thread: the send only succeeds because the
        // post runs on a worker while the UI keeps processing events.
        QSignalSpy sent(dialog, &NotifyDialog::sent);
        QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
        QVERIFY(sent.wait(20000));
        QCOMPARE(listings.bodies.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(listings.bodies.first()).object(),
                 QJsonDocument::fromJson(QByteArray::fromStdString(dialog->messages().at(0).payload.dump())).object());
        auto* result0 = dialog->messageTabs()->widget(0)->findChild<QLabel*>("messageResult");
        auto* result1 = dialog->messageTabs()->widget(1)->findChild<QLabel*>("messageResult");
        QCOMPARE(result0->text(), "✔ Delivered to #listings (HTTP 200).");
        QVERIFY2(result1->text().startsWith("No webhook configured for #finance"), qPrintable(result1->text()));
        keepPicture(dialog, "notify-dialog-sent.png");

        // The send is on the timeline, in the workspace and on the page.
        {
            auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
            const auto events = IncidentStore(ws->db()).events(m_orders);
            QCOMPARE(events.size(), 2);
            QCOMPARE(events[1].type, "notified");
            QCOMPARE(events[1].newValue, "#listings");
            QCOMPARE(events[1].comment, "delivered (HTTP 200, 1 attempt)");
        }
        QTRY_VERIFY2(m_pane->detail()->text().contains("notified: #listings"), qPrintable(m_pane->detail()->text()));
        dialog->close();
        qputenv("SIGHTLINE_NOTIFY_CONFIG", m_dir.filePath("none.ini").toUtf8());
    }

    void notifyButtonWithoutWebhooksOnlyPreviews()
    {
        IncidentDetailPage* page = m_pane->detail();
        QTRY_VERIFY(page->notifyButton()->isEnabled());
        QTest::mouseClick(page->notifyButton(), Qt::LeftButton);
        NotifyDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = m_pane->findChild<NotifyDialog*>()) && dialog->isVisible());
        QTRY_VERIFY(!dialog->isLoading());
        QCOMPARE(dialog->messages().size(), 2);
        QVERIFY(dialog->sendableChannels().isEmpty());
        QVERIFY(!dialog->sendButton()->isEnabled());
        dialog->close();
    }

    void trainAsNewNormalAsksThenRestartsTheBaseline()
    {
        IncidentDetailPage* page = m_pane->detail();
        m_pane->selectIncident(m_orders);
        QTRY_COMPARE(page->incidentId(), m_orders);
        QTRY_VERIFY(page->trainButton()->isEnabled());
        const auto baselines = [this] {
            auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
            return ws->db().queryInt("SELECT count(*) FROM training_baseline");
        };
        QString asked;
        page->setConfirm([&asked](QWidget*, const QString& question) {
            asked = question;
            return false;
        });
        QTest::mouseClick(page->trainButton(), Qt::LeftButton);
        QVERIFY(asked.contains(kOrders));
        QVERIFY(asked.contains("2026-10-31 07:00 UTC")); // the incident's window start (day 26)
        QTest::qWait(50);
        QCOMPARE(baselines(), 0);

        page->setConfirm([](QWidget*, const QString&) { return true; });
        QSignalSpy trained(page, &IncidentDetailPage::trained);
        QTest::mouseClick(page->trainButton(), Qt::LeftButton);
        QVERIFY(trained.wait(20000));
        QCOMPARE(trained.first().first().toBool(), true);
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        auto stmt = ws->db().prepare("SELECT a.key, b.metric, b.column_name, b.since FROM training_baseline b JOIN "
                                     "asset a ON a.id = b.asset_id");
        QVERIFY(stmt.step());
        QCOMPARE(stmt.text(0), kOrders);
        QCOMPARE(stmt.text(1), QString());
        QCOMPARE(fromStoredTime(stmt.int64(3)), day(26));
        QVERIFY(!stmt.step());
    }

    void runDetectionFindsTheDeletionOnce()
    {
        const QString path = m_dir.filePath("detect.sightline");
        buildWorkspace(path, true);
        QSignalSpy queued(m_pane, &IncidentsPane::queueLoaded);
        m_window->openWorkspace(path);
        QVERIFY(queued.wait(20000));
        QCOMPARE(m_pane->model()->rowCount(), 0);

        QAction* run = m_window->findChild<QAction*>("runDetection");
        QVERIFY(run);
        QCOMPARE(run->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        auto* runner = m_window->findChild<DetectionRunner*>("detectionRunner");
        QVERIFY(runner);
        QSignalSpy finished(runner, &DetectionRunner::finished);
        queued.clear();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(finished.wait(30000));
        const int added = finished.first().at(0).toInt();
        QVERIFY(added >= 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QVERIFY(finished.first().at(2).toString().isEmpty());
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(
                     QStringLiteral("Detection found %1 new incident").arg(added)),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_COMPARE(m_pane->model()->rowCount(), added);
        bool deletion = false;
        for (int r = 0; r < m_pane->model()->rowCount(); ++r)
            deletion = deletion || m_pane->model()->row(r).incident.assetKey == kOrders;
        QVERIFY(deletion);

        // Deterministic: running again on the same data adds nothing.
        finished.clear();
        run->trigger();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toInt(), 0);
        QVERIFY(m_window->statusBar()->currentMessage().startsWith("Detection found no new incidents"));
        QTest::qWait(200);
        QCOMPARE(m_pane->model()->rowCount(), added);
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }
};

QTEST_MAIN(TestIncidentWiring)
#include "tst_incidentwiring.moc"
