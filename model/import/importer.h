#pragma once

#include "core/asset.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QtPlugin>

#include <functional>
#include <stdexcept>

namespace sightline {

// An input the importer cannot read. Names the file, the place in it and why.
class ImportError : public std::runtime_error
{
public:
    ImportError(QString file, QString reason, qint64 line = 0, qint64 column = 0, qint64 byteOffset = -1);
    QString file() const
    {
        return m_file;
    }
    QString reason() const
    {
        return m_reason;
    }
    qint64 line() const
    {
        return m_line;
    }
    qint64 column() const
    {
        return m_column;
    }
    qint64 byteOffset() const
    {
        return m_offset;
    }
    // "file:line:column: reason" (or "file: byte N: reason", or "file: reason").
    QString message() const;

private:
    QString m_file;
    QString m_reason;
    qint64 m_line;
    qint64 m_column;
    qint64 m_offset;
};

// Thrown from inside an importer when the user cancelled.
class ImportCancelled : public std::exception
{
public:
    const char* what() const noexcept override
    {
        return "import cancelled";
    }
};

// Metric names used across importers (Observation::metric).
namespace metric {
inline constexpr char16_t RowCount[] = u"row_count";
inline constexpr char16_t SizeBytes[] = u"size_bytes";
inline constexpr char16_t LastModified[] = u"last_modified"; // value: ms since epoch of the last change
inline constexpr char16_t RowsAffected[] = u"rows_affected";
inline constexpr char16_t BytesProcessed[] = u"bytes_processed";
inline constexpr char16_t ExecutionSeconds[] = u"execution_seconds";
inline constexpr char16_t LoadedAt[] = u"loaded_at"; // source freshness max_loaded_at, ms since epoch
inline constexpr char16_t NullRate[] = u"null_rate"; // 0..1
inline constexpr char16_t NullCount[] = u"null_count";
inline constexpr char16_t DistinctCount[] = u"distinct_count";
inline constexpr char16_t Mean[] = u"mean";
inline constexpr char16_t Min[] = u"min";
inline constexpr char16_t Max[] = u"max";
} // namespace metric

struct Observation
{
    QString assetKey;
    QString column; // empty: the asset as a whole
    QString metric; // see namespace metric
    QDateTime at; // data time the value describes (the capture), UTC
    double value = 0;
};

struct ColumnEdge
{
    QString fromKey;
    QString fromColumn;
    QString toKey;
    QString toColumn;
    QString transformation; // e.g. "IDENTITY", "AGGREGATION"; may be empty
};

struct RunResult
{
    enum class Kind
    {
        Run, // a model/job run (dbt run, OpenLineage run)
        Test, // a dbt test or a data-quality assertion
        Freshness, // a source freshness check
    };
    QString assetKey;
    Kind kind = Kind::Run;
    QString name; // test or assertion name; job name for runs
    QString column; // for column-level tests/assertions
    QString status; // normalised: "pass", "warn", "error", "fail", "skipped", "success"
    QDateTime at;
    double durationSeconds = -1; // < 0: unknown
    QString message;
};

// Where an importer writes what it read. The workspace implements it inside one transaction;
// tests may implement it to collect.
class ImportSink
{
public:
    virtual ~ImportSink() = default;

    // A source is one system instance: a dbt project, a BigQuery project, a Looker instance.
    // Retirement is decided per source. Call before the assets and edges it reports.
    virtual void beginSource(const QString& sourceId, const QDateTime& capturedAt) = 0;
    // Merges into the asset with the same key (kind by rank, non-empty fields win).
    virtual void asset(const Asset& asset) = 0;
    // Both ends must have been reported (in this import or before); otherwise a warning.
    virtual void edge(const QString& fromKey, const QString& toKey) = 0;
    virtual void warning(const QString& message) = 0;

    // A measurement of an asset (or one of its columns) at a time: volume, freshness,
    // column metrics. Identical observations (same asset, column, metric, time) are stored once.
    virtual void observation(const Observation& observation);
    // Column-level lineage (OpenLineage columnLineage). Both assets must be known.
    virtual void columnEdge(const ColumnEdge& edge);
    // The outcome of a run, test, freshness check or assertion on an asset.
    virtual void runResult(const RunResult& result);
    // Another name by which later inputs refer to an asset: dbt's run_results and sources.json
    // name nodes by unique_id only (alias "dbt:node:<unique_id>"), and a test's results belong
    // to the asset it tests. Observations, results and edges may name an asset by its alias.
    virtual void assetAlias(const QString& alias, const QString& key);
};

struct Detection
{
    int confidence = 0; // 0: not ours; 100: certain
    QString version; // e.g. "v12"
};

// What an import needs besides the sink: the file, progress reporting and cancellation.
struct ImportContext
{
    QString path;
    qint64 size = 0;
    std::function<void(qint64 bytesDone)> progress; // may be empty; call it sparingly
    std::function<bool()> cancelled; // may be empty

    void reportProgress(qint64 done) const
    {
        if (progress)
            progress(done);
    }
    void checkCancelled() const
    {
        if (cancelled && cancelled())
            throw ImportCancelled();
    }
};

// One input format. Implemented by plugins under plugins/; detection is by content only.
class Importer
{
public:
    virtual ~Importer() = default;
    virtual QString formatId() const = 0; // "dbt-manifest"
    virtual QString displayName() const = 0; // "dbt manifest.json"
    // head: the first bytes of the file (up to 64 KiB).
    virtual Detection detect(const QByteArray& head) const = 0;
    // Throws ImportError on bad input, ImportCancelled when cancelled.
    virtual void import(const ImportContext& context, ImportSink& sink) const = 0;
};

} // namespace sightline

#define SightlineImporter_iid "org.sightline.Importer/1"
Q_DECLARE_INTERFACE(sightline::Importer, SightlineImporter_iid)
