#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

class TestIncidentStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;

    static Incident sample(const QString& fingerprint)
    {
        Incident i;
        i.detector = QStringLiteral("volume.deletion");
        i.kind = IncidentKind::Volume;
        i.assetKey = QStringLiteral("bigquery:proj.ds.orders");
        i.detectedAt = QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
        i.windowStart = i.detectedAt.addDays(-1);
        i.windowEnd = i.detectedAt;
        i.expectedLow = 40'000'000;
        i.expectedHigh = 40'100'000;
        i.observed = 39'850'000;
        i.score = 12.5;
        i.direction = QStringLiteral("down");
        i.severity = Severity::Sev2;
        i.excludedPoints = {i.detectedAt.addDays(-10)};
        i.explanation = QStringLiteral("150,000 rows were deleted from a table that only ever grows.");
        i.fingerprint = fingerprint;
        return i;
    }

private Q_SLOTS:
    void init()
    {
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("w.sightline")), Workspace::OpenMode::Create);
        m_ws->db().exec("DELETE FROM incident; DELETE FROM asset;");
        m_ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES "
                        "('bigquery:proj.ds.orders', 'table', 'bigquery', 'orders'), "
                        "('bigquery:proj.ds.users', 'table', 'bigquery', 'users')");
    }

    void names()
    {
        for (IncidentStatus s : allStatuses())
            QCOMPARE(statusFromName(statusName(s)), s);
        QCOMPARE(statusName(IncidentStatus::NoActionNeeded), QStringLiteral("no_action_needed"));
        QVERIFY(!statusFromName(u"closed"));
        QCOMPARE(severityName(Severity::Sev1), QStringLiteral("SEV-1"));
        QCOMPARE(severityFromName(u"SEV-4"), Severity::Sev4);
        QVERIFY(!severityFromName(u"SEV-5"));
        QVERIFY(!severityFromName(u"SEV-"));
        QCOMPARE(incidentKindFromName(u"distribution"), IncidentKind::Distribution);
        QVERIFY(isResolved(IncidentStatus::FalsePositive));
        QVERIFY(!isResolved(IncidentStatus::Investigating));
    }

    void recordRoundTripAndFingerprint()
    {
        IncidentStore store(m_ws->db());
        const Incident in = sample(QStringLiteral("fp-1"));
        const auto first = store.record(in);
        QVERIFY(first.inserted);
        QVERIFY(first.id > 0);
        const auto again = store.record(in);
        QVERIFY(!again.inserted);
        QCOMPARE(again.id, first.id);
        QCOMPARE(m_ws->db().queryInt("SELECT count(*) FROM incident"), 1);

        const auto out = store.incident(first.id);
        QVERIFY(out);
        QCOMPARE(out->assetKey, in.assetKey);
        QCOMPARE(out->detectedAt, in.detectedAt);
        QCOMPARE(out->expectedLow, in.expectedLow);
        QCOMPARE(out->observed, in.observed);
        QCOMPARE(out->severity, Severity::Sev2);
        QCOMPARE(out->status, IncidentStatus::Open);
        QCOMPARE(out->excludedPoints, in.excludedPoints);
        QCOMPARE(out->column, QString());
        QVERIFY(!out->snoozedUntil.isValid());

        const auto events = store.events(first.id);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).type, QStringLiteral("detected"));
        QCOMPARE(events.at(0).actor, QStringLiteral("sightline"));
    }

    void unknownAssetIsRefused()
    {
        IncidentStore store(m_ws->db());
        Incident in = sample(QStringLiteral("fp-x"));
        in.assetKey = QStringLiteral("bigquery:proj.ds.missing");
        QVERIFY_THROWS_EXCEPTION(sql::Error, store.record(in));
    }

    void filterAndHealth()
    {
        IncidentStore store(m_ws->db());
        Incident a = sample(QStringLiteral("a"));
        Incident b = sample(QStringLiteral("b"));
        b.severity = Severity::Sev1;
        b.kind = IncidentKind::Freshness;
        b.detectedAt = b.detectedAt.addDays(1);
        Incident c = sample(QStringLiteral("c"));
        c.assetKey = QStringLiteral("bigquery:proj.ds.users");
        c.status = IncidentStatus::Fixed;
        store.record(a);
        store.record(b);
        store.record(c);

        QCOMPARE(store.incidents().size(), 3);
        QCOMPARE(store.incidents().first().fingerprint, QStringLiteral("b"));
        IncidentFilter freshness;
        freshness.kinds = {IncidentKind::Freshness};
        QCOMPARE(store.incidents(freshness).size(), 1);
        IncidentFilter unresolved;
        unresolved.unresolvedOnly = true;
        QCOMPARE(store.incidents(unresolved).size(), 2);
        IncidentFilter users;
        users.assetKey = QStringLiteral("bigquery:proj.ds.users");
        QCOMPARE(store.incidents(users).size(), 1);

        const auto health = store.health();
        QCOMPARE(health.size(), 1);
        const AssetHealth orders = health.value(QStringLiteral("bigquery:proj.ds.orders"));
        QCOMPARE(orders.severity, Severity::Sev1);
        QCOMPARE(orders.unresolved, 2);
    }
};

QTEST_GUILESS_MAIN(TestIncidentStore)
#include "tst_incidentstore.moc"
