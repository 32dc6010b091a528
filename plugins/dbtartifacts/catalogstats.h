#pragma once

#include "dbtfields.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace sightline::dbt {

// The warehouse statistics of one catalog entry, in Sightline's units.
struct CatalogStats
{
    std::optional<double> rowCount;
    std::optional<double> sizeBytes;
    std::optional<QDateTime> lastModified;
    // The warehouse the stat names betray (dbt's catalog has no adapter type): BigQuery writes
    // num_rows/num_bytes, Snowflake row_count/bytes/last_modified, Redshift rows/size. Empty when
    // the entry has none of them.
    QString platform;
};

// Reads an entry's `stats` object ({"row_count": {"id": ..., "value": 5499.0, ...}, ...}).
// Values arrive as numbers or as text; unusable ones are skipped with a warning.
CatalogStats readCatalogStats(const JsonValue& stats, const Fields& f);

// Snowflake's last_modified as dbt renders it: "2022-11-17 17:12UTC" (minutes, UTC); ISO 8601
// is accepted too. Invalid when it is neither.
QDateTime parseCatalogTime(const QString& text);

} // namespace sightline::dbt
