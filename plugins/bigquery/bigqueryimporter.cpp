#include "bigqueryimporter.h"

#include "bqimport.h"

namespace sightline {

QString BigQueryImporter::formatId() const
{
    return QStringLiteral("bigquery-metadata");
}

QString BigQueryImporter::displayName() const
{
    return QStringLiteral("BigQuery metadata export");
}

Detection BigQueryImporter::detect(const QByteArray& head) const
{
    // Content only: the first row's columns name the export. Confident only when its
    // characteristic columns are there, so other JSON row formats are left alone.
    bool lines = false;
    QByteArray rowText;
    const bq::Row row = bq::RowReader::firstRow(head, &lines, &rowText);
    Detection d;
    const QString form = lines ? QStringLiteral("NDJSON") : QStringLiteral("JSON");
    const bq::Export e = bq::exportOf(row);
    if (e != bq::Export::Unknown) {
        d.confidence = 90;
        d.version = bq::exportName(e) + u' ' + form;
        return d;
    }
    // A first row that could not be parsed: longer than the head (a job reading hundreds of
    // tables) or malformed. Its column names still tell, less surely; the import then says
    // exactly what is wrong with the row.
    const bq::Export guessed = bq::exportOfColumns(
        [&rowText](const char* key) { return rowText.contains(QByteArray('"' + QByteArray(key) + "\"")); });
    if (guessed != bq::Export::Unknown) {
        d.confidence = 50;
        d.version = bq::exportName(guessed) + u' ' + form;
    }
    return d;
}

void BigQueryImporter::import(const ImportContext& context, ImportSink& sink) const
{
    bq::ExportImport(context, sink).run();
}

} // namespace sightline
