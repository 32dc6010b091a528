#include "detectors.h"
#include "judge.h"

#include "import/importer.h"
#include "store/workspace.h"

#include <algorithm>
#include <cmath>

namespace sightline::detect {

namespace {
enum class Pattern
{
    AppendOnly,
    Rebuilt,
    Static,
    Irregular,
};

QString patternName(Pattern p)
{
    switch (p) {
    case Pattern::AppendOnly:
        return QStringLiteral("append-only");
    case Pattern::Rebuilt:
        return QStringLiteral("rebuilt each run");
    case Pattern::Static:
        return QStringLiteral("static");
    case Pattern::Irregular:
        return QStringLiteral("irregular");
    }
    return {};
}

// One pass over a row-count series; each point is judged with the points before it only.
class VolumePass
{
public:
    VolumePass(const AssetScope& asset, std::vector<SeriesPoint> points, std::vector<SeriesPoint> lastModified,
               Findings& out)
        : m_asset(asset)
        , m_p(std::move(points))
        , m_lm(std::move(lastModified))
        , m_out(out)
        , m_usable(m_p.size(), true)
        , m_baseline(asset.filter.baseline(QString::fromUtf16(metric::RowCount), {}))
    {
    }

    void run()
    {
        alignUpdates();
        bool coldAtEnd = false;
        for (size_t i = 1; i < m_p.size(); ++i) {
            const bool inTraining = m_p[i - 1].at >= m_baseline && !m_asset.filter.excluded(m_p[i].at);
            m_usable[i] = inTraining;
            coldAtEnd = !judge(i);
            const double d = m_p[i].value - m_p[i - 1].value;
            if (d > 0)
                m_lastGrowth = m_p[i].at; // growth is growth, usual or not
            if (!m_usable[i] || !inTraining)
                continue;
            if (d > 0)
                ++m_growths;
            else if (d < 0)
                ++m_shrinks;
        }
        if (coldAtEnd)
            m_out.silent.append(
                QStringLiteral("%1: volume: fewer than %2 comparable row counts over two weeks (in the last %3 days)")
                    .arg(m_asset.key)
                    .arg(tuning::kMinVolumePoints)
                    .arg(tuning::kTrainingWindow / tuning::kDay));
    }

private:
    // False when the point could not be judged for lack of history.
    bool judge(size_t i)
    {
        const SeriesPoint& cur = m_p[i];
        const SeriesPoint& prev = m_p[i - 1];
        const double d = cur.value - prev.value;
        const qint64 windowStart = std::max(cur.at - tuning::kTrainingWindow, m_baseline);

        std::vector<Sample> increments;
        std::vector<Sample> levels;
        std::vector<Sample> growthGaps;
        std::vector<qint64> excluded;
        int shrinks = 0;
        int changes = 0;
        qint64 previousGrowth = -1;
        qint64 firstTrained = cur.at;
        // The window only moves forward: start where the previous point's window started.
        while (m_windowFirst < i && m_p[m_windowFirst].at < windowStart)
            ++m_windowFirst;
        for (size_t k = std::max<size_t>(1, m_windowFirst); k < i; ++k) {
            if (!m_usable[k]) {
                excluded.push_back(m_p[k].at);
                continue;
            }
            const double dk = m_p[k].value - m_p[k - 1].value;
            firstTrained = std::min(firstTrained, m_p[k].at);
            levels.push_back({season(k), m_p[k].value});
            if (dk != 0)
                ++changes;
            if (dk < 0)
                ++shrinks;
            if (dk > 0) {
                increments.push_back({season(k), dk});
                if (previousGrowth >= 0)
                    growthGaps.push_back({weekdayOf(previousGrowth), double(m_p[k].at - previousGrowth)});
                previousGrowth = m_p[k].at;
            }
        }
        const Pattern pattern = changes == 0 ? Pattern::Static
            : shrinks == 0                   ? Pattern::AppendOnly
            : shrinks * 4 >= changes         ? Pattern::Rebuilt
                                             : Pattern::Irregular;
        m_trainingStart = windowStart;
        m_excluded = std::move(excluded);
        const bool enoughSpan = cur.at - firstTrained >= tuning::kMinSeasonSpan;

        // No history needed: a table that has only ever grown loses rows.
        // Flagged deletions do not count as shrinks (the next deletion is caught too), but a table
        // that shrinks again and again is rebuilt, not append-only: at most one recent one.
        int recentDeletions = 0;
        for (qint64 at : m_deletions)
            recentDeletions += at >= cur.at - tuning::kTrainingWindow;
        if (d < 0 && m_shrinks == 0 && m_growths >= tuning::kMinAppendGrowths && recentDeletions < 2) {
            m_deletions.push_back(cur.at);
            raiseDeletion(i, increments);
            return true;
        }
        if (pattern == Pattern::AppendOnly) {
            if (d > 0)
                return enoughSpan && judgeIncrement(i, increments);
            if (d == 0)
                return judgeStall(i, growthGaps);
            return true;
        }
        if (int(levels.size()) < tuning::kMinVolumePoints || !enoughSpan)
            return false;
        ValueRule rule;
        rule.k = pattern == Pattern::Irregular ? tuning::kLevelZ + 1 : tuning::kLevelZ;
        rule.minRelative = tuning::kMinRelativeChange;
        const Judgement j = judgeValue(levels, season(i), cur.value, rule);
        band(cur.at, j.low, j.high);
        if (d == 0)
            return true;
        if (!j.anomalous) {
            endEpisode();
            return true;
        }
        const QString direction = d < 0 ? QStringLiteral("down") : QStringLiteral("up");
        if (continues(direction))
            return true;
        Incident inc = make(QStringLiteral("volume.level"), i, j.low, j.high, std::abs(j.z), direction, d < 0 ? 2 : 3);
        const double share = std::abs(cur.value / std::max(j.expected, 1.0) - 1) * 100;
        inc.explanation =
            QStringLiteral("%1 (%2) went from %3 to %4 rows at %5, %6 %7 % %8 the usual %9 "
                           "(normal range %10 to %11 over %12 points since %13).")
                .arg(m_asset.key, patternName(pattern), formatNumber(prev.value), formatNumber(cur.value),
                     isoTime(cur.at), d < 0 ? QStringLiteral("losing") : QStringLiteral("gaining"),
                     QString::number(share, 'f', 1), d < 0 ? QStringLiteral("against") : QStringLiteral("over"),
                     formatNumber(j.expected))
                .arg(formatNumber(j.low), formatNumber(j.high), QString::number(levels.size()), isoTime(windowStart));
        m_out.incidents.append(inc);
        return true;
    }

