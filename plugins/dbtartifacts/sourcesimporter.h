#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// dbt's sources.json, schema v1 to v3: source freshness (max_loaded_at per source, checked
// against its criteria at snapshotted_at).
class DbtSourcesImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "dbtsources.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
