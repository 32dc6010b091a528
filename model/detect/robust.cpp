#include "robust.h"

#include <algorithm>
#include <array>
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
    r.scaleLow = r.scaleHigh = r.scale;
    return r;
}

Robust seasonalStats(const std::vector<Sample>& samples, int weekday, double floor)
{
    // Centre per kind of day (weekdays, weekend) when both kinds have three samples at least,
    // else overall; the scale is the MAD of every sample around its own kind's centre. Seven
    // weekday buckets of four samples each would fit the noise instead (measured with
    // tests/bench/detection: noisy tables then raise several times more false alarms).
    std::array<std::vector<double>, 2> byKind;
    std::vector<double> all;
    all.reserve(samples.size());
    for (const auto& s : samples) {
        all.push_back(s.value);
        byKind[s.weekday >= 5 ? 1 : 0].push_back(s.value);
    }
    Robust r;
    r.n = int(all.size());
    if (all.empty()) {
        r.scale = floor;
        return r;
    }
    const bool seasonal = byKind[0].size() >= 3 && byKind[1].size() >= 3;
    const double overall = median(all);
    const std::array<double, 2> centre = {seasonal ? median(byKind[0]) : overall,
                                          seasonal ? median(byKind[1]) : overall};
    std::vector<double> residuals;
    std::vector<double> below;
    std::vector<double> above;
    residuals.reserve(samples.size());
    for (const auto& s : samples) {
        const double residual = s.value - centre[s.weekday >= 5 ? 1 : 0];
        residuals.push_back(std::abs(residual));
        (residual < 0 ? below : above).push_back(std::abs(residual));
    }
    r.center = centre[weekday >= 5 ? 1 : 0];
    r.scale = std::max(1.4826 * median(std::move(residuals)), floor);
    // One side's MAD needs a few samples of its own; never narrower than the two-sided scale.
    r.scaleLow = below.size() >= 5 ? std::max(r.scale, 1.4826 * median(std::move(below))) : r.scale;
    r.scaleHigh = above.size() >= 5 ? std::max(r.scale, 1.4826 * median(std::move(above))) : r.scale;
    return r;
}

} // namespace sightline::detect
