#include "incidentfixture.h"
#include "testutil.h"

#include "incidents/incidentdetailpage.h"
#include "incidents/incidentfilterbar.h"
#include "incidents/incidentqueuemodel.h"
#include "incidents/incidentqueueproxy.h"
#include "incidents/incidentspane.h"
#include "incidents/incidentstore.h"
#include "incidents/incidentwriter.h"
#include "incidents/queuedata.h"
#include "incidents/workflow.h"
#include "lineage/graphloader.h"
#include "lineage/lineagegraph.h"
#include "store/sqlite.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace sightline;
using namespace sightline::test;
using namespace sightline::ui;

class TestIncidentQueue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<qint64> m_ids; // in record order, see init()

    Incident stored(qint64 id)
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        return *IncidentStore(ws->db()).incident(id);
    }
    int eventCount(qint64 id)
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        return int(IncidentStore(ws->db()).events(id).size());
    }
    // Ids of the proxy's rows, top to bottom.
    static QList<qint64> order(const QAbstractItemModel& model)
    {
        QList<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.append(model.index(r, 0).data(IncidentQueueModel::IncidentIdRole).toLongLong());
        return ids;
    }
    static IncidentsPane::Prompter stubPrompter()
    {
        IncidentsPane::Prompter p;
        p.resolve = [](QWidget*) {
            return std::optional<std::pair<IncidentStatus, QString>>({IncidentStatus::Expected, "planned backfill"});
        };
        p.assignee = [](QWidget*, const QString&) { return std::optional<QString>("bo"); };
        p.snoozeUntil = [](QWidget*) { return std::optional<QDateTime>(QDateTime::currentDateTimeUtc().addDays(1)); };
        p.comment = [](QWidget*) { return std::optional<QString>("checked the loader"); };
        return p;
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("q.sightline"));
        auto ws = Workspace::open(m_path, Workspace::OpenMode::Create);
        seedAssets(*ws);
        // orders -> revenue -> dashboard; users -> revenue.
        ws->db().exec("INSERT INTO edge (from_asset, to_asset) SELECT u.id, d.id FROM asset u, asset d WHERE "
                      "(u.key = 'proj.ds.orders' AND d.key = 'proj.ds.revenue') OR "
                      "(u.key = 'proj.ds.users' AND d.key = 'proj.ds.revenue') OR "
                      "(u.key = 'proj.ds.revenue' AND d.key = 'looker:dashboard:7')");
        IncidentStore store(ws->db());
        m_ids.clear();
        // 0: orders SEV-3 volume, 1: users SEV-2 freshness, 2: revenue SEV-2 volume, 3: dashboard SEV-1 test
        m_ids.append(store.record(makeIncident("proj.ds.orders", "a", 0, Severity::Sev3)).id);
        m_ids.append(store.record(makeIncident("proj.ds.users", "b", 1, Severity::Sev2, IncidentKind::Freshness)).id);
        m_ids.append(store.record(makeIncident("proj.ds.revenue", "c", 2, Severity::Sev2)).id);
        m_ids.append(store.record(makeIncident("looker:dashboard:7", "d", 3, Severity::Sev1, IncidentKind::Test)).id);
        IncidentWorkflow wf(ws->db(), "setup");
        wf.acknowledge(m_ids[3]); // SEV-1 but acknowledged: after the open ones
    }

    void loaderAndAttentionOrder()
    {
        const QueueData data = loadQueue(m_path);
        QVERIFY(data.error.isEmpty());
        QCOMPARE(data.rows.size(), 4);
        IncidentQueueModel model;
        QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(data.rows);
        QCOMPARE(model.row(model.rowOf(m_ids[0])).downstream, 2); // revenue, dashboard
        QCOMPARE(model.row(model.rowOf(m_ids[2])).downstream, 1);
        QCOMPARE(model.row(model.rowOf(m_ids[0])).team, QStringLiteral("sales"));

        IncidentQueueProxy proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setQueueModel(&model);
        proxy.sortByAttention();
        // open first; among them SEV-2 before SEV-3; equal severity: larger downstream first
        // (users has 2 downstream, revenue 1); the acknowledged SEV-1 last.
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[1], m_ids[2], m_ids[0], m_ids[3]}));

        QueueFilter f;
        f.severities = {Severity::Sev2};
        proxy.setFilter(f);
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[1], m_ids[2]}));
        QueueCounts c = proxy.counts();
        QCOMPARE(c.shown, 2);
        QCOMPARE(c.severity.value(Severity::Sev3), 1); // counts ignore their own facet
        QCOMPARE(c.status.value(IncidentStatus::Open), 2);
        QCOMPARE(c.team.value("sales"), 1);
        f = {};
        f.text = "USERS row";
        proxy.setFilter(f);
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[1]}));
        f = {};
        f.team = "sales";
        f.kinds = {IncidentKind::Volume};
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 2);
        f = {};
        f.from = baseTime().addSecs(2 * 3600);
        proxy.setFilter(f);
        QCOMPARE(proxy.rowCount(), 2);
        f = QueueFilter::needsAttention();
        f.platform = "looker";
        proxy.setFilter(f);
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[3]}));

        proxy.setFilter({});
        proxy.sort(IncidentQueueModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[3], m_ids[2], m_ids[1], m_ids[0]}));
        proxy.setGrouping(IncidentQueueProxy::Grouping::Team);
        proxy.sort(IncidentQueueModel::IdColumn, Qt::AscendingOrder);
        // finance (dashboard), growth (users), sales (orders, revenue)
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[3], m_ids[1], m_ids[0], m_ids[2]}));
        QCOMPARE(proxy.index(0, IncidentQueueModel::GroupColumn).data().toString(), QStringLiteral("finance"));

        // A change written elsewhere arrives as an updated incident: re-sorted and re-counted.
        proxy.setGrouping(IncidentQueueProxy::Grouping::None);
        proxy.sortByAttention();
        proxy.setFilter(QueueFilter::needsAttention());
        Incident fixed = model.row(model.rowOf(m_ids[1])).incident;
        fixed.status = IncidentStatus::Fixed;
        model.updateIncident(fixed);
        QCOMPARE(order(proxy), (QList<qint64> {m_ids[2], m_ids[0], m_ids[3]}));
    }

    void keyboardTriage()
    {
        IncidentsPane pane;
        pane.setPrompter(stubPrompter());
        pane.resize(1400, 600);
        pane.setQueueData(loadQueue(m_path));
        pane.show();
        QTableView* view = pane.view();
        view->setFocus();
        QCOMPARE(pane.currentId(), m_ids[1]); // needs attention: first row
        QCOMPARE(pane.teamSummary(),
                 QStringLiteral("growth (1 incident): median time to acknowledge - · to resolve -"));

        QTest::keyClick(view, Qt::Key_J);
        QCOMPARE(pane.currentId(), m_ids[2]);
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(pane.currentId(), m_ids[0]);
        QTest::keyClick(view, Qt::Key_K);
        QTest::keyClick(view, Qt::Key_K);
        QTest::keyClick(view, Qt::Key_K); // stays on the first row
        QCOMPARE(pane.currentId(), m_ids[1]);

        QTest::keyClick(view, Qt::Key_A);
        QTRY_COMPARE(stored(m_ids[1]).status, IncidentStatus::Acknowledged);
        QTRY_COMPARE(pane.writer()->pending(), 0);
        QCOMPARE(pane.model()->row(pane.model()->rowOf(m_ids[1])).incident.status, IncidentStatus::Acknowledged);
        QCOMPARE(pane.undoStack()->count(), 1);

        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE(stored(m_ids[1]).status, IncidentStatus::Open);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(stored(m_ids[1]).status, IncidentStatus::Acknowledged);
        QTRY_COMPARE(pane.writer()->pending(), 0);
        QCOMPARE(eventCount(m_ids[1]), 4); // detected, ack, undo, redo

        // Illegal: acknowledging it again pushes nothing.
        pane.selectIncident(m_ids[1]);
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(pane.undoStack()->count(), 1);

        // Resolve asks for the resolution and a reason.
        pane.selectIncident(m_ids[2]);
        QTest::keyClick(view, Qt::Key_R);
        QTRY_COMPARE(stored(m_ids[2]).status, IncidentStatus::Expected);

        // Multi-select (x) and a bulk assign, undone in one step.
        pane.selectIncident(m_ids[0]);
        QTest::keyClick(view, Qt::Key_X); // deselect current ...
        QTest::keyClick(view, Qt::Key_X); // ... and select it again
        pane.filterBar()->statusBox()->setCurrentIndex(1); // all statuses
        Q_EMIT pane.filterBar()->filterChanged();
        pane.selectIncident(m_ids[0]);
        view->selectionModel()->select(
            pane.proxy()->mapFromSource(pane.model()->index(pane.model()->rowOf(m_ids[3]), 0)),
            QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(pane.selectedIds(), (QList<qint64> {m_ids[0], m_ids[3]}));
        QTest::keyClick(view, Qt::Key_E);
        QTRY_COMPARE(stored(m_ids[3]).assignee, QStringLiteral("bo"));
        QCOMPARE(stored(m_ids[0]).assignee, QStringLiteral("bo"));
        QTest::keyClick(view, Qt::Key_M); // merge the two
        QTRY_VERIFY(stored(m_ids[0]).groupId > 0);
        QCOMPARE(stored(m_ids[3]).groupId, stored(m_ids[0]).groupId);
        QTest::keyClick(view, Qt::Key_1); // SEV-1 on both
        QTRY_COMPARE(stored(m_ids[0]).severity, Severity::Sev1);
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // severity
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // merge
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // assign
        QTRY_COMPARE(stored(m_ids[0]).assignee, QString());
        QCOMPARE(stored(m_ids[3]).assignee, QString());
        QCOMPARE(stored(m_ids[0]).groupId, 0);
        QCOMPARE(stored(m_ids[0]).severity, Severity::Sev3);
        QTRY_COMPARE(pane.writer()->pending(), 0);
        QCOMPARE(pane.model()->row(pane.model()->rowOf(m_ids[0])).incident.assignee, QString());
    }

    // Another process holds the write lock (an import): the UI goes on, says it is waiting, and
    // the change lands once the lock is released.
    void waitsForAnImportWithoutFreezing()
    {
        IncidentsPane pane;
        pane.setQueueData(loadQueue(m_path));
        QSignalSpy messages(&pane, &IncidentsPane::statusMessage);
        QSignalSpy waiting(pane.writer(), &IncidentWriter::waiting);
        sql::Database importer(m_path, sql::Database::Mode::ReadWrite);
        importer.exec("BEGIN IMMEDIATE");
        importer.exec("UPDATE asset SET description = 'importing' WHERE key = 'proj.ds.orders'");

        pane.selectIncident(m_ids[0]);
        QTest::keyClick(pane.view(), Qt::Key_A);
        QVERIFY(waiting.wait(3000)); // the event loop runs meanwhile: nothing is frozen
        QCOMPARE(waiting.first().first().toBool(), true);
        bool said = false;
        for (const auto& m : std::as_const(messages))
            said = said || m.first().toString() == QStringLiteral("Waiting for the import to finish…");
        QVERIFY(said);
        QCOMPARE(stored(m_ids[0]).status, IncidentStatus::Open);

        importer.exec("COMMIT");
        QTRY_COMPARE(stored(m_ids[0]).status, IncidentStatus::Acknowledged);
        QTRY_COMPARE(waiting.size(), 2);
        QCOMPARE(waiting.last().first().toBool(), false);
    }

    void detailPageAndScreenshots()
    {
        {
            auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
            IncidentWorkflow wf(ws->db(), "Ana Lima");
            wf.assign(m_ids[2], "ana");
            wf.comment(m_ids[2], "Upstream <orders> load was partial");
        }
        IncidentsPane pane;
        pane.resize(1500, 700);
        pane.setQueueData(loadQueue(m_path));
        pane.show();
        QSignalSpy loaded(pane.detail(), &IncidentDetailPage::loaded);
        pane.selectIncident(m_ids[2]); // revenue: orders and users upstream misbehaved, dashboard downstream
        QVERIFY(loaded.wait(5000) || pane.detail()->incidentId() == m_ids[2]);
        QTRY_COMPARE(pane.detail()->incidentId(), m_ids[2]);
        QTRY_VERIFY(pane.detail()->text().contains("Upstream <orders> load was partial"));
        const QString text = pane.detail()->text();
        QVERIFY(text.contains("earlier: a candidate cause"));
        QVERIFY(text.contains("Revenue KPIs")); // the dashboard downstream
        QVERIFY(text.contains("Ana Lima"));
        QVERIFY(text.contains("Downstream impact: 1 asset"));
        QVERIFY(text.contains("SEV-2 (suggested SEV-1: 1 downstream asset, 1 dashboard (nearest 1 step away))"));
        QVERIFY(pane.detail()->html().contains("Upstream &lt;orders&gt; load was partial"));
        QVERIFY(!pane.detail()->html().contains("<orders>"));

        const QString out = buildDir();
        QVERIFY(pane.grab().save(out + "/incidents-pane.png"));
        IncidentDetailPage page;
        page.resize(720, 1000);
        page.setWorkspace(m_path, loadQueue(m_path).graph);
        QSignalSpy pageLoaded(&page, &IncidentDetailPage::loaded);
        page.showIncident(m_ids[2]);
        QVERIFY(pageLoaded.wait(5000));
        page.show();
        QVERIFY(page.grab().save(out + "/incident-detail.png"));
    }
};

QTEST_MAIN(TestIncidentQueue)
#include "tst_incidentqueue.moc"
