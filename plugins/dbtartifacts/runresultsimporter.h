#pragma once

#include "import/importer.h"

#include <QObject>

namespace sightline {

// dbt's run_results.json, schema v1 to v6: the outcome, timing, rows affected and bytes processed
// of every model, seed, snapshot and test of one invocation.
class DbtRunResultsImporter : public QObject, public Importer
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID SightlineImporter_iid FILE "dbtrunresults.json")
    Q_INTERFACES(sightline::Importer)

public:
    QString formatId() const override;
    QString displayName() const override;
    Detection detect(const QByteArray& head) const override;
    void import(const ImportContext& context, ImportSink& sink) const override;
};

} // namespace sightline
