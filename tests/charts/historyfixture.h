#pragma once

// A small history of one BigQuery table written as real `__TABLES__` and INFORMATION_SCHEMA.COLUMNS
// captures (one folder per daily capture at 06:00 UTC, 2024-03-01..08) and imported through the
// BigQuery plugin, so the charts read what the importer stores. By hand:
//   rows          1000 1100 1200 1200 1350 1200 1300 1400   (day 6: 150 rows deleted)
//   last modified day d 04:00, except day 4 (no load: still day 3 04:00)
//   columns       days 1-4 id INT64, amount NUMERIC, customer STRING
//                 days 5-6 + region STRING, amount retyped to FLOAT64
//                 days 7-8 customer removed

#include "../importers/bqfixtures.h"
#include "testutil.h"

#include "import/importerregistry.h"
#include "import/importrunner.h"

#include <QDateTime>
#include <QTemporaryDir>

namespace sightline::test::history {

inline const QString kTable = QStringLiteral("acme-data.sales.orders");
inline constexpr int kDays = 8;
inline constexpr int kRows[kDays] = {1000, 1100, 1200, 1200, 1350, 1200, 1300, 1400};

inline QDateTime day(int d, int hour = 6)
{
    return QDateTime(QDate(2024, 3, d), QTime(hour, 0), Qt::UTC);
}

inline QDateTime lastModified(int d)
{
    return day(d == 4 ? 3 : d, 4);
}

inline QByteArray tablesCapture(int d)
{
    const QByteArray at = day(d).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss 'UTC'")).toUtf8();
    return bq::render({bq::j("{'project_id': 'acme-data', 'dataset_id': 'sales', 'table_id': 'orders', "
                             "'creation_time': '1709251200000', 'last_modified_time': '")
                       + QByteArray::number(lastModified(d).toMSecsSinceEpoch()) + bq::j("', 'row_count': '")
                       + QByteArray::number(kRows[d - 1]) + bq::j("', 'size_bytes': '")
                       + QByteArray::number(kRows[d - 1] * 40) + bq::j("', 'type': '1', 'captured_at': '") + at
                       + bq::j("'}")},
                      bq::Form::Json);
}

inline QByteArray columnsCapture(int d)
{
    const QByteArray at = day(d).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss 'UTC'")).toUtf8();
    auto col = [&at](const char* name, int ordinal, const char* type) -> QByteArray {
        return bq::j("{'table_catalog': 'acme-data', 'table_schema': 'sales', 'table_name': 'orders', "
                     "'column_name': '")
            + name + bq::j("', 'ordinal_position': '") + QByteArray::number(ordinal)
            + bq::j("', 'is_nullable': 'YES', 'data_type': '") + type
            + bq::j("', 'is_hidden': 'NO', 'is_system_defined': 'NO', 'is_partitioning_column': 'NO', "
                    "'clustering_ordinal_position': null, 'captured_at': '")
            + at + bq::j("'}");
    };
    QList<QByteArray> rows {col("id", 1, "INT64")};
    rows.append(col("amount", 2, d < 5 ? "NUMERIC" : "FLOAT64"));
    if (d < 7)
        rows.append(col("customer", 3, "STRING"));
    if (d >= 5)
        rows.append(col("region", d < 7 ? 4 : 3, "STRING"));
    return bq::render(rows, bq::Form::Json);
}

// Imports the eight captures into a new workspace at `path`; false (with a message) on failure.
inline bool buildWorkspace(const QString& path, const QString& scratch, QString* error)
{
    ImporterRegistry registry;
    const QStringList problems = registry.loadPlugins(pluginDir());
    if (!problems.isEmpty()) {
        *error = problems.join(u'\n');
        return false;
    }
    ImportRunner runner(registry);
    for (int d = 1; d <= kDays; ++d) {
        const QString folder = scratch + QStringLiteral("/capture-%1").arg(d);
        if (!bq::writeFile(folder + QStringLiteral("/tables.json"), tablesCapture(d))
            || !bq::writeFile(folder + QStringLiteral("/columns.json"), columnsCapture(d))) {
            *error = QStringLiteral("cannot write ") + folder;
            return false;
        }
        const ImportReport report = runner.run(path, {folder});
        if (report.outcome != ImportReport::Outcome::Imported) {
            *error = QStringLiteral("import of day %1 failed: %2").arg(d).arg(report.error);
            return false;
        }
    }
    return true;
}

} // namespace sightline::test::history
