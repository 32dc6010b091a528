#include "robust.h"

#include <algorithm>
#include <cmath>

namespace sightline::detect {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + long(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + long(mid));
    return (lower + upper) / 2;
}

Robust robustStats(const std::vector<double>& values, double floor)
{
    Robust r;
    r.n = int(values.size());
    if (values.empty()) {
        r.scale = floor;
        return r;
    }
    r.center = median(values);
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (double v : values)
        deviations.push_back(std::abs(v - r.center));
    r.scale = std::max(1.4826 * median(std::move(deviations)), floor);
    return r;
}

Robust seasonalStats(const std::vector<Sample>& samples, int weekday, double floor)
{
    std::vector<double> all;
    std::vector<double> same;
    std::vector<double> sameClass; // weekdays or weekend days
    all.reserve(samples.size());
    const bool weekend = weekday >= 5;
    for (const auto& s : samples) {
        all.push_back(s.value);
        if (s.weekday == weekday)
            same.push_back(s.value);
        if ((s.weekday >= 5) == weekend)
            sameClass.push_back(s.value);
    }
    const Robust overall = robustStats(all, floor);
    if (same.size() < 3) {
        // Early on, weekends still differ from weekdays: judge against the same kind of day.
        if (sameClass.size() < 3 || sameClass.size() == all.size())
            return overall;
        same = std::move(sameClass);
    }
    Robust bucket = robustStats(same, floor);
    bucket.scale = std::max(bucket.scale, overall.scale / 2);
    bucket.n = overall.n;
    return bucket;
}

} // namespace sightline::detect
