#include "detectors.h"
#include "judge.h"

#include "import/importer.h"
#include "store/workspace.h"

#include <QSet>

#include <algorithm>

namespace sightline::detect {

namespace {
// Update times from a series whose values are "last changed at" times (ms), oldest first.
std::vector<qint64> updateEvents(const std::vector<SeriesPoint>& points)
{
    std::vector<qint64> events;
    for (const auto& p : points) {
        const auto t = qint64(p.value);
        if (events.empty() || t > events.back())
            events.push_back(t);
    }
    return events;
}
} // namespace

void detectFreshness(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out)
{
    QString metricName = QString::fromUtf16(metric::LastModified);
    auto points = loadSeries(db, asset.id, metricName, {}, asOf);
    if (points.empty()) {
        metricName = QString::fromUtf16(metric::LoadedAt);
        points = loadSeries(db, asset.id, metricName, {}, asOf);
    }
    if (points.empty())
        return;
    const std::vector<qint64> events = updateEvents(points);
    const qint64 baseline = asset.filter.baseline(metricName, {});
    QSet<qint64> flaggedStarts; // updates after which a late incident was raised
    bool coldAtEnd = false;
    size_t seen = 0; // events[0..seen) happened at or before the judged capture
    for (const auto& p : points) {
        while (seen < events.size() && events[seen] <= qint64(p.value))
            ++seen;
        if (seen == 0)
            continue;
        const qint64 lastUpdate = events[seen - 1];
        const qint64 windowStart = p.at - tuning::kTrainingWindow;
        // Late gaps stay in training: a weekly pattern first seen as late (the first weekend of a
        // weekday-only table) is the cadence from then on. Only feedback takes gaps out.
        std::vector<Sample> intervals;
        std::vector<qint64> excluded;
        qint64 firstTrained = p.at;
        for (size_t e = 1; e < seen; ++e) {
            const qint64 from = events[e - 1];
            const qint64 to = events[e];
            if (to < windowStart || from < baseline)
                continue;
            if (asset.filter.overlaps(from, to)) {
                excluded.push_back(to);
                continue;
            }
            intervals.push_back({weekdayOf(from), double(to - from)});
            // From the end of the first gap: the update before it may be long before the history.
            firstTrained = std::min(firstTrained, to);
        }
        // A week at least, so that weekends have been seen once.
        if (int(intervals.size()) < tuning::kMinIntervals || p.at - firstTrained < tuning::kMinCadenceSpan) {
            coldAtEnd = true;
            continue;
        }
        coldAtEnd = false;
        const Cadence cadence = learnCadence(intervals, weekdayOf(lastUpdate), tuning::kCadenceSlack);
        const double age = double(p.at - lastUpdate);
        if (out.band)
            out.band->append({fromStoredTime(p.at), cadence.minimum / tuning::kHour, cadence.upper / tuning::kHour});
        if (age <= cadence.upper || flaggedStarts.contains(lastUpdate))
            continue;
        flaggedStarts.insert(lastUpdate);
        const qint64 dueAt = lastUpdate + qint64(cadence.upper);
        Incident i = baseIncident(QStringLiteral("freshness.late"), IncidentKind::Freshness, asset, {}, p.at, dueAt,
                                  std::max(windowStart, baseline), p.at, excluded);
        i.fingerprint = fingerprintOf(i.detector, asset.key, {}, lastUpdate);
        i.expectedLow = cadence.minimum / tuning::kHour;
        i.expectedHigh = cadence.upper / tuning::kHour;
        i.observed = age / tuning::kHour;
        i.score = age / std::max(cadence.upper, 1.0);
        i.direction = QStringLiteral("late");
        i.severity = suggestSeverity(3, asset);
        i.explanation =
            QStringLiteral("%1 was last updated at %2 and still not at %3 (%4 later), although its last %5 "
                           "updates came at most %6 apart (next update was due by %7).")
                .arg(asset.key, isoTime(lastUpdate), isoTime(p.at), formatHours(age / tuning::kHour),
                     QString::number(intervals.size()), formatHours(cadence.upper / tuning::kHour), isoTime(dueAt));
        out.incidents.append(i);
    }
    if (coldAtEnd)
        out.silent.append(QStringLiteral("%1: freshness: not enough history (%2 updates over a week at least, "
                                         "in the last %3 days)")
                              .arg(asset.key)
                              .arg(tuning::kMinIntervals + 1)
                              .arg(tuning::kTrainingWindow / tuning::kDay));
}

} // namespace sightline::detect
