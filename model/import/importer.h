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
