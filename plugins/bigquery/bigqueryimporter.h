#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// BigQuery metadata exports as `bq query --format=json|prettyjson` writes them, or NDJSON:
// dataset.__TABLES__, INFORMATION_SCHEMA.TABLE_STORAGE, .COLUMNS and .JOBS (the collector
// queries in packaging/collectors/bigquery/). Tables with volume and freshness history, their
// columns, and lineage from jobs.
class BigQueryImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "bigquery.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
