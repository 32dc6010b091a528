#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// OpenLineage run events (one event, a JSON array of them, or NDJSON): jobs and datasets with
// their lineage, schemas, column lineage, owners, statistics, data-quality results and run
// outcomes. See docs/formats/openlineage.md.
class OpenLineageImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "openlineage.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
