#include "judge.h"

#include <algorithm>
#include <cmath>

namespace sightline::detect {

namespace {
double toScale(double v, bool log)
{
    return log ? std::log1p(std::max(v, 0.0)) : v;
}
double fromScale(double v, bool log)
{
    return log ? std::expm1(v) : v;
}
} // namespace

Judgement judgeValue(const std::vector<Sample>& training, int weekday, double value, const ValueRule& rule)
{
    std::vector<Sample> transformed = training;
    for (auto& s : transformed)
        s.value = toScale(s.value, rule.logScale);
    Robust r = seasonalStats(transformed, weekday, rule.floor);
    if (!rule.logScale) {
        r.scale = std::max(r.scale, rule.relativeFloor * std::abs(r.center));
        r.scaleLow = std::max(r.scaleLow, r.scale);
        r.scaleHigh = std::max(r.scaleHigh, r.scale);
    }
    Judgement j;
    const double x = toScale(value, rule.logScale);
    const double side = x < r.center ? r.scaleLow : r.scaleHigh;
    j.z = side > 0 ? (x - r.center) / side : 0;
    j.expected = fromScale(r.center, rule.logScale);
    const double margin = std::max(rule.minRelative * std::abs(j.expected), rule.minAbsolute);
    const double kLow = rule.kLow > 0 ? rule.kLow : rule.k;
    j.low = std::min(fromScale(r.center - kLow * r.scaleLow, rule.logScale), j.expected - margin);
    j.high = std::max(fromScale(r.center + rule.k * r.scaleHigh, rule.logScale), j.expected + margin);
    if (rule.logScale)
        j.low = std::max(j.low, 0.0);
    j.anomalous = (j.z > rule.k || j.z < -kLow) && std::abs(value - j.expected) > margin;
    return j;
}

Cadence learnCadence(const std::vector<Sample>& intervals, int startWeekday, double slack)
{
    Cadence c;
    if (intervals.empty())
        return c;
    std::vector<double> all;
    double longestSame = -1;
    int same = 0;
    c.minimum = intervals.front().value;
    double longest = 0;
    for (const auto& s : intervals) {
        all.push_back(s.value);
        c.minimum = std::min(c.minimum, s.value);
        longest = std::max(longest, s.value);
        if (s.weekday == startWeekday) {
            ++same;
            longestSame = std::max(longestSame, s.value);
        }
    }
    c.median = median(all);
    const double base = same >= 2 ? longestSame : longest;
    c.upper = base + slack * c.median;
    return c;
}

} // namespace sightline::detect
