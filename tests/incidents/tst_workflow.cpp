#include "incidentfixture.h"

#include "incidents/incidentstore.h"
#include "incidents/severity.h"
#include "incidents/timing.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using namespace sightline::test;

class TestWorkflow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    QDateTime m_now;
    qint64 m_a = 0; // orders, sales
    qint64 m_b = 0; // users, growth

    QString path() const
    {
        return m_dir.filePath(QStringLiteral("w.sightline"));
    }
    IncidentWorkflow workflow(const QString& actor = QStringLiteral("Ana Lima"))
    {
        return IncidentWorkflow(m_ws->db(), actor, [this] { return m_now; });
    }
    // Closes and reopens the workspace: what was committed is all that is left.
    void reopen()
    {
        m_ws.reset();
        m_ws = Workspace::open(path(), Workspace::OpenMode::ReadWrite);
    }
    // Reads through a connection opened just for that: what it sees was committed.
    Incident read(qint64 id)
    {
        auto ws = Workspace::open(path(), Workspace::OpenMode::ReadOnly);
        auto i = IncidentStore(ws->db()).incident(id);
        if (!i)
            qFatal("incident vanished");
        return *i;
    }
    IncidentEvent lastEvent(qint64 id)
    {
        return IncidentStore(m_ws->db()).events(id).constLast();
    }

