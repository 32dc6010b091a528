#pragma once

#include "annotations/annotationstore.h"
#include "charts/seriesmath.h"
#include "incidents/incident.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <functional>

namespace sightline {

class Workspace;

// One schema version of an asset and how it differs from the version before it.
struct SchemaChange
{
    QDateTime at; // capture that first showed this version
    int version = 0; // 1 for the first version seen
    int columnCount = 0;
    QStringList added;
    QStringList removed;
    QStringList retyped; // "name: OLD → NEW"
    QStringList moved; // columns whose position changed (not added/removed)
};

// Everything the history page of one asset draws, computed off the UI thread. All x values are
// ms since the epoch (data time); series are sorted by x.
struct AssetHistory
{
    QString assetKey;
    qint64 assetId = 0;
    QString error; // set when the asset could not be read
    QDateTime dataTime; // the workspace's "now"

    QList<QPointF> rows; // row count per capture
    QList<QPointF> rowChanges; // change of the row count at each capture that changed it
    QList<BandSample> rowBand; // expected row count (empty until the detectors know)

    // Freshness from the last_modified observations.
    QList<QPointF> updates; // x = update time, y = hours since the previous update (0 for the first)
    QList<QPointF> staleness; // hours since the last update: 0 at each update, then per capture
    QList<BandSample> freshnessBand; // expected hours between updates

    QList<SchemaChange> schema;
    QList<Incident> incidents;
    QList<Annotation> annotations;

    // The x extent of everything in the history (0, 0 when empty).
    double firstX() const;
    double lastX() const;
};

// Reads the history of one asset. `cancelled` (may be empty) is polled between the series.
// Never throws: problems are reported in AssetHistory::error.
AssetHistory loadAssetHistory(Workspace& workspace, const QString& assetKey,
                              const std::function<bool()>& cancelled = {});

// Builds the freshness series from (capture time, last-modified time) pairs sorted by capture.
void freshnessSeries(const QList<QPointF>& lastModified, QList<QPointF>& updates, QList<QPointF>& staleness);

// Schema versions from their stored column lists ([["name","type",ordinal],...]), oldest first.
QList<SchemaChange> schemaChanges(const QList<QPair<QDateTime, QByteArray>>& versions);

} // namespace sightline
