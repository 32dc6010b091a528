#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// dbt's catalog.json: the physical columns of every relation dbt knows, and the warehouse's
// statistics (row counts, bytes, last change) at the time the catalog was generated.
class DbtCatalogImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "dbtcatalog.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
