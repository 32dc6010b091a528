#pragma once

#include "store/sqlite.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sightline {

// What the detectors consider normal for one series at each of its points: the band a chart
// shades. For metric::LastModified the band is in hours since the previous update (the
// expected-next-update window); for every other metric it is in the metric's own unit.
struct BandPoint
{
    QDateTime at;
    double low = 0;
    double high = 0;
};

// Empty when the series has too little history for the detectors to judge it (cold start).
QList<BandPoint> expectedBand(sql::Database& db, qint64 assetId, const QString& metric, const QString& column = {});

} // namespace sightline
