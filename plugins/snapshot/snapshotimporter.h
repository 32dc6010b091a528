#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// Sightline's own JSON format for sources without an importer: assets, lineage (table and column
// level), observations and run/test results of one source at one capture time. Validated against
// docs/formats/sightline-snapshot.schema.json; violations name the JSON pointer.
class SnapshotImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "snapshot.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
