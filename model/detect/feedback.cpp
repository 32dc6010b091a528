#include "feedback.h"

#include "store/workspace.h"

namespace sightline {

void trainAsNewNormal(sql::Database& db, qint64 assetId, const QString& metric, const QString& column,
                      const QDateTime& since)
{
    auto stmt = db.prepare("INSERT INTO training_baseline (asset_id, metric, column_name, since, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (asset_id, metric, column_name) DO UPDATE SET "
                           "since = excluded.since, created_at = excluded.created_at");
    stmt.bind(1, assetId).bind(2, metric).bind(3, column).bind(4, toStoredTime(since));
    stmt.bind(5, toStoredTime(QDateTime::currentDateTimeUtc()));
    stmt.exec();
}

namespace detect {

QHash<qint64, TrainingFilter> loadTrainingFilters(sql::Database& db)
{
    QHash<qint64, TrainingFilter> filters;
    // An incident's points are those after its window start up to its end (the capture that showed it).
    auto incidents = db.prepare("SELECT asset_id, window_start, window_end FROM incident WHERE status IN "
                                "('false_positive', 'expected')");
    while (incidents.step())
        filters[incidents.int64(0)].exclude(incidents.int64(1), incidents.int64(2), true);
    auto annotations =
        db.prepare("SELECT asset_id, at, coalesce(until, at) FROM annotation WHERE exclude_from_training != 0");
    while (annotations.step())
        filters[annotations.int64(0)].exclude(annotations.int64(1), annotations.int64(2), false);
    auto baselines = db.prepare("SELECT asset_id, metric, column_name, since FROM training_baseline");
    while (baselines.step())
        filters[baselines.int64(0)].setBaseline(baselines.text(1), baselines.text(2), baselines.int64(3));
    return filters;
}

} // namespace detect
} // namespace sightline
