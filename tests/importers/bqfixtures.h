#pragma once

// BigQuery metadata exports for the importer tests. There is no real export in ../shared/data,
// so these rows were written field by field from Google's documentation of each view: the
// `dataset.__TABLES__` meta-table (project_id, dataset_id, table_id, creation_time and
// last_modified_time as INTEGER ms since the epoch, row_count, size_bytes, type 1 table / 2 view
// / 3 external), INFORMATION_SCHEMA.TABLE_STORAGE (project_id, project_number, table_catalog,
// table_schema, table_name, creation_time, total_rows, total_partitions, total_logical_bytes,
// active_logical_bytes, long_term_logical_bytes, total_physical_bytes, storage_last_modified_time,
// deleted, table_type), INFORMATION_SCHEMA.COLUMNS (table_catalog, table_schema, table_name,
// column_name, ordinal_position, is_nullable, data_type, is_hidden, is_system_defined,
// is_partitioning_column, clustering_ordinal_position) and INFORMATION_SCHEMA.JOBS (job_id,
// project_id, user_email, job_type, statement_type, creation_time, end_time, state (PENDING,
// RUNNING, DONE), destination_table and referenced_tables as RECORDs {project_id, dataset_id,
// table_id}, total_bytes_processed, error_result {reason, location, message}). As
// `bq query --format=json` prints them, every value is a string (INTEGER included) and TIMESTAMPs
// read "2024-03-01 06:00:00 UTC"; a few values are JSON numbers or null on purpose, one optional
// field is missing, and names are unicode. captured_at is what the shipped collector queries add.
//
// Header-only and self-contained (j, writeFile of its own): tests/charts builds its history from
// these fixtures without the importer tests' helper library.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QList>
#include <QString>

namespace sightline::test::bq {

// JSON written with single quotes, for readability (and because moc trips over raw strings).
inline QByteArray j(const char* text)
{
    return QByteArray(text).replace('\'', '"');
}

inline QList<QByteArray> tablesRows(const char* capturedAt = "2024-03-01 08:00:00 UTC")
{
    const QByteArray at = QByteArray("'captured_at': '") + capturedAt + "'";
    return {
        j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'orders', 'creation_time': '1709251200000', "
          "'last_modified_time': '1709280000000', 'row_count': '1200', 'size_bytes': '48000', 'type': '1', ")
            + j(at) + "}",
        j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'orders_v', 'creation_time': "
          "'1709251200000', 'last_modified_time': '1709251300000', 'row_count': '0', 'size_bytes': '0', 'type': '2', ")
            + j(at) + "}",
        // A JSON number, a null and a unicode name.
        j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'kundenübersicht_日本', 'creation_time': "
          "'1709251200000', 'last_modified_time': '1709270000000', 'row_count': 77, 'size_bytes': null, 'type': '1', ")
            + j(at) + "}",
        j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'ext_feed', 'creation_time': "
          "'1709251200000', 'last_modified_time': '1709251200000', 'row_count': '0', 'size_bytes': '0', 'type': '3', ")
            + j(at) + "}",
        // A script's temporary table: not an asset.
        j("{'project_id': 'acme-data', 'dataset_id': '_script7f3a9', 'table_id': 'anon_tmp', 'creation_time': "
          "'1709251200000', 'last_modified_time': '1709251200000', 'row_count': '5', 'size_bytes': '50', 'type': '1', ")
            + j(at) + "}",
        // No size_bytes and no type: optional.
        j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'returns', 'creation_time': '1709251200000', "
          "'last_modified_time': '1709260000000', 'row_count': '12', ")
            + j(at) + "}",
    };
}

