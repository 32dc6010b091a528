#include "detectors.h"
#include "judge.h"

#include "import/importer.h"
#include "store/workspace.h"

#include <algorithm>
#include <cmath>

namespace sightline::detect {

namespace {
bool isDistributionMetric(const QString& m)
{
    return m == QStringView(metric::NullRate) || m == QStringView(metric::DistinctCount)
        || m == QStringView(metric::Mean) || m == QStringView(metric::Min) || m == QStringView(metric::Max);
}

ValueRule ruleFor(const QString& m, bool positive)
{
    ValueRule rule;
    rule.k = tuning::kLevelZ;
    if (m == QStringView(metric::NullRate)) {
        // A share: judged in points of percentage, never for a change below two points.
        rule.logScale = false;
        rule.floor = 0.005;
        rule.minAbsolute = 0.02;
        return rule;
    }
    rule.minRelative = tuning::kMinRelativeChange;
    rule.logScale = positive;
    if (!positive) {
        rule.floor = 1e-9;
        rule.relativeFloor = 0.02;
    }
    return rule;
}
} // namespace

void detectDistributionSeries(sql::Database& db, qint64 asOf, const AssetScope& asset, const QString& metricName,
                              const QString& column, Findings& out)
{
    const auto points = loadSeries(db, asset.id, metricName, column, asOf);
    const qint64 baseline = asset.filter.baseline(metricName, column);
    std::vector<bool> usable(points.size(), true);
    bool inEpisode = false; // consecutive anomalous points are one incident
    QString episodeDirection;
    bool coldAtEnd = false;
    size_t windowFirst = 0; // moves forward only, with the window
    const QString detector = QStringLiteral("distribution.") + metricName;
    for (size_t i = 0; i < points.size(); ++i) {
        const SeriesPoint& cur = points[i];
        usable[i] = cur.at >= baseline && !asset.filter.excluded(cur.at);
        const qint64 windowStart = std::max(cur.at - tuning::kTrainingWindow, baseline);
        std::vector<Sample> training;
        std::vector<qint64> excluded;
        bool positive = cur.value > 0;
        qint64 firstTrained = cur.at;
        while (windowFirst < i && points[windowFirst].at < windowStart)
            ++windowFirst;
        for (size_t k = windowFirst; k < i; ++k) {
            if (!usable[k]) {
                excluded.push_back(points[k].at);
                continue;
            }
            training.push_back({weekdayOf(points[k].at), points[k].value});
            firstTrained = std::min(firstTrained, points[k].at);
            positive = positive && points[k].value > 0;
        }
        if (int(training.size()) < tuning::kMinDistributionPoints || cur.at - firstTrained < tuning::kMinSeasonSpan) {
            coldAtEnd = true;
            continue;
        }
        coldAtEnd = false;
        const Judgement j = judgeValue(training, weekdayOf(cur.at), cur.value, ruleFor(metricName, positive));
        if (out.band)
            out.band->append({fromStoredTime(cur.at), j.low, j.high});
        if (!j.anomalous) {
            inEpisode = false;
            continue;
        }
        const QString direction = j.z < 0 ? QStringLiteral("down") : QStringLiteral("up");
        const bool ongoing = inEpisode && episodeDirection == direction;
        inEpisode = true;
        episodeDirection = direction;
        if (ongoing)
            continue;
        Incident inc = baseIncident(detector, IncidentKind::Distribution, asset, column, cur.at,
                                    i > 0 ? points[i - 1].at : cur.at, windowStart, points[i - 1].at, excluded);
        inc.expectedLow = j.low;
        inc.expectedHigh = j.high;
        inc.observed = cur.value;
        inc.score = std::abs(j.z);
        inc.direction = direction;
        inc.severity = suggestSeverity(3, asset);
        inc.explanation =
            QStringLiteral("The %1 of %2.%3 was %4 at %5, outside its usual %6 to %7 (typically %8, "
                           "learned from %9 points since %10).")
                .arg(metricName, asset.key, column, formatNumber(cur.value), isoTime(cur.at), formatNumber(j.low),
                     formatNumber(j.high), formatNumber(j.expected), QString::number(training.size()))
                .arg(isoTime(windowStart));
        out.incidents.append(inc);
    }
    if (coldAtEnd)
        out.silent.append(QStringLiteral("%1.%2: %3: fewer than %4 points over two weeks (in the last %5 days)")
                              .arg(asset.key, column, metricName)
                              .arg(tuning::kMinDistributionPoints)
                              .arg(tuning::kTrainingWindow / tuning::kDay));
}

void detectDistribution(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out)
{
    auto stmt = db.prepare("SELECT DISTINCT column_name, metric FROM observation WHERE asset_id = ?1 AND "
                           "column_name != '' ORDER BY column_name, metric");
    stmt.bind(1, asset.id);
    QList<std::pair<QString, QString>> series;
    while (stmt.step()) {
        const QString m = stmt.text(1);
        if (isDistributionMetric(m))
            series.append({stmt.text(0), m});
    }
    for (const auto& [column, m] : std::as_const(series))
        detectDistributionSeries(db, asOf, asset, m, column, out);
}

} // namespace sightline::detect
