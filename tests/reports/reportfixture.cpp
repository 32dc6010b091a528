#include "reportfixture.h"

#include "incidents/incidentstore.h"
#include "lineage/graphloader.h"

using namespace sightline;

QString HostileEstate::longName()
{
    return QStringLiteral("orders_") + QString(260, u'x') + QStringLiteral("_end");
}

HostileEstate HostileEstate::create(const QString& path)
{
    HostileEstate out;
    out.workspace = Workspace::open(path, Workspace::OpenMode::Create);
    auto& db = out.workspace->db();
    db.exec("INSERT INTO snapshot (format, source_path, content_hash, captured_at, imported_at) VALUES "
            "('test', 'x', 'h', 1763618400000, 1763618400000)");
    auto insert = db.prepare("INSERT INTO asset (key, kind, platform, name, owner, team, channel) VALUES "
                             "(?1, ?2, 'bigquery', ?3, ?4, ?5, ?6)");
    auto add = [&](const QString& key, const QString& kind, const QString& name, const QString& owner,
                   const QString& team, const QString& channel) {
        insert.reset();
        insert.bind(1, key).bind(2, kind).bind(3, name).bind(4, owner, true).bind(5, team, true).bind(6, channel, true);
        insert.exec();
    };
    add("raw.<script>alert(1)</script>", "source", "<script>alert(1)</script>", "O'Brien \"the\" <b>boss</b>",
        QString::fromUtf8("فريق البيانات"), "#raw-<alerts>");
    add("mart.revenue", "model", longName(), "Hannah Kowalski", "Finance", "#finance");
    add("looker:dashboard:1", "dashboard", QString::fromUtf8("لوحة الإيرادات & \"KPIs\""), "", "", "");
    add("looker:dashboard:2", "dashboard", "Board pack <img src=x onerror=alert(2)>", "Lee", "Exec", "#exec");
    db.exec("INSERT INTO edge (from_asset, to_asset) SELECT f.id, t.id FROM asset f, asset t WHERE "
            "(f.key = 'raw.<script>alert(1)</script>' AND t.key = 'mart.revenue') OR "
            "(f.key = 'mart.revenue' AND t.key IN ('looker:dashboard:1', 'looker:dashboard:2'))");
    auto obs =
        db.prepare("INSERT INTO observation (asset_id, column_name, metric, at, value) VALUES "
                   "((SELECT id FROM asset WHERE key = 'raw.<script>alert(1)</script>'), '', 'row_count', ?1, ?2)");
    const QDateTime t0(QDate(2025, 11, 6), QTime(6, 0), Qt::UTC);
    for (int day = 0; day < 14; ++day) {
        obs.reset();
        obs.bind(1, toStoredTime(t0.addDays(day))).bind(2, double(day == 13 ? 1200 : 40'000 + day * 100)).exec();
    }
    IncidentStore store(db);
    Incident i;
    i.detector = "volume.drop";
    i.kind = IncidentKind::Volume;
    i.assetKey = "raw.<script>alert(1)</script>";
    i.detectedAt = t0.addDays(13);
    i.windowStart = t0.addDays(12);
    i.windowEnd = t0.addDays(13);
    i.expectedLow = 40'900;
    i.expectedHigh = 41'600;
    i.observed = 1200;
    i.severity = Severity::Sev2;
    i.explanation = "Row count fell to 1,200 <img src=x onerror=alert(3)> where \"41k\" was expected.";
    i.fingerprint = "fp";
    out.incidentId = store.record(i).id;
    db.exec("UPDATE incident SET status = 'acknowledged', assignee = 'ana <ana@example.com>'");
    store.appendEvent(
        {0, out.incidentId, t0.addDays(13).addSecs(1800), "ana", "status", "open", "acknowledged", "Looking <now>"});
    store.appendEvent({0, out.incidentId, t0.addDays(13).addSecs(1900), "ana", "comment", "", "",
                       QString::fromUtf8("الجدول فارغ \u202Egnp.exe")});
    out.graph = loadLineageGraph(*out.workspace);
    return out;
}