inline QList<QByteArray> storageRows()
{
    return {
        j("{'project_id': 'acme-data', 'project_number': '123456789012', 'table_catalog': 'acme-data', "
          "'table_schema': 'sales', 'table_name': 'orders', 'creation_time': '2024-03-01 00:00:00 UTC', 'total_rows': "
          "'1200', 'total_partitions': '31', 'total_logical_bytes': '48000', 'active_logical_bytes': '48000', "
          "'long_term_logical_bytes': '0', 'total_physical_bytes': '9000', 'storage_last_modified_time': "
          "'2024-03-01 07:59:00.123456 UTC', 'deleted': 'false', 'table_type': 'BASE TABLE', 'captured_at': "
          "'2024-03-01 08:00:00 UTC'}"),
        // Dropped, still listed through the time-travel window.
        j("{'project_id': 'acme-data', 'project_number': '123456789012', 'table_catalog': 'acme-data', "
          "'table_schema': 'sales', 'table_name': 'old_stuff', 'creation_time': '2023-01-01 00:00:00 UTC', "
          "'total_rows': '10', 'total_partitions': null, 'total_logical_bytes': '100', 'active_logical_bytes': '0', "
          "'long_term_logical_bytes': '100', 'total_physical_bytes': '40', 'storage_last_modified_time': "
          "'2023-06-01 00:00:00 UTC', 'deleted': 'true', 'table_type': 'BASE TABLE', 'captured_at': "
          "'2024-03-01 08:00:00 UTC'}"),
        j("{'project_id': 'acme-data', 'project_number': '123456789012', 'table_catalog': 'acme-data', "
          "'table_schema': 'reporting', 'table_name': 'mv_täglich', 'creation_time': '2024-02-01 00:00:00 UTC', "
          "'total_rows': '30', 'total_partitions': null, 'total_logical_bytes': null, 'active_logical_bytes': null, "
          "'long_term_logical_bytes': null, 'total_physical_bytes': null, 'storage_last_modified_time': "
          "'2024-03-01 05:00:00 UTC', 'deleted': 'false', 'table_type': 'MATERIALIZED VIEW', 'captured_at': "
          "'2024-03-01 08:00:00 UTC'}"),
    };
}

inline QList<QByteArray> columnRows()
{
    // Out of ordinal order on purpose (the query has no ORDER BY); is_nullable etc. as strings.
    auto col = [](const char* table, const char* name, const char* ordinal, const char* type) -> QByteArray {
        return j("{'table_catalog': 'acme-data', 'table_schema': 'sales', 'table_name': '") + table
            + j("', 'column_name': '") + name + j("', 'ordinal_position': '") + ordinal
            + j("', 'is_nullable': 'YES', 'data_type': '") + type
            + j("', 'is_hidden': 'NO', 'is_system_defined': 'NO', 'is_partitioning_column': 'NO', "
                "'clustering_ordinal_position': null, 'captured_at': '2024-03-01 08:00:00 UTC'}");
    };
    return {
        col("orders", "customer", "3", "STRUCT<name STRING, email STRING>"),
        col("orders", "id", "1", "INT64"),
        col("orders", "amount", "2", "NUMERIC"),
        col("kundenübersicht_日本", "größe", "1", "FLOAT64"),
    };
}

