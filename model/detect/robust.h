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
    // "Double MAD": the spread of the samples below and above the centre, for skewed data (row
    // increments wobble further down than up in log space). Equal to scale when set by robustStats.
    double scaleLow = 0;
    double scaleHigh = 0;
};

double median(std::vector<double> values);
Robust robustStats(const std::vector<double>& values, double floor);

// One training value with the weekday (0 = Monday, UTC) of the time it describes.
struct Sample
{
    int weekday = 0;
    double value = 0;
};

// Weekly seasonality: the centre is the median of the samples of the judged kind of day (weekday
// or weekend) when both kinds were seen three times, else of all; the scale is the MAD of every
// sample around its own kind's centre. Loads that differ by
// weekday get their own band, noise stays honest.
Robust seasonalStats(const std::vector<Sample>& samples, int weekday, double floor);

} // namespace sightline::detect
