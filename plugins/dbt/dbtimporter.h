#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// dbt's manifest.json, schema v1 to v12: models, sources, seeds, snapshots and exposures with
// their owners, tags, descriptions and columns, and the lineage between them.
class DbtManifestImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "dbtmanifest.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
    int importOrder() const override
    {
        return 0; // run_results and sources.json refer to its assets by unique_id
    }
};

} // namespace sightline
