#pragma once

#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace sightline::test {

// A real workspace with a few assets (two teams, a dashboard downstream) and a way to record
// incidents on them the way the detectors will (IncidentStore::record).
inline void seedAssets(Workspace& ws)
{
    ws.db().exec("DELETE FROM incident; DELETE FROM incident_group; DELETE FROM edge; DELETE FROM asset;");
    ws.db().exec("INSERT INTO asset (key, kind, platform, name, owner, team) VALUES "
                 "('proj.ds.orders', 'table', 'bigquery', 'orders', 'ana', 'sales'), "
                 "('proj.ds.users', 'table', 'bigquery', 'users', 'bo', 'growth'), "
                 "('proj.ds.revenue', 'model', 'bigquery', 'revenue', 'ana', 'sales'), "
                 "('looker:dashboard:7', 'dashboard', 'looker', 'Revenue KPIs', 'cy', 'finance')");
}

inline QDateTime baseTime()
{
    return QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC);
}

inline Incident makeIncident(const QString& assetKey, const QString& fingerprint, int hoursAfterBase = 0,
                             Severity severity = Severity::Sev3, IncidentKind kind = IncidentKind::Volume)
{
    Incident i;
    i.detector = QStringLiteral("volume.drop");
    i.kind = kind;
    i.assetKey = assetKey;
    i.detectedAt = baseTime().addSecs(3600LL * hoursAfterBase);
    i.windowStart = i.detectedAt.addDays(-1);
    i.windowEnd = i.detectedAt;
    i.expectedLow = 100;
    i.expectedHigh = 120;
    i.observed = 40;
    i.direction = QStringLiteral("down");
    i.severity = severity;
    i.explanation = QStringLiteral("Row count fell to 40 (expected 100-120).");
    i.fingerprint = fingerprint;
    return i;
}

} // namespace sightline::test
