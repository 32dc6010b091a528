#pragma once

// A realistic, deterministic history of one large append-only table, built in memory (no
// workspace): 60 days of captures ending at 2024-03-01 00:00 UTC, `points` captures spread evenly,
// a daily load at about 04:00 (weekend loads smaller), a 150,000-row deletion on day 41, one late
// load on day 50, a column added on day 12 and one removed on day 47, and an expected band. Used by
// the page's screenshot test and by the benchmark (1 M points).

#include "charts/assethistory.h"

#include <QRandomGenerator>

namespace sightline::test {

inline AssetHistory syntheticHistory(qsizetype points, quint32 seed = 7)
{
    constexpr double kHour = 3600000.0;
    constexpr double kDay = 24 * kHour;
    const QDateTime end(QDate(2024, 3, 1), QTime(0, 0), Qt::UTC);
    const double x1 = double(end.toMSecsSinceEpoch());
    const double x0 = x1 - 60 * kDay;
    QRandomGenerator rng(seed);

    // Loads: one per day, at 04:00 plus a little jitter; day 50's arrives at 17:00.
    QList<double> loads;
    QList<double> loadRows;
    double total = 40'000'000;
    for (int d = 0; d < 60; ++d) {
        const double at = x0 + d * kDay + (d == 50 ? 17 : 4) * kHour + rng.bounded(20) * 60000.0;
        const int weekday = QDateTime::fromMSecsSinceEpoch(qint64(at), Qt::UTC).date().dayOfWeek();
        total += (weekday >= 6 ? 60'000 : 210'000) + rng.bounded(30'000);
        if (d == 41)
            total -= 150'000 + 210'000; // the deletion lands with that day's load
        loads.append(at);
        loadRows.append(total);
    }

    AssetHistory h;
    h.assetKey = QStringLiteral("shop-prod.core.fct_listing_views");
    h.assetId = 1;
    h.dataTime = end;
    QList<QPointF> lastModified;
    h.rows.reserve(points);
    lastModified.reserve(points);
    qsizetype load = -1;
    for (qsizetype i = 0; i < points; ++i) {
        const double x = x0 + (x1 - x0) * double(i + 1) / double(points);
        while (load + 1 < loads.size() && loads[load + 1] <= x)
            ++load;
        const double rows = load < 0 ? 40'000'000 : loadRows[load];
        h.rows.append(QPointF(x, rows));
        lastModified.append(QPointF(x, load < 0 ? x0 - 20 * kHour : loads[load]));
    }
    h.rowChanges = changes(h.rows);
    // The band follows what the table "should" hold: no deletion, the usual growth, widening with
    // the uncertainty of the day's load.
    const qsizetype bandStep = std::max<qsizetype>(1, points / 2000);
    for (qsizetype i = 0; i < points; i += bandStep) {
        const double rows = h.rows[i].y() + (h.rows[i].x() >= loads[41] ? 150'000 : 0);
        h.rowBand.append(BandSample {h.rows[i].x(), rows - 90'000, rows + 60'000});
    }
    freshnessSeries(lastModified, h.updates, h.staleness);
    for (const QPointF& u : std::as_const(h.updates))
        h.freshnessBand.append(BandSample {u.x(), 0, 27});

    QList<QPair<QDateTime, QByteArray>> versions {
        {QDateTime::fromMSecsSinceEpoch(qint64(x0), Qt::UTC),
         R"([["listing_id","INT64",1],["viewed_at","TIMESTAMP",2],["user_id","STRING",3],["price","NUMERIC",4]])"},
        {QDateTime::fromMSecsSinceEpoch(qint64(x0 + 12 * kDay + 4 * kHour), Qt::UTC),
         R"([["listing_id","INT64",1],["viewed_at","TIMESTAMP",2],["user_id","STRING",3],["price","NUMERIC",4],["channel","STRING",5]])"},
        {QDateTime::fromMSecsSinceEpoch(qint64(x0 + 47 * kDay + 4 * kHour), Qt::UTC),
         R"([["listing_id","INT64",1],["viewed_at","TIMESTAMP",2],["price","FLOAT64",3],["channel","STRING",4]])"},
    };
    h.schema = schemaChanges(versions);

    auto incident = [&](qint64 id, IncidentKind kind, double a, double b, Severity severity, const char* text) {
        Incident i;
        i.id = id;
        i.kind = kind;
        i.assetKey = h.assetKey;
        i.windowStart = QDateTime::fromMSecsSinceEpoch(qint64(a), Qt::UTC);
        i.windowEnd = QDateTime::fromMSecsSinceEpoch(qint64(b), Qt::UTC);
        i.detectedAt = i.windowEnd;
        i.severity = severity;
        i.explanation = QString::fromUtf8(text);
        h.incidents.append(i);
    };
    incident(1, IncidentKind::Volume, loads[40], loads[41], Severity::Sev2,
             "150,000 rows deleted from a table that only ever grew");
    incident(2, IncidentKind::Freshness, x0 + 50 * kDay + 4 * kHour, loads[50], Severity::Sev3,
             "Loaded 13 h later than its usual 04:00");
    incident(3, IncidentKind::Schema, x0 + 47 * kDay, x0 + 47 * kDay + 4 * kHour, Severity::Sev2,
             "Column user_id removed; price retyped NUMERIC → FLOAT64");
    Annotation note;
    note.id = 1;
    note.assetKey = h.assetKey;
    note.at = QDateTime::fromMSecsSinceEpoch(qint64(loads[41] + 2 * kHour), Qt::UTC);
    note.text = QStringLiteral("Legit upstream clean-up of bot traffic");
    note.excludeFromTraining = true;
    h.annotations.append(note);
    return h;
}

} // namespace sightline::test
