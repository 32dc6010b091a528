#include "incidents/incidentstore.h"
#include "lineage/graphloader.h"
#include "rootcause/incidentgrouping.h"
#include "rootcause/rootcause.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
const QDateTime kT0(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
constexpr qint64 kHour = 3600 * 1000;
} // namespace

// Constructed lineage with known causes:
//   src_a -> stg_a -> fct -> mart -> dash
//   src_b -> stg_b -> fct
//   src_c -> other                      (unrelated)
class TestRootCause : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    int m_n = 0;

    qint64 assetId(const QString& key)
    {
        auto s = m_ws->db().prepare("SELECT id FROM asset WHERE key = ?1");
        s.bind(1, key);
        return s.step() ? s.int64(0) : 0;
    }

    qint64 record(const QString& key, const QDateTime& at, IncidentKind kind = IncidentKind::Volume)
    {
        Incident i;
        i.detector = "test";
        i.kind = kind;
        i.assetKey = key;
        i.detectedAt = at;
        i.windowStart = at;
        i.windowEnd = at;
        i.explanation = "Row count fell on " + key + ".";
        i.fingerprint = key + at.toString(Qt::ISODate);
        return IncidentStore(m_ws->db()).record(i).id;
    }

    Incident incident(qint64 id)
    {
        return *IncidentStore(m_ws->db()).incident(id);
    }

    void runResult(const QString& key, const QString& kind, const QString& status, const QDateTime& at,
                   const QString& message = {})
    {
        auto s = m_ws->db().prepare(
            "INSERT INTO run_result (asset_id, kind, name, status, at, message) VALUES (?1, ?2, '', ?3, ?4, ?5)");
        s.bind(1, assetId(key)).bind(2, kind).bind(3, status).bind(4, toStoredTime(at)).bind(5, message).exec();
    }

    void schemaVersion(const QString& key, const QDateTime& at, const QString& columns)
    {
        auto s = m_ws->db().prepare(
            "INSERT INTO schema_version (asset_id, captured_at, columns, columns_hash) VALUES (?1, ?2, ?3, ?3)");
        s.bind(1, assetId(key)).bind(2, toStoredTime(at)).bind(3, columns).exec();
    }

    void lastModified(const QString& key, const QDateTime& capture, const QDateTime& value)
    {
        auto s = m_ws->db().prepare("INSERT INTO observation (asset_id, column_name, metric, at, value) VALUES "
                                    "(?1, '', 'last_modified', ?2, ?3)");
        s.bind(1, assetId(key)).bind(2, toStoredTime(capture)).bind(3, double(toStoredTime(value))).exec();
    }

    std::shared_ptr<const LineageGraph> graph()
    {
        return loadLineageGraph(*m_ws);
    }