inline QList<QByteArray> jobRows()
{
    const QByteArray at = j(", 'captured_at': '2024-03-01 08:00:00 UTC'}");
    return {
        j("{'job_id': 'job_a', 'project_id': 'acme-data', 'user_email': 'etl@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'CREATE_TABLE_AS_SELECT', 'creation_time': '2024-03-01 06:00:00 UTC', 'end_time': "
          "'2024-03-01 06:00:30.500 UTC', 'state': 'DONE', 'destination_table': {'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders_daily'}, 'referenced_tables': [{'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders'}, {'project_id': 'acme-data', 'dataset_id': 'sales', "
          "'table_id': 'customers'}], 'total_bytes_processed': '1048576', 'error_result': null")
            + at,
        // MERGE reads and writes the same table.
        j("{'job_id': 'job_b', 'project_id': 'acme-data', 'user_email': 'etl@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'MERGE', 'creation_time': '2024-03-01 05:00:00 UTC', 'end_time': "
          "'2024-03-01 05:02:00 UTC', 'state': 'DONE', 'destination_table': {'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders'}, 'referenced_tables': [{'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders'}, {'project_id': 'acme-raw', 'dataset_id': 'stream', "
          "'table_id': 'orders_stream'}], 'total_bytes_processed': 2048, 'error_result': null")
            + at,
        j("{'job_id': 'job_c', 'project_id': 'acme-data', 'user_email': 'etl@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'INSERT', 'creation_time': '2024-03-01 07:59:00 UTC', 'end_time': null, 'state': "
          "'RUNNING', 'destination_table': {'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'late'}, "
          "'referenced_tables': [], 'total_bytes_processed': null, 'error_result': null")
            + at,
        // An ad-hoc SELECT: its result goes to an anonymous dataset.
        j("{'job_id': 'job_d', 'project_id': 'acme-data', 'user_email': 'analyst@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'SELECT', 'creation_time': '2024-03-01 07:00:00 UTC', 'end_time': "
          "'2024-03-01 07:00:02 UTC', 'state': 'DONE', 'destination_table': {'project_id': 'acme-data', "
          "'dataset_id': '_a1b2c3d4e5', 'table_id': 'anon9f8e7d'}, 'referenced_tables': [{'project_id': "
          "'acme-data', 'dataset_id': 'sales', 'table_id': 'orders'}], 'total_bytes_processed': '4096', "
          "'error_result': null")
            + at,
        j("{'job_id': 'job_e', 'project_id': 'acme-data', 'user_email': 'etl@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'CREATE_TABLE_AS_SELECT', 'creation_time': '2024-03-01 06:10:00 UTC', 'end_time': "
          "'2024-03-01 06:10:01 UTC', 'state': 'DONE', 'destination_table': {'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders'}, 'referenced_tables': [{'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'customers'}], 'total_bytes_processed': '0', 'error_result': "
          "{'reason': 'invalidQuery', 'location': 'query', 'message': 'Syntax error: Unexpected end of script'}")
            + at,
        // A script's parent job: no destination.
        j("{'job_id': 'job_f', 'project_id': 'acme-data', 'user_email': 'etl@acme.example', 'job_type': 'QUERY', "
          "'statement_type': 'SCRIPT', 'creation_time': '2024-03-01 04:00:00 UTC', 'end_time': "
          "'2024-03-01 04:01:00 UTC', 'state': 'DONE', 'destination_table': null, 'referenced_tables': [], "
          "'total_bytes_processed': '0', 'error_result': null")
            + at,
        // No end_time, no bytes; the same table referenced twice; no user.
        j("{'job_id': 'job_g', 'project_id': 'acme-data', 'job_type': 'QUERY', 'statement_type': 'INSERT', "
          "'creation_time': '2024-03-01 07:30:00 UTC', 'state': 'DONE', 'destination_table': {'project_id': "
          "'acme-data', 'dataset_id': 'reporting', 'table_id': 'kpis'}, 'referenced_tables': [{'project_id': "
          "'acme-data', 'dataset_id': 'sales', 'table_id': 'orders_daily'}, {'project_id': 'acme-data', "
          "'dataset_id': 'sales', 'table_id': 'orders_daily'}], 'total_bytes_processed': null, 'error_result': null")
            + at,
    };
}

enum class Form
{
    Json, // bq --format=json: one line
    PrettyJson, // bq --format=prettyjson
    Ndjson,
};

inline QByteArray render(const QList<QByteArray>& rows, Form form)
{
    if (form == Form::Ndjson)
        return rows.isEmpty() ? QByteArray() : QList<QByteArray>(rows).join('\n') + '\n';
    if (form == Form::Json)
        return '[' + QList<QByteArray>(rows).join(',') + "]\n";
    QJsonArray array;
    for (const auto& row : rows)
        array.append(QJsonDocument::fromJson(row).object());
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(content) == content.size();
}

} // namespace sightline::test::bq
