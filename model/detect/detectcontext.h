#pragma once

#include "detect/band.h"
#include "incidents/incident.h"
#include "store/sqlite.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include <vector>

namespace sightline::detect {

// Tuning shared by the detectors (chosen with tests/bench/detection on several seeds).
namespace tuning {
inline constexpr qint64 kDay = 86'400'000;
inline constexpr qint64 kHour = 3'600'000;
inline constexpr qint64 kTrainingWindow = 28 * kDay; // history a point is judged against
inline constexpr double kLevelZ = 5.0; // robust z beyond which a level or increment is anomalous
// Increments are skewed low in log space (an additive wobble of 25 % reaches 0.3x far more often
// than 3x): a collapse needs a larger z than a spike.
inline constexpr double kCollapseZ = 6.5;
inline constexpr double kSpikeZ = 6;
inline constexpr double kMinRelativeChange = 0.10; // levels: smaller changes are never incidents
inline constexpr double kLogFloor = 0.05; // minimum spread in log space (5 %)
inline constexpr int kMinVolumePoints = 6; // increments or levels needed before judging
// Levels and increments are judged once two weeks of history show each weekday twice.
inline constexpr qint64 kMinSeasonSpan = 13 * kDay;
inline constexpr int kMinAppendGrowths = 5; // growths (and no shrink) that make a table append-only
inline constexpr int kMinIntervals = 4; // update intervals needed to learn a cadence
inline constexpr qint64 kMinCadenceSpan = 7 * kDay; // history a cadence needs (weekends seen)
inline constexpr double kCadenceSlack = 0.25; // share of the median interval added to the longest one
inline constexpr int kMinDistributionPoints = 7;
} // namespace tuning

struct SeriesPoint
{
    qint64 at = 0; // ms since the epoch, UTC
    double value = 0;
};

// 0 = Monday, UTC.
int weekdayOf(qint64 ms);
QString isoTime(qint64 ms);
QString formatNumber(double value); // 40,150,000 / 0.38 / 12.5
QString formatHours(double hours); // "9 h", "2.5 d"

// What feedback removes from an asset's training data: windows of incidents resolved as false
// positive or expected, annotation windows marked "exclude from training", and baselines
// restarted by "train as new normal".
class TrainingFilter
{
public:
    void exclude(qint64 from, qint64 to, bool fromExclusive);
    void setBaseline(const QString& metric, const QString& column, qint64 since);
    // A point is excluded when a window covers it.
    bool excluded(qint64 at) const;
    // An interval (an update gap) is excluded when a window overlaps it.
    bool overlaps(qint64 from, qint64 to) const;
    // Training starts here for (metric, column); an empty metric in setBaseline covers all.
    qint64 baseline(const QString& metric, const QString& column) const;

private:
    struct Window
    {
        qint64 from;
        qint64 to;
        bool fromExclusive;
    };
    std::vector<Window> m_windows;
    QHash<QString, qint64> m_baselines;
};

// One asset as the detectors see it; downstream counts are computed lazily (only for assets
// that raise something) by the caller-provided function.
struct AssetScope
{
    qint64 id = 0;
    QString key;
    TrainingFilter filter;
    std::function<std::pair<int, int>()> downstream; // (downstream assets, dashboards among them)
};

// Where detectors put their findings for one asset.
struct Findings
{
    QList<Incident> incidents;
    QStringList silent;
    QList<BandPoint>* band = nullptr; // when set, the band at every judged point is recorded
};

// base: the detector's own view (1 = most severe); raised one level when dashboards or ten or
// more assets sit downstream, lowered one when nothing does.
Severity suggestSeverity(int base, const AssetScope& asset);
QString fingerprintOf(const QString& detector, const QString& assetKey, const QString& column, qint64 at);

// Loads one series up to asOf (ms), oldest first.
std::vector<SeriesPoint> loadSeries(sql::Database& db, qint64 assetId, const QString& metric, const QString& column,
                                    qint64 asOf);

// Fills the fields every statistical incident has; the caller sets the rest.
Incident baseIncident(const QString& detector, IncidentKind kind, const AssetScope& asset, const QString& column,
                      qint64 detectedAt, qint64 windowStart, qint64 trainingStart, qint64 trainingEnd,
                      const std::vector<qint64>& excluded);

} // namespace sightline::detect
