#include "band.h"

#include "detect/detectors.h"
#include "detect/feedback.h"
#include "import/importer.h"
#include "store/workspace.h"

namespace sightline {

QList<BandPoint> expectedBand(sql::Database& db, qint64 assetId, const QString& metricName, const QString& column)
{
    // The band is what the detectors computed at each point: run the one detector of this series
    // with a band sink, over the whole history, and drop its findings.
    detect::AssetScope scope;
    scope.id = assetId;
    auto key = db.prepare("SELECT key FROM asset WHERE id = ?1");
    key.bind(1, assetId);
    if (!key.step())
        return {};
    scope.key = key.text(0);
    scope.filter = detect::loadTrainingFilters(db).value(assetId);
    QList<BandPoint> band;
    detect::Findings findings;
    findings.band = &band;
    const qint64 asOf = std::numeric_limits<qint64>::max();
    if (metricName == QStringView(metric::LastModified) || metricName == QStringView(metric::LoadedAt))
        detect::detectFreshness(db, asOf, scope, findings);
    else if (metricName == QStringView(metric::RowCount))
        detect::detectVolume(db, asOf, scope, findings);
    else if (!column.isEmpty())
        detect::detectDistributionSeries(db, asOf, scope, metricName, column, findings);
    return band;
}

} // namespace sightline
