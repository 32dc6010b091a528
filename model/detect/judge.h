#pragma once

#include "detect/robust.h"

#include <vector>

namespace sightline::detect {

// How one value is judged against training values.
struct ValueRule
{
    bool logScale = true; // log(1 + v): counts and sizes vary multiplicatively
    double floor = 0.05; // minimum scale (in log units, or in the value's unit when linear)
    double relativeFloor = 0; // linear only: minimum scale as a share of the centre
    double k = 5; // robust z beyond which the value is anomalous
    double kLow = 0; // below the centre, when set (0: k)
    double minRelative = 0; // and it must differ from the centre by this share...
    double minAbsolute = 0; // ...and by this much
};

struct Judgement
{
    bool anomalous = false;
    double z = 0;
    double expected = 0; // centre, in the value's unit
    double low = 0; // the band, in the value's unit
    double high = 0;
};

Judgement judgeValue(const std::vector<Sample>& training, int weekday, double value, const ValueRule& rule);

// The update cadence learned from intervals (ms) between updates, each with the weekday its
// interval started on: the longest such interval (of the same start weekday when known at least
// twice) plus a share of the median interval.
struct Cadence
{
    double minimum = 0; // ms
    double median = 0;
    double upper = 0; // later than this after an update is late
};
Cadence learnCadence(const std::vector<Sample>& intervals, int startWeekday, double slack);

} // namespace sightline::detect
