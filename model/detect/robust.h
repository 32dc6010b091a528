#pragma once

#include <vector>

namespace sightline::detect {

// Robust location and scale of a sample: median and 1.4826 * MAD (the standard deviation of a
// normal sample), never below a floor so that a perfectly regular history still has a band.
struct Robust
{
    double center = 0;
    double scale = 0;
    int n = 0;
};

double median(std::vector<double> values);
Robust robustStats(const std::vector<double>& values, double floor);

// One training value with the weekday (0 = Monday, UTC) of the time it describes.
struct Sample
{
    int weekday = 0;
    double value = 0;
};

// Weekday seasonality: when at least three samples share the judged weekday, their median is
// the centre and their spread (never below half the overall spread) the scale; else the same for
// the samples of the same kind of day (weekday or weekend); otherwise the overall statistics. Loads that differ by
// weekday get their own band, noise stays honest.
Robust seasonalStats(const std::vector<Sample>& samples, int weekday, double floor);

} // namespace sightline::detect
