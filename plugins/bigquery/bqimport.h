#pragma once

#include "bqrows.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <map>

namespace sightline::bq {

// The four metadata exports Sightline reads, told apart by the first row's columns.
enum class Export
{
    Unknown,
    Tables, // dataset.__TABLES__
    TableStorage, // INFORMATION_SCHEMA.TABLE_STORAGE
    Columns, // INFORMATION_SCHEMA.COLUMNS
    Jobs, // INFORMATION_SCHEMA.JOBS
};

Export exportOf(const Row& row);
// The same from a predicate telling whether a column is there (detection of a row that cannot
// be parsed: cut off by the head's end, or malformed).
Export exportOfColumns(const std::function<bool(const char*)>& hasKey);
QString exportName(Export e);

// Imports one export file.
//
// Source ids decide retirement. __TABLES__, TABLE_STORAGE and COLUMNS are full inventories of a
// project: they report under "bigquery:<project>", so a table missing from a newer capture of
// the project is retired. A JOBS export is a window of activity, not an inventory: it reports
// under a source of its own, "bigquery-jobs:<project>:<captured_at>" (the first row's job_id
// when the rows carry no captured_at), which no later file repeats, so it never retires anything.
//
// Time: the rows' captured_at (the collector adds it) is the observation time. Without it, the
// newest last_modified_time / creation_time / storage_last_modified_time / end_time in the file
// stands in (read in a first pass), and the file's warnings say so.
class ExportImport
{
public:
    ExportImport(const ImportContext& context, ImportSink& sink);
    void run();

private:
    struct Counted
    {
        int count = 0;
        qint64 firstLine = 0;
    };
    void count(Counted& c, qint64 offset);
    void warnCounted(const Counted& c, const QString& what);

    QDateTime fallbackCapture();
    QDateTime captured(const Fields& f);
    void useSource(const QString& sourceId, const QDateTime& at);
    void tableRow(const Fields& f, qint64 offset);
    void storageRow(const Fields& f, qint64 offset);
    void columnRow(const Fields& f, qint64 offset);
    void jobRow(const Fields& f, qint64 offset);
    void finishColumns();
    void finishJobs();
    void observe(const QString& key, const char16_t* metric, const QDateTime& at, std::optional<double> value);
    // Reports a table seen in a job once per file; false when its dataset is anonymous.
    bool jobTable(const Fields& f, const Row& ref, QString* key);

    const ImportContext& m_context;
    ImportSink& m_sink;
    RowReader m_reader;
    Export m_export = Export::Unknown;
    QString m_source;
    QDateTime m_fallback;
    bool m_fallbackUsed = false;
    std::string m_lastCapturedText;
    QDateTime m_lastCaptured;

    struct ColumnsOf
    {
        QString source;
        Asset asset;
    };
    std::map<QString, ColumnsOf> m_columns; // COLUMNS: tables by key, emitted at the end
    QSet<QString> m_jobAssets;
    QSet<QString> m_jobEdges;
    QList<RunResult> m_failedRuns;
    QString m_jobsSource;

    Counted m_missingKey;
    Counted m_anonymous;
    Counted m_badNumber;
    Counted m_deleted;
    Counted m_notDone;
    Counted m_noDestination;
    Counted m_noTime;
};

} // namespace sightline::bq