private Q_SLOTS:
    void init()
    {
        m_ws.reset();
        m_ws = Workspace::open(path(), Workspace::OpenMode::Create);
        seedAssets(*m_ws);
        IncidentStore store(m_ws->db());
        m_a = store.record(makeIncident(QStringLiteral("proj.ds.orders"), QStringLiteral("a"))).id;
        m_b = store.record(makeIncident(QStringLiteral("proj.ds.users"), QStringLiteral("b"), 1)).id;
        m_now = baseTime().addSecs(1800);
    }

    void transitions_data()
    {
        QTest::addColumn<IncidentStatus>("from");
        QTest::addColumn<IncidentStatus>("to");
        QTest::addColumn<bool>("allowed");
        using S = IncidentStatus;
        QTest::addRow("open->acknowledged") << S::Open << S::Acknowledged << true;
        QTest::addRow("open->investigating") << S::Open << S::Investigating << true;
        QTest::addRow("open->fixed") << S::Open << S::Fixed << true;
        QTest::addRow("acknowledged->investigating") << S::Acknowledged << S::Investigating << true;
        QTest::addRow("investigating->false_positive") << S::Investigating << S::FalsePositive << true;
        QTest::addRow("fixed->open (reopen)") << S::Fixed << S::Open << true;
        QTest::addRow("expected->open (reopen)") << S::Expected << S::Open << true;
        QTest::addRow("open->open") << S::Open << S::Open << false;
        QTest::addRow("acknowledged->open") << S::Acknowledged << S::Open << false;
        QTest::addRow("investigating->acknowledged") << S::Investigating << S::Acknowledged << false;
        QTest::addRow("fixed->expected") << S::Fixed << S::Expected << false;
        QTest::addRow("fixed->investigating") << S::Fixed << S::Investigating << false;
    }
    void transitions()
    {
        QFETCH(IncidentStatus, from);
        QFETCH(IncidentStatus, to);
        QFETCH(bool, allowed);
        QCOMPARE(isAllowedTransition(from, to), allowed);
        QCOMPARE(transitionError(from, to).isEmpty(), allowed);
        QCOMPARE(allowedTransitions(from).contains(to), allowed);
    }

    void acknowledgeIsDurableWithActorAndWallClock()
    {
        auto wf = workflow();
        const auto events = wf.acknowledge(m_a);
        QCOMPARE(events.size(), 1);
        QCOMPARE(read(m_a).status, IncidentStatus::Acknowledged);
        const IncidentEvent e = lastEvent(m_a);
        QCOMPARE(e.id, events.first());
        QCOMPARE(e.type, QStringLiteral("status"));
        QCOMPARE(e.actor, QStringLiteral("Ana Lima"));
        QCOMPARE(e.at, m_now);
        QCOMPARE(e.oldValue, QStringLiteral("open"));
        QCOMPARE(e.newValue, QStringLiteral("acknowledged"));
        QCOMPARE(IncidentStore(m_ws->db()).events(m_a).size(), 2); // detected + acknowledged
        QCOMPARE(read(m_b).status, IncidentStatus::Open);
    }

    void illegalChangesAreRefusedAndWriteNothing()
    {
        auto wf = workflow();
        wf.acknowledge(m_a);
        const QString before = dumpEvents();
        try {
            wf.setStatus(m_a, IncidentStatus::Open);
            QFAIL("acknowledged -> open accepted");
        } catch (const WorkflowError& e) {
            QCOMPARE(e.reason(), WorkflowError::Reason::IllegalTransition);
            QVERIFY2(e.message().contains(u"acknowledged -> open"), qPrintable(e.message()));
        }
        try {
            wf.setStatus(m_a, IncidentStatus::Fixed, QStringLiteral("   "));
            QFAIL("resolution without a reason accepted");
        } catch (const WorkflowError& e) {
            QCOMPARE(e.reason(), WorkflowError::Reason::MissingReason);
        }
        try {
            wf.acknowledge(9999);
            QFAIL("unknown incident accepted");
        } catch (const WorkflowError& e) {
            QCOMPARE(e.reason(), WorkflowError::Reason::UnknownIncident);
        }
        QCOMPARE(dumpEvents(), before);
        QCOMPARE(read(m_a).status, IncidentStatus::Acknowledged);
    }

    void resolveReopenAndEveryField()
    {
        auto wf = workflow();
        wf.setStatus(m_a, IncidentStatus::Fixed, QStringLiteral("backfilled"));
        Incident i = read(m_a);
        QCOMPARE(i.status, IncidentStatus::Fixed);
        QCOMPARE(lastEvent(m_a).comment, QStringLiteral("backfilled"));
        auto wf2 = workflow(QStringLiteral("Bo"));
        wf2.setStatus(m_a, IncidentStatus::Open);
        QCOMPARE(read(m_a).status, IncidentStatus::Open);
        QCOMPARE(lastEvent(m_a).actor, QStringLiteral("Bo"));

        auto wf3 = workflow();
        QCOMPARE(wf3.assign(m_a, QStringLiteral(" cy ")).size(), 1);
        QCOMPARE(read(m_a).assignee, QStringLiteral("cy"));
        QCOMPARE(wf3.assign(m_a, QStringLiteral("cy")).size(), 0); // no change, no event
        wf3.setSeverity(m_a, Severity::Sev1);
        QCOMPARE(read(m_a).severity, Severity::Sev1);
        QCOMPARE(lastEvent(m_a).oldValue, QStringLiteral("SEV-3"));
        const QDateTime until = m_now.addDays(1);
        wf3.snooze(m_a, until);
        QCOMPARE(read(m_a).snoozedUntil, until);
        QCOMPARE(lastEvent(m_a).newValue, QStringLiteral("2026-11-21T06:30:00.000Z"));
        wf3.comment(m_a, QStringLiteral("looking at the loader <b>now</b>"));
        reopen();
        QCOMPARE(lastEvent(m_a).comment, QStringLiteral("looking at the loader <b>now</b>"));
        // detected, fixed, open, assignee, severity, snooze, comment
        QCOMPARE(IncidentStore(m_ws->db()).events(m_a).size(), 7);
    }

    void undoRedoAppendsEvents()
    {
        auto wf = workflow();
        const auto ack = wf.acknowledge(m_a);
        const auto undo = wf.revert(ack);
        QCOMPARE(read(m_a).status, IncidentStatus::Open);
        IncidentEvent e = lastEvent(m_a);
        QCOMPARE(e.id, undo.first());
        QCOMPARE(e.oldValue, QStringLiteral("acknowledged"));
        QCOMPARE(e.newValue, QStringLiteral("open"));
        QCOMPARE(e.comment, QStringLiteral("undo of event %1").arg(ack.first()));
        QCOMPARE(revertedEventId(e), ack.first());
        const auto redo = wf.reapply(ack);
        QCOMPARE(read(m_a).status, IncidentStatus::Acknowledged);
        wf.revert(redo);
        QCOMPARE(read(m_a).status, IncidentStatus::Open);
        QCOMPARE(IncidentStore(m_ws->db()).events(m_a).size(), 5); // nothing was deleted

        // An undo that would overwrite someone else's later change is refused.
        const auto assign = wf.assign(m_a, QStringLiteral("ana"));
        workflow(QStringLiteral("Bo")).assign(m_a, QStringLiteral("bo"));
        QVERIFY_THROWS_EXCEPTION(WorkflowError, wf.revert(assign));
        QCOMPARE(read(m_a).assignee, QStringLiteral("bo"));

        // A comment is retracted, never deleted.
        const auto comment = wf.comment(m_a, QStringLiteral("typo"));
        wf.revert(comment);
        const auto events = IncidentStore(m_ws->db()).events(m_a);
        QCOMPARE(events.at(events.size() - 2).comment, QStringLiteral("typo"));
        QCOMPARE(events.last().type, QStringLiteral("comment_retracted"));

        // The detected event cannot be undone.
        QVERIFY_THROWS_EXCEPTION(WorkflowError, wf.revert({events.first().id}));
    }

    void bulkIsAllOrNothing()
    {
        auto wf = workflow();
        wf.setStatus(m_b, IncidentStatus::Fixed, QStringLiteral("done"));
        // m_b is resolved: acknowledging it is illegal, so m_a is not acknowledged either.
        QVERIFY_THROWS_EXCEPTION(WorkflowError, wf.bulk({m_a, m_b}, [&](qint64 id) { return wf.acknowledge(id); }));
        QCOMPARE(read(m_a).status, IncidentStatus::Open);
        auto wf2 = workflow();
        const auto events = wf2.bulk({m_a, m_b}, [&](qint64 id) { return wf2.assign(id, QStringLiteral("cy")); });
        QCOMPARE(events.size(), 2);
        QCOMPARE(read(m_a).assignee, QStringLiteral("cy"));
        QCOMPARE(read(m_b).assignee, QStringLiteral("cy"));
        workflow().revert(events);
        QCOMPARE(read(m_a).assignee, QString());
        QCOMPARE(read(m_b).assignee, QString());
    }

    void mergeAndSplit()
    {
        auto wf = workflow();
        QVERIFY_THROWS_EXCEPTION(WorkflowError, wf.merge({m_a, m_a}));
        const auto merged = wf.merge({m_a, m_b}, QStringLiteral("same loader"));
        QCOMPARE(merged.size(), 2);
        const qint64 group = read(m_a).groupId;
        QVERIFY(group > 0);
        QCOMPARE(read(m_b).groupId, group);
        QCOMPARE(m_ws->db().queryInt("SELECT count(*) FROM incident_group WHERE explanation = 'same loader'"), 1);

        const auto split = workflow().split({m_b});
        QCOMPARE(split.size(), 1);
        QCOMPARE(read(m_b).groupId, 0);
        QCOMPARE(read(m_a).groupId, group);
        QCOMPARE(workflow().split({m_b}).size(), 0); // not grouped any more

        workflow().revert(split); // undo the split
        QCOMPARE(read(m_b).groupId, group);
        workflow().revert(merged); // undo the merge (m_b is back in the group, so it matches)
        QCOMPARE(read(m_a).groupId, 0);
        QCOMPARE(read(m_b).groupId, 0);
    }

    void timeToAcknowledgeAndResolve()
    {
        // detected 06:00 (m_a) and 07:00 (m_b).
        m_now = baseTime().addSecs(45 * 60);
        auto wf = workflow();
        const auto early = wf.acknowledge(m_a);
        wf.revert(early); // taken back: does not count
        m_now = baseTime().addSecs(90 * 60);
        wf.acknowledge(m_a);
        m_now = baseTime().addSecs(5 * 3600);
        wf.setStatus(m_a, IncidentStatus::Fixed, QStringLiteral("reloaded"));
        m_now = baseTime().addSecs(2 * 3600 + 600);
        wf.setStatus(m_b, IncidentStatus::FalsePositive, QStringLiteral("holiday"));

        reopen();
        IncidentStore store(m_ws->db());
        const IncidentTimes a = incidentTimes(*store.incident(m_a), store.events(m_a));
        QCOMPARE(a.toAcknowledgeMs, std::optional<qint64>(90 * 60'000LL));
        QCOMPARE(a.toResolveMs, std::optional<qint64>(5 * 3600'000LL));
        const IncidentTimes b = incidentTimes(*store.incident(m_b), store.events(m_b));
        QCOMPARE(b.toAcknowledgeMs, std::optional<qint64>(70 * 60'000LL)); // resolving acknowledges too
        QCOMPARE(b.toResolveMs, std::optional<qint64>(70 * 60'000LL));

        // A third incident of team sales, never touched.
        store.record(makeIncident(QStringLiteral("proj.ds.revenue"), QStringLiteral("c")));
        const QList<TeamTimes> teams = teamTimes(m_ws->db());
        QCOMPARE(teams.size(), 2);
        QCOMPARE(teams[0].team, QStringLiteral("growth"));
        QCOMPARE(teams[0].medianToResolveMs, std::optional<qint64>(70 * 60'000LL));
        QCOMPARE(teams[1].team, QStringLiteral("sales"));
        QCOMPARE(teams[1].incidents, 2);
        QCOMPARE(teams[1].acknowledged, 1);
        QCOMPARE(teams[1].meanToAcknowledgeMs, std::optional<qint64>(90 * 60'000LL));

        QCOMPARE(meanOf({10, 20, 40}), std::optional<qint64>(23));
        QCOMPARE(medianOf({40, 10, 20, 30}), std::optional<qint64>(25));
        QCOMPARE(medianOf({}), std::nullopt);
        QCOMPARE(formatDuration(90 * 60'000LL), QStringLiteral("1 h 30 min"));
        QCOMPARE(formatDuration(50 * 3600'000LL), QStringLiteral("2 d 2 h"));
        QCOMPARE(formatDuration(std::nullopt), QStringLiteral("-"));
    }

    void severitySuggestedFromImpact()
    {
        Impact impact;
        QCOMPARE(suggestSeverity(impact), Severity::Sev4);
        QCOMPARE(severityReason(impact), QStringLiteral("nothing downstream"));
        Asset table;
        table.kind = AssetKind::Table;
        impact.downstream.append({table, 1});
        QCOMPARE(suggestSeverity(impact), Severity::Sev3);
        Asset dashboard;
        dashboard.kind = AssetKind::Dashboard;
        impact.downstream.append({dashboard, 3});
        QCOMPARE(suggestSeverity(impact), Severity::Sev2);
        QCOMPARE(severityReason(impact), QStringLiteral("2 downstream assets, 1 dashboard (nearest 3 steps away)"));
        impact.downstream.append({dashboard, 2});
        QCOMPARE(suggestSeverity(impact), Severity::Sev1);
        Impact wide;
        for (int n = 0; n < 10; ++n)
            wide.downstream.append({table, 1});
        QCOMPARE(suggestSeverity(wide), Severity::Sev2);
        for (int n = 0; n < 40; ++n)
            wide.downstream.append({table, 2});
        QCOMPARE(suggestSeverity(wide), Severity::Sev1);
    }

    void defaultActorIsTheUserName()
    {
        qputenv("USER", "ops-person");
        QCOMPARE(defaultActor(), QStringLiteral("ops-person"));
        QCOMPARE(IncidentWorkflow(m_ws->db(), QString()).actor(), QStringLiteral("ops-person"));
    }

private:
    QString dumpEvents()
    {
        QString out;
        auto stmt = m_ws->db().prepare("SELECT id, type, new_value FROM incident_event ORDER BY id");
        while (stmt.step())
            out += stmt.text(0) + u' ' + stmt.text(1) + u' ' + stmt.text(2) + u'\n';
        return out;
    }
};

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
