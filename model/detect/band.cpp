#include "band.h"

namespace sightline {

QList<BandPoint> expectedBand(sql::Database& db, qint64 assetId, const QString& metric, const QString& column)
{
    // Placeholder until the detectors land: no band is known.
    Q_UNUSED(db);
    Q_UNUSED(assetId);
    Q_UNUSED(metric);
    Q_UNUSED(column);
    return {};
}

} // namespace sightline
