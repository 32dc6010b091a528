#pragma once

#include "dbtartifact.h"
#include "import/importer.h"
#include "import/jsonstream.h"

#include <QDateTime>
#include <QLatin1String>
#include <QString>

#include <cstddef>
#include <string>
#include <vector>

namespace sightline::dbt {

// The reading that run_results.json and sources.json share: a `metadata` object and a `results`
// array of one object per node, each becoming a RunResult. Results are kept until the whole file
// is read: the source id needs the project (the package most unique ids name), and a result
// without a time of its own takes generated_at; both may come after the results.
class ResultsImport
{
public:
    // How an artifact names itself in messages and ids.
    struct Artifact
    {
        QLatin1String schemaName; // in dbt_schema_version: "run-results"
        QString fileName; // "run_results.json"
        QString sourcePrefix; // "dbt-run-results:"
        QString noResults; // the warning for a file without results: "no source freshness results"
        QString timeSources; // where a result's time would have come from: "no snapshotted_at, no generated_at"
    };

    // members: the fields of each result that are read.
    ResultsImport(const ImportContext& context, ImportSink& sink, Artifact artifact, std::vector<std::string> members);
    virtual ~ResultsImport() = default;
    ResultsImport(const ResultsImport&) = delete;
    ResultsImport& operator=(const ResultsImport&) = delete;

    void run();

protected:
    // One element of `results`, an object with a unique_id: keeps what it contributes, if anything.
    virtual void readResult(const JsonValue& r, const Fields& f, const QString& uniqueId) = 0;
    // The results kept so far, in file order; the time of each may still be filled in.
    virtual std::size_t keptCount() const = 0;
    virtual RunResult& keptResult(std::size_t index) = 0;
    // After kept result index was sent with its time: what else it reports (observations).
    virtual void sendMeasurements(std::size_t index) = 0;

    const ImportContext& m_context;
    ImportSink& m_sink;
    PackageVote m_packages;

private:
    void onItem(JsonStreamItem& item);
    void finish();

    Artifact m_artifact;
    JsonStreamReader m_reader;
    QDateTime m_generatedAt;
    bool m_metadataSeen = false;
};

// ResultsImport keeping its results as Entry values, each with a RunResult `result`, in m_kept.
template<class Entry>
class ResultsImportOf : public ResultsImport
{
public:
    using ResultsImport::ResultsImport;

protected:
    std::size_t keptCount() const override
    {
        return m_kept.size();
    }
    RunResult& keptResult(std::size_t index) override
    {
        return m_kept[index].result;
    }

    std::vector<Entry> m_kept;
};

} // namespace sightline::dbt
