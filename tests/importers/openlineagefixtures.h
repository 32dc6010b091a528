#pragma once
// What the OpenLineage importer tests share: where the Marquez files are, a hand-written NDJSON
// log, and the importer loaded from the plugins of the build tree.

#include "import/importerregistry.h"
#include "importtestutil.h"
#include "testutil.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sightline::test {

inline const QString kMarquez = QStringLiteral("MarquezProject__marquez/");

// A hand-written NDJSON log of three runs, one event per line (a blank line between runs, as
// appended logs have): a dbt run into BigQuery with column lineage, statistics and a failed
// assertion; a failed Spark run with a run id that is no UUID and unicode names; an event
// without producer. Field names from the OpenLineage spec (OpenLineage.json 2-0-2 and the facet
// schemas: OutputStatisticsOutputDatasetFacet, DataQualityMetricsInputDatasetFacet,
// DataQualityAssertionsDatasetFacet, ErrorMessageRunFacet, OwnershipJobFacet, JobTypeJobFacet,
// ColumnLineageDatasetFacet 1-2-0).
inline QByteArray ndjsonFixture()
{
    return j(
        "{'eventType': 'START', 'eventTime': '2024-03-01T06:00:00Z', "
        "'run': {'runId': '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'}, "
        "'job': {'namespace': 'analytics', 'name': 'jaffle_shop.customers', 'facets': {"
        "'jobType': {'processingType': 'BATCH', 'integration': 'DBT', 'jobType': 'MODEL'}, "
        "'ownership': {'owners': [{'name': 'team:growth'}, {'name': 'user:ana@example.com'}]}}}, "
        "'inputs': [{'namespace': 'bigquery', 'name': 'your-project.jaffle_shop.stg_orders', "
        "'inputFacets': {'dataQualityMetrics': {'rowCount': 200, 'bytes': 4096, 'columnMetrics': {"
        "'customer_id': {'nullCount': 10, 'distinctCount': 62, 'min': 1, 'max': 99, 'sum': 9500, 'count': 190}}}}}], "
        "'outputs': [{'namespace': 'bigquery', 'name': 'your-project.jaffle_shop.customers', 'facets': {"
        "'schema': {'fields': [{'name': 'customer_id', 'type': 'INT64'}, {'name': 'number_of_orders', 'type': "
        "'INT64'}]}, "
        "'columnLineage': {'fields': {'number_of_orders': {'inputFields': [{'namespace': 'bigquery', "
        "'name': 'your-project.jaffle_shop.stg_orders', 'field': 'order_id', "
        "'transformations': [{'type': 'DIRECT', 'subtype': 'AGGREGATION'}]}]}}}}}], "
        "'producer': 'https://github.com/OpenLineage/OpenLineage/tree/1.9.0/integration/dbt', "
        "'schemaURL': 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent'}\n"
        "{'eventType': 'COMPLETE', 'eventTime': '2024-03-01T08:02:30+02:00', "
        "'run': {'runId': '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'}, "
        "'job': {'namespace': 'analytics', 'name': 'jaffle_shop.customers'}, "
        "'outputs': [{'namespace': 'bigquery', 'name': 'your-project.jaffle_shop.customers', "
        "'outputFacets': {'outputStatistics': {'rowCount': 1234, 'size': 56789}, "
        "'dataQualityAssertions': {'assertions': [{'assertion': 'not_null', 'success': false, 'column': "
        "'customer_id'}, {'assertion': 'unique', 'success': true, 'column': 'customer_id'}]}}}], "
        "'producer': 'https://github.com/OpenLineage/OpenLineage/tree/1.9.0/integration/dbt', "
        "'schemaURL': 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent'}\n"
        "\n"
        "{'eventType': 'FAIL', 'eventTime': '2024-03-01T07:00:00Z', 'run': {'runId': 'run-42', 'facets': {"
        "'errorMessage': {'message': 'Ошибка: table not found', 'programmingLanguage': 'python'}}}, "
        "'job': {'namespace': 'spark://cluster', 'name': 'load_ünïcødé_📦'}, "
        "'outputs': [{'namespace': 's3://lake', 'name': 'raw/données.parquet', 'facets': {"
        "'documentation': {'description': 'Données brutes'}}}], "
        "'producer': 'https://github.com/OpenLineage/OpenLineage/tree/1.9.0/integration/spark', "
        "'schemaURL': 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent'}\n"
        "{'eventType': 'RUNNING', 'eventTime': '2024-03-01T06:30:00Z', "
        "'run': {'runId': '11111111-2222-4333-8444-555555555555'}, "
        "'job': {'namespace': 'analytics', 'name': 'no_producer'}, 'inputs': 'oops', "
        "'schemaURL': 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent'}\n");
}

// The OpenLineage importer, from the plugins of the build tree.
class OpenLineagePlugin
{
public:
    // Loads the plugins: what went wrong, empty if nothing did.
    QString load()
    {
        return loadImporters(m_registry, "openlineage");
    }
    const ImporterRegistry& registry() const
    {
        return m_registry;
    }
    const Importer* importer() const
    {
        return m_registry.byFormat(QStringLiteral("openlineage"));
    }
    // Runs the importer on the file at path into sink; throws what the importer throws.
    void collect(const QString& path, ImportSink& sink) const
    {
        runImporter(*importer(), path, sink);
    }

private:
    ImporterRegistry m_registry;
};

} // namespace sightline::test
