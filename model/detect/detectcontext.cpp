#include "detectcontext.h"

#include "store/workspace.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace sightline::detect {

int weekdayOf(qint64 ms)
{
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const qint64 days = ms >= 0 ? ms / tuning::kDay : (ms - tuning::kDay + 1) / tuning::kDay;
    return int(((days % 7) + 7 + 3) % 7);
}

QString isoTime(qint64 ms)
{
    return fromStoredTime(ms).toUTC().toString(Qt::ISODate);
}

QString formatNumber(double value)
{
    const QLocale c(QLocale::English);
    if (std::abs(value) >= 1000 || value == std::round(value))
        return c.toString(std::round(value), 'f', 0);
    if (std::abs(value) >= 1)
        return QString::number(value, 'f', 2);
    return QString::number(value, 'g', 3);
}

QString formatHours(double hours)
{
    if (hours >= 48)
        return QString::number(hours / 24, 'f', 1) + QStringLiteral(" d");
    return QString::number(hours, 'f', hours < 10 ? 1 : 0) + QStringLiteral(" h");
}

void TrainingFilter::exclude(qint64 from, qint64 to, bool fromExclusive)
{
    m_windows.push_back({from, std::max(from, to), fromExclusive});
}

void TrainingFilter::setBaseline(const QString& metric, const QString& column, qint64 since)
{
    const QString key = metric + u'\x1f' + column;
    m_baselines[key] = std::max(m_baselines.value(key, since), since);
}

bool TrainingFilter::excluded(qint64 at) const
{
    for (const auto& w : m_windows) {
        if ((w.fromExclusive ? at > w.from : at >= w.from) && at <= w.to)
            return true;
    }
    return false;
}

bool TrainingFilter::overlaps(qint64 from, qint64 to) const
{
    for (const auto& w : m_windows) {
        if (from < w.to && to > w.from)
            return true;
    }
    return false;
}

qint64 TrainingFilter::baseline(const QString& metric, const QString& column) const
{
    qint64 since = std::numeric_limits<qint64>::min();
    const QString all = QString(QString() + u'\x1f');
    if (auto it = m_baselines.constFind(all); it != m_baselines.constEnd())
        since = std::max(since, *it);
    if (auto it = m_baselines.constFind(QString(metric + u'\x1f' + column)); it != m_baselines.constEnd())
        since = std::max(since, *it);
    if (auto it = m_baselines.constFind(QString(metric + u'\x1f')); it != m_baselines.constEnd())
        since = std::max(since, *it);
    return since;
}

Severity suggestSeverity(int base, const AssetScope& asset)
{
    int level = base;
    if (asset.downstream) {
        const auto [assets, dashboards] = asset.downstream();
        if (dashboards > 0 || assets >= 10)
            --level;
        else if (assets == 0)
            ++level;
    }
    return static_cast<Severity>(std::clamp(level, 1, 4));
}

QString fingerprintOf(const QString& detector, const QString& assetKey, const QString& column, qint64 at)
{
    return detector + u'|' + assetKey + u'|' + column + u'|' + QString::number(at);
}

std::vector<SeriesPoint> loadSeries(sql::Database& db, qint64 assetId, const QString& metric, const QString& column,
                                    qint64 asOf)
{
    auto stmt = db.prepare("SELECT at, value FROM observation WHERE asset_id = ?1 AND metric = ?2 AND "
                           "column_name = ?3 AND at <= ?4 AND value IS NOT NULL ORDER BY at");
    stmt.bind(1, assetId).bind(2, metric).bind(3, column).bind(4, asOf);
    std::vector<SeriesPoint> points;
    while (stmt.step())
        points.push_back({stmt.int64(0), stmt.real(1)});
    return points;
}

Incident baseIncident(const QString& detector, IncidentKind kind, const AssetScope& asset, const QString& column,
                      qint64 detectedAt, qint64 windowStart, qint64 trainingStart, qint64 trainingEnd,
                      const std::vector<qint64>& excluded)
{
    Incident i;
    i.detector = detector;
    i.kind = kind;
    i.assetKey = asset.key;
    i.column = column;
    i.detectedAt = fromStoredTime(detectedAt);
    i.windowStart = fromStoredTime(std::min(windowStart, detectedAt));
    i.windowEnd = fromStoredTime(detectedAt);
    i.trainingStart = fromStoredTime(trainingStart);
    i.trainingEnd = fromStoredTime(trainingEnd);
    // Bounded: a long exclusion list says nothing more than its first entries.
    for (size_t k = 0; k < excluded.size() && k < 50; ++k)
        i.excludedPoints.append(fromStoredTime(excluded[k]));
    i.fingerprint = fingerprintOf(detector, asset.key, column, detectedAt);
    return i;
}

} // namespace sightline::detect