    void raiseDeletion(size_t i, const std::vector<Sample>& increments)
    {
        const SeriesPoint& cur = m_p[i];
        const SeriesPoint& prev = m_p[i - 1];
        const double deleted = prev.value - cur.value;
        std::vector<double> values;
        for (const auto& s : increments)
            values.push_back(s.value);
        const double usual = values.empty() ? 0 : median(values);
        band(cur.at, prev.value, prev.value + usual);
        m_usable[i] = false;
        Incident inc = make(QStringLiteral("volume.deletion"), i, prev.value, prev.value + usual,
                            deleted / std::max(usual, 1.0), QStringLiteral("down"), 2);
        inc.explanation =
            QStringLiteral("%1 rows (%2 %) disappeared from %3 between %4 and %5 (%6 to %7 rows), "
                           "a table that had only ever grown (%8 increases, no decrease).")
                .arg(formatNumber(deleted), QString::number(deleted / std::max(prev.value, 1.0) * 100, 'g', 2),
                     m_asset.key, isoTime(prev.at), isoTime(cur.at), formatNumber(prev.value), formatNumber(cur.value),
                     QString::number(m_growths));
        m_out.incidents.append(inc);
    }

    bool judgeIncrement(size_t i, const std::vector<Sample>& increments)
    {
        const SeriesPoint& cur = m_p[i];
        const SeriesPoint& prev = m_p[i - 1];
        if (int(increments.size()) < tuning::kMinVolumePoints)
            return false;
        ValueRule rule;
        rule.k = tuning::kSpikeZ;
        rule.kLow = tuning::kCollapseZ;
        rule.minRelative = 0.2;
        const double d = cur.value - prev.value;
        const Judgement j = judgeValue(increments, season(i), d, rule);
        band(cur.at, prev.value + j.low, prev.value + j.high);
        if (!j.anomalous) {
            endEpisode();
            return true;
        }
        const QString direction = j.z < 0 ? QStringLiteral("down") : QStringLiteral("up");
        if (continues(direction))
            return true;
        Incident inc = make(QStringLiteral("volume.increment"), i, prev.value + j.low, prev.value + j.high,
                            std::abs(j.z), direction, 3);
        inc.explanation =
            QStringLiteral("%1 grew by %2 rows at %3 where it usually grows by %4 (%5 to %6 over %7 "
                           "loads since %8): the increment %9.")
                .arg(m_asset.key, formatNumber(d), isoTime(cur.at), formatNumber(j.expected), formatNumber(j.low),
                     formatNumber(j.high), QString::number(increments.size()), isoTime(m_trainingStart),
                     j.z < 0 ? QStringLiteral("collapsed") : QStringLiteral("spiked"));
        m_out.incidents.append(inc);
        return true;
    }