private Q_SLOTS:
    void init()
    {
        m_ws.reset();
        m_ws = Workspace::open(m_dir.filePath(QStringLiteral("w%1.sightline").arg(++m_n)), Workspace::OpenMode::Create);
        auto& db = m_ws->db();
        db.exec("INSERT INTO asset (key, kind, name, platform) SELECT column1, column2, column3, 'dbt' FROM (VALUES "
                "('src_a', 'source', 'src_a'), ('stg_a', 'model', 'stg_a'), "
                "('fct', 'model', 'fct'), ('mart', 'model', 'mart'), ('dash', 'dashboard', 'dash'), "
                "('src_b', 'source', 'src_b'), ('stg_b', 'model', 'stg_b'), ('src_c', 'source', 'src_c'), "
                "('other', 'model', 'other'))");
        db.exec("INSERT INTO edge (from_asset, to_asset) SELECT f.id, t.id FROM asset f, asset t WHERE "
                "(f.key, t.key) IN (VALUES ('src_a', 'stg_a'), ('stg_a', 'fct'), ('fct', 'mart'), ('mart', 'dash'), "
                "('src_b', 'stg_b'), ('stg_b', 'fct'), ('src_c', 'other'))");
    }

    void cleanupTestCase()
    {
        m_ws.reset();
    }

    // A cascade: the source broke first, each hop an hour later. The source is the cause; the
    // assets in between misbehaved too but are themselves downstream of it.
    void cascadePointsAtTheSource()
    {
        const qint64 a = record("src_a", kT0);
        record("stg_a", kT0.addSecs(3600));
        record("fct", kT0.addSecs(2 * 3600));
        record("src_c", kT0.addSecs(2 * 3600)); // unrelated
        const qint64 m = record("mart", kT0.addSecs(3 * 3600));
        const auto g = graph();
        const auto causes = rankCauses(*m_ws, *g, incident(m));
        QCOMPARE(causes.size(), 3);
        QCOMPARE(causes[0].asset.key, "src_a");
        QCOMPARE(causes[0].distance, 3);
        QCOMPARE(causes[0].path, (QStringList {"src_a", "stg_a", "fct", "mart"}));
        QCOMPARE(causes[0].expectedLagMs, 3 * kHour);
        QCOMPARE(causes[0].evidence.size(), 1);
        QCOMPARE(causes[0].evidence[0].incidentId, a);
        QCOMPARE(causes[0].evidence[0].weight, 1.0); // exactly the usual delay
        QVERIFY2(causes[0].evidence[0].text.contains("3 h before the incident (about 3 h expected along 3 edges)"),
                 qPrintable(causes[0].evidence[0].text));
        QVERIFY(causes[0].demotedBecause.isEmpty());
        QCOMPARE(causes[1].asset.key, "fct"); // nearer, both demoted as symptoms of src_a
        QCOMPARE(causes[2].asset.key, "stg_a");
        QVERIFY(causes[1].demotedBecause.startsWith("itself downstream of src_a"));
        QCOMPARE(causes[1].score, 0.5);
    }

    // Two unrelated upstream problems: the one whose lead matches the usual propagation delay wins.
    void propagationDelayDecides()
    {
        const qint64 fctIncident = record("fct", kT0.addSecs(2 * 3600));
        record("src_a", kT0.addSecs(600)); // 1 h 50 min before over 2 edges: about as usual
        record("src_b", kT0.addSecs(2 * 3600 - 600)); // 10 min before over 2 edges: too quick
        const auto g = graph();
        auto causes = rankCauses(*m_ws, *g, incident(fctIncident));
        QCOMPARE(causes.size(), 2);
        QCOMPARE(causes[0].asset.key, "src_a");
        QCOMPARE(causes[1].asset.key, "src_b");
        // |10 min - 2 h| / 2 h = 110/120: fit = 1 / (1 + 11/12) = 12/23
        QVERIFY(qAbs(causes[1].score - 12.0 / 23.0) < 1e-9);

        // History says this branch propagates in 5 minutes per edge: now src_b fits better.
        for (int day = 1; day <= 3; ++day) {
            const QDateTime capture = kT0.addDays(-day);
            lastModified("src_b", capture, capture.addSecs(-3600));
            lastModified("stg_b", capture, capture.addSecs(-3600 + 300));
            lastModified("fct", capture, capture.addSecs(-3600 + 600));
        }
        causes = rankCauses(*m_ws, *g, incident(fctIncident));
        QCOMPARE(causes[0].asset.key, "src_b");
        QCOMPARE(causes[0].expectedLagMs, 600 * 1000);
    }

    void schemaChangesAndFailedRuns()
    {
        const qint64 m = record("mart", kT0);
        schemaVersion("stg_b", kT0.addDays(-5), R"([["id","INT64",1],["price","INT64",2]])");
        schemaVersion("stg_b", kT0.addSecs(-2 * 3600), R"([["id","STRING",1],["price_gbp","INT64",2]])");
        schemaVersion("src_c", kT0.addSecs(-3600), R"([["x","INT64",1]])"); // unrelated and a first version
        runResult("stg_a", "run", "error", kT0.addSecs(-3 * 3600), "Database Error: quota exceeded");
        runResult("stg_a", "run", "success", kT0.addSecs(-4 * 3600));
        runResult("src_b", "freshness", "error", kT0.addSecs(-3 * 3600));
        runResult("fct", "test", "fail", kT0.addSecs(-3600)); // tests are symptoms, not causes
        const auto g = graph();
        const auto causes = rankCauses(*m_ws, *g, incident(m));
        QCOMPARE(causes.size(), 3);
        QStringList keys;
        for (const auto& c : causes)
            keys.append(c.asset.key + ':' + causeEvidenceKindName(c.evidence.first().kind));
        // stg_b: 0.9, exactly 2 h over 2 edges. stg_a: 0.8 at 3 h over 2 edges (fit 2/3).
        // src_b: 0.8, 3 h over 3 edges (fit 1). A schema change is never demoted as a symptom.
        QCOMPARE(keys, (QStringList {"stg_b:schema_change", "src_b:freshness_error", "stg_a:run_failed"}));
        QVERIFY2(causes[0].evidence[0].text.startsWith(
                     "schema changed: removed price; added price_gbp; retyped id INT64 to STRING, 2 h before"),
                 qPrintable(causes[0].evidence[0].text));
        QVERIFY(causes[2].evidence[0].text.contains("quota exceeded"));
    }

    void lookbackAndUnknown()
    {
        const qint64 m = record("mart", kT0);
        record("src_a", kT0.addDays(-4)); // beyond the 3-day look-back
        const auto g = graph();
        QVERIFY(rankCauses(*m_ws, *g, incident(m)).isEmpty());
        Incident unknown = incident(m);
        unknown.assetKey = "nope";
        QVERIFY(rankCauses(*m_ws, *g, unknown).isEmpty());
    }

    void groupingAndUndo()
    {
        const qint64 a = record("src_a", kT0);
        const qint64 f = record("fct", kT0.addSecs(2 * 3600));
        const qint64 d = record("dash", kT0.addSecs(4 * 3600));
        const qint64 o = record("other", kT0.addSecs(3600)); // its cause src_c had no incident
        const auto g = graph();
        const auto proposals = proposeGroups(*m_ws, *g);
        QCOMPARE(proposals.size(), 1);
        QCOMPARE(proposals[0].rootKey, "src_a");
        QCOMPARE(proposals[0].incidentIds, (QList<qint64> {a, f, d}));
        QVERIFY2(proposals[0].explanation.startsWith("3 incidents share one upstream cause, src_a: volume incident"),
                 qPrintable(proposals[0].explanation));

        const QDateTime at = kT0.addDays(1);
        const qint64 group = applyGroup(*m_ws, proposals[0], "sightline", at);
        QVERIFY(group > 0);
        for (qint64 id : {a, f, d})
            QCOMPARE(incident(id).groupId, group);
        QCOMPARE(incident(o).groupId, 0);
        QCOMPARE(m_ws->db().queryInt("SELECT count(*) FROM incident_group"), 1);
        QCOMPARE(
            m_ws->db().queryInt("SELECT root_asset = (SELECT id FROM asset WHERE key = 'src_a') FROM incident_group"),
            1);
        // Grouped incidents are not proposed again.
        QVERIFY(proposeGroups(*m_ws, *g).isEmpty());

        QCOMPARE(undoGroup(*m_ws, group, "ana", at.addSecs(60)), 3);
        for (qint64 id : {a, f, d})
            QCOMPARE(incident(id).groupId, 0);
        QCOMPARE(m_ws->db().queryInt("SELECT count(*) FROM incident_group"), 0);
        const auto events = IncidentStore(m_ws->db()).events(f);
        QCOMPARE(events.size(), 3); // detected, grouped, ungrouped
        QCOMPARE(events[1].type, "group");
        QCOMPARE(events[1].newValue, QString::number(group));
        QCOMPARE(events[2].oldValue, QString::number(group));
        QCOMPARE(events[2].newValue, QString());
        QCOMPARE(events[2].actor, "ana");

        // And again in one go.
        const auto groups = groupIncidents(*m_ws, *g, "sightline", at);
        QCOMPARE(groups.size(), 1);
        QCOMPARE(incident(d).groupId, groups[0]);
    }
};

QTEST_GUILESS_MAIN(TestRootCause)
#include "tst_rootcause.moc"
