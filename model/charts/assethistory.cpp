#include "assethistory.h"

#include "detect/band.h"
#include "import/importer.h"
#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <exception>

namespace sightline {

namespace {

constexpr double kHourMs = 3600.0 * 1000.0;

QList<QPointF> readSeries(sql::Database& db, qint64 assetId, const QString& metric)
{
    auto stmt = db.prepare(
        "SELECT at, value FROM observation WHERE asset_id = ?1 AND metric = ?2 AND column_name = ?3 ORDER BY at");
    stmt.bind(1, assetId).bind(2, metric).bind(3, QString());
    QList<QPointF> out;
    while (stmt.step()) {
        if (stmt.isNull(1))
            continue;
        out.append(QPointF(double(stmt.int64(0)), stmt.real(1)));
    }
    return out;
}

QList<BandSample> readBand(sql::Database& db, qint64 assetId, const QString& metric)
{
    QList<BandSample> out;
    const QList<BandPoint> band = expectedBand(db, assetId, metric);
    out.reserve(band.size());
    for (const BandPoint& b : band)
        out.append(BandSample {double(toStoredTime(b.at)), b.low, b.high});
    std::sort(out.begin(), out.end(), [](const BandSample& a, const BandSample& b) { return a.x < b.x; });
    return out;
}

struct ColumnInfo
{
    QString type;
    int position = 0;
};

} // namespace

double AssetHistory::firstX() const
{
    double x = 0;
    bool any = false;
    auto take = [&](double v) {
        x = any ? std::min(x, v) : v;
        any = true;
    };
    if (!rows.isEmpty())
        take(rows.first().x());
    if (!staleness.isEmpty())
        take(staleness.first().x());
    if (!schema.isEmpty())
        take(double(toStoredTime(schema.first().at)));
    return x;
}

double AssetHistory::lastX() const
{
    double x = 0;
    if (!rows.isEmpty())
        x = std::max(x, rows.last().x());
    if (!staleness.isEmpty())
        x = std::max(x, staleness.last().x());
    if (!schema.isEmpty())
        x = std::max(x, double(toStoredTime(schema.last().at)));
    if (dataTime.isValid())
        x = std::max(x, double(toStoredTime(dataTime)));
    return x;
}

void freshnessSeries(const QList<QPointF>& lastModified, QList<QPointF>& updates, QList<QPointF>& staleness)
{
    updates.clear();
    staleness.clear();
    double previousUpdate = 0;
    double previousCapture = 0;
    bool first = true;
    for (const QPointF& p : lastModified) {
        const double capture = p.x();
        const double modified = p.y();
        if (first || modified != previousUpdate) {
            const double gap = first ? 0 : (modified - previousUpdate) / kHourMs;
            // An update the previous capture could not have seen starts a new tooth at 0 hours; the
            // first one is drawn only if it falls after the first capture could have seen it.
            if (!first && modified > previousCapture && modified <= capture)
                staleness.append(QPointF(modified, 0));
            if (first || modified > previousUpdate)
                updates.append(QPointF(modified, gap));
            previousUpdate = modified;
            first = false;
        }
        staleness.append(QPointF(capture, std::max(0.0, (capture - modified) / kHourMs)));
        previousCapture = capture;
    }
    std::sort(updates.begin(), updates.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
}

QList<SchemaChange> schemaChanges(const QList<QPair<QDateTime, QByteArray>>& versions)
{
    QList<SchemaChange> out;
    QHash<QString, ColumnInfo> previous;
    QStringList previousOrder;
    for (const auto& [at, text] : versions) {
        const QJsonArray columns = QJsonDocument::fromJson(text).array();
        QHash<QString, ColumnInfo> current;
        QStringList order;
        for (const QJsonValue& c : columns) {
            const QJsonArray column = c.toArray();
            const QString name = column.at(0).toString();
            current.insert(name, ColumnInfo {column.at(1).toString(), column.at(2).toInt()});
            order.append(name);
        }
        SchemaChange change;
        change.at = at;
        change.version = int(out.size()) + 1;
        change.columnCount = int(order.size());
        if (!out.isEmpty()) {
            QStringList keptBefore;
            for (const QString& name : previousOrder) {
                if (!current.contains(name))
                    change.removed.append(name);
                else
                    keptBefore.append(name);
            }
            QStringList keptNow;
            for (const QString& name : order) {
                const auto was = previous.constFind(name);
                if (was == previous.constEnd()) {
                    change.added.append(name);
                    continue;
                }
                keptNow.append(name);
                if (was->type != current[name].type)
                    change.retyped.append(name + QStringLiteral(": ") + was->type + QStringLiteral(" → ")
                                          + current[name].type);
            }
            // A column moved when its place among the columns both versions share differs.
            for (qsizetype i = 0; i < keptNow.size(); ++i) {
                if (keptNow[i] != keptBefore.value(i))
                    change.moved.append(keptNow[i]);
            }
        }
        out.append(change);
        previous = current;
        previousOrder = order;
    }
    return out;
}

AssetHistory loadAssetHistory(Workspace& workspace, const QString& assetKey, const std::function<bool()>& cancelled)
{
    AssetHistory h;
    h.assetKey = assetKey;
    auto stop = [&] { return cancelled && cancelled(); };
    try {
        sql::Database& db = workspace.db();
        auto find = db.prepare("SELECT id FROM asset WHERE key = ?1");
        find.bind(1, assetKey);
        if (!find.step()) {
            h.error = QStringLiteral("Unknown asset: %1").arg(assetKey);
            return h;
        }
        h.assetId = find.int64(0);
        h.dataTime = workspace.dataTime();

        h.rows = readSeries(db, h.assetId, QString::fromUtf16(metric::RowCount));
        h.rowChanges = changes(h.rows);
        h.rowBand = readBand(db, h.assetId, QString::fromUtf16(metric::RowCount));
        if (stop())
            return h;

        freshnessSeries(readSeries(db, h.assetId, QString::fromUtf16(metric::LastModified)), h.updates, h.staleness);
        h.freshnessBand = readBand(db, h.assetId, QString::fromUtf16(metric::LastModified));
        if (stop())
            return h;

        auto schema = db.prepare(
            "SELECT captured_at, columns FROM schema_version WHERE asset_id = ?1 AND captured_at IS NOT NULL "
            "ORDER BY captured_at, id");
        schema.bind(1, h.assetId);
        QList<QPair<QDateTime, QByteArray>> versions;
        while (schema.step())
            versions.append({fromStoredTime(schema.int64(0)), schema.blob(1)});
        h.schema = schemaChanges(versions);

        IncidentFilter filter;
        filter.assetKey = assetKey;
        h.incidents = IncidentStore(db).incidents(filter);
        h.annotations = AnnotationStore(db).annotations(assetKey);
    } catch (const std::exception& e) {
        h.error = QString::fromUtf8(e.what());
    }
    return h;
}

} // namespace sightline
