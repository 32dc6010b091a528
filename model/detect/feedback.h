#pragma once

#include "detect/detectcontext.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QHash>

namespace sightline {

// "Train as new normal": the detectors learn (metric, column) of the asset only from points at
// or after since; an empty metric restarts every series of the asset. Replaces an earlier
// restart of the same series. Committed at once unless the caller has a transaction open.
void trainAsNewNormal(sql::Database& db, qint64 assetId, const QString& metric, const QString& column,
                      const QDateTime& since);

namespace detect {
// Per asset id: what feedback removes from training (incidents resolved as false positive or
// expected, annotations marked "exclude from training", restarted baselines).
QHash<qint64, TrainingFilter> loadTrainingFilters(sql::Database& db);
} // namespace detect

} // namespace sightline
