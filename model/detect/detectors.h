#pragma once

#include "detect/detectcontext.h"

namespace sightline::detect {

// Each detector judges every point of an asset's history against the history before it (so a
// new snapshot only adds judgements for its own points), and reports findings for points up to
// asOf (ms). Re-running on the same data finds the same incidents with the same fingerprints.

// Late updates, learned from last_modified (or source loaded_at) history.
void detectFreshness(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out);
// Row-count changes judged by the table's own pattern (append-only, rebuilt, static, irregular).
void detectVolume(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out);
// Column metrics (null rate, distinct count, mean, min, max) judged like volume levels.
void detectDistribution(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out);
// One series only (for expectedBand): the distribution rule on (metric, column).
void detectDistributionSeries(sql::Database& db, qint64 asOf, const AssetScope& asset, const QString& metric,
                              const QString& column, Findings& out);
// Columns added, removed, retyped or reordered between consecutive schema versions.
void detectSchema(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out);
// Failing dbt runs/tests, source freshness warn/error, OpenLineage FAIL runs and assertions.
void detectExternal(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out);

} // namespace sightline::detect