    // A table that is still written to (last_modified moves) but has stopped growing for longer
    // than any growth gap of its history. Without last_modified the freshness detector covers it.
    bool judgeStall(size_t i, const std::vector<Sample>& growthGaps)
    {
        const SeriesPoint& cur = m_p[i];
        if (m_lastGrowth < 0 || m_lm.empty() || m_stalledAfter == m_lastGrowth)
            return true;
        if (int(growthGaps.size()) < tuning::kMinIntervals)
            return false;
        const Cadence cadence = learnCadence(growthGaps, weekdayOf(m_lastGrowth), tuning::kCadenceSlack);
        const double gap = double(cur.at - m_lastGrowth);
        if (gap <= cadence.upper || lastModifiedAt(cur.at) <= m_lastGrowth)
            return true;
        m_stalledAfter = m_lastGrowth;
        Incident inc = make(QStringLiteral("volume.stalled"), i, m_p[i].value, m_p[i].value, gap / cadence.upper,
                            QStringLiteral("down"), 3);
        inc.windowStart = fromStoredTime(m_lastGrowth + qint64(cadence.upper));
        inc.fingerprint = fingerprintOf(inc.detector, m_asset.key, {}, m_lastGrowth);
        inc.expectedLow = std::nullopt;
        inc.observed = 0;
        inc.observedText = QStringLiteral("no growth for %1").arg(formatHours(gap / tuning::kHour));
        inc.explanation =
            QStringLiteral("%1 is still being written to but has not grown since %2 (%3 by %4), "
                           "although it grew at least every %5 over its last %6 growths.")
                .arg(m_asset.key, isoTime(m_lastGrowth), formatHours(gap / tuning::kHour), isoTime(cur.at),
                     formatHours(cadence.upper / tuning::kHour), QString::number(growthGaps.size() + 1));
        m_out.incidents.append(inc);
        return true;
    }

    qint64 lastModifiedAt(qint64 at) const
    {
        qint64 value = -1;
        for (const auto& p : m_lm) {
            if (p.at > at)
                break;
            value = std::max(value, qint64(p.value));
        }
        return value;
    }

    // The weekday a row count belongs to: that of the update that produced it when
    // last_modified is known (a load at 23:00 captured after midnight is the earlier day's).
    int season(size_t i) const
    {
        return m_updateDay.empty() ? weekdayOf(m_p[i].at) : m_updateDay[i];
    }
    void alignUpdates()
    {
        if (m_lm.empty())
            return;
        m_updateDay.resize(m_p.size());
        size_t l = 0;
        qint64 modified = -1;
        for (size_t i = 0; i < m_p.size(); ++i) {
            while (l < m_lm.size() && m_lm[l].at <= m_p[i].at)
                modified = std::max(modified, qint64(m_lm[l++].value));
            m_updateDay[i] = weekdayOf(modified >= 0 ? modified : m_p[i].at);
        }
    }

    // A flagged point that continues the previous one's anomaly in the same direction is part of
    // the same incident. Flagged points stay in training: the median and MAD shrug off a few
    // outliers, and a shift that lasts becomes the new normal by itself (leaving them out would
    // keep a weekly pattern first seen as an anomaly anomalous forever).
    bool continues(const QString& direction)
    {
        const bool ongoing = m_inEpisode && m_episodeDirection == direction;
        m_inEpisode = true;
        m_episodeDirection = direction;
        return ongoing;
    }
    void endEpisode()
    {
        m_inEpisode = false;
    }

    void band(qint64 at, double low, double high)
    {
        if (m_out.band)
            m_out.band->append({fromStoredTime(at), low, high});
    }

    Incident make(const QString& detector, size_t i, double low, double high, double score, const QString& direction,
                  int baseSeverity)
    {
        Incident inc = baseIncident(detector, IncidentKind::Volume, m_asset, {}, m_p[i].at, m_p[i - 1].at,
                                    m_trainingStart, m_p[i - 1].at, m_excluded);
        inc.expectedLow = low;
        inc.expectedHigh = high;
        inc.observed = m_p[i].value;
        inc.score = score;
        inc.direction = direction;
        inc.severity = suggestSeverity(baseSeverity, m_asset);
        return inc;
    }

    const AssetScope& m_asset;
    std::vector<SeriesPoint> m_p;
    std::vector<SeriesPoint> m_lm;
    Findings& m_out;
    std::vector<bool> m_usable;
    qint64 m_baseline;
    int m_growths = 0;
    int m_shrinks = 0;
    qint64 m_lastGrowth = -1;
    size_t m_windowFirst = 0;
    std::vector<qint64> m_deletions; // times of flagged deletions
    std::vector<int> m_updateDay; // per point, when last_modified is known
    qint64 m_stalledAfter = -1;
    bool m_inEpisode = false;
    QString m_episodeDirection;
    qint64 m_trainingStart = 0;
    std::vector<qint64> m_excluded;
};
} // namespace

void detectVolume(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out)
{
    auto points = loadSeries(db, asset.id, QString::fromUtf16(metric::RowCount), {}, asOf);
    if (points.size() < 2)
        return;
    auto lm = loadSeries(db, asset.id, QString::fromUtf16(metric::LastModified), {}, asOf);
    VolumePass(asset, std::move(points), std::move(lm), out).run();
}

} // namespace sightline::detect
