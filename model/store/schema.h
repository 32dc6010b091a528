#pragma once

#include <QtGlobal>

#include <string_view>
#include <vector>

namespace sightline::schema {

// PRAGMA application_id of every workspace ("SGLN"): tells our files from other SQLite files.
constexpr int kApplicationId = 0x53474c4e;

// Migration N takes a workspace from user_version N-1 to N. Forward only; never edit a
// migration that has shipped, add a new one.
const std::vector<std::string_view>& migrations();

// Observations are stored per UTC day (observation_point.day, see migration 3).
constexpr qint64 kObservationDayMs = 86400000;

inline qint64 observationDay(qint64 atMs)
{
    return atMs / kObservationDayMs;
}

inline int currentVersion()
{
    return int(migrations().size());
}

} // namespace sightline::schema
