#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// Saved Looker API 4.0 responses (GET /dashboards/{id}, /looks/{id},
// /lookml_models/{model}/explores/{explore}, /users/{id}), one per file or an array of them:
// dashboards, looks and explores as assets, with explore -> dashboard/look and table -> explore
// lineage onto the warehouse tables the explores read.
class LookerImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "looker.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
