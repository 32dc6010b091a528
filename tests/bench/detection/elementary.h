#pragma once

#include "corpus.h"

#include "incidents/incident.h"
#include "store/sqlite.h"

#include <QList>

namespace bench {

// What a detector reported, reduced to what the scoring rule looks at.
struct Finding
{
    QString key;
    sightline::IncidentKind kind;
    qint64 windowStart = 0;
    qint64 windowEnd = 0;
};

// A reference implementation of Elementary's open-source anomaly tests (volume_anomalies,
// freshness_anomalies, column_anomalies, schema_changes) as issue 5 describes them: one metric per
// daily bucket; mean and standard deviation over a 14-day training window that includes the
// current bucket; a bucket is anomalous when |z| > 3 (checked by daily runs whose detection period
// is the last 2 days, so every bucket is judged once it is complete). With seasonality, the
// training buckets are the same weekday's over the last 8 weeks. It is configured the way an
// engineer would: row-count increments for tables that grow, total row counts for rebuilt ones.
// Schema changes and failed tests are reported as they are (deterministic tests).
QList<Finding> runElementary(sightline::sql::Database& db, const Corpus& corpus, bool dayOfWeek);

} // namespace bench
