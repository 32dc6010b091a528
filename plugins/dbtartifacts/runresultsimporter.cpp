#include "runresultsimporter.h"

#include "dbtartifact.h"
#include "dbtids.h"
#include "import/jsonstream.h"

#include <vector>

namespace sightline {

namespace {

constexpr int kNewestKnownVersion = 6;
// compiled_code can be a large SQL text, but it is skipped unread; what is read is small.
constexpr qint64 kMaxString = qint64(16) << 20;

// What one element of `results` contributes, kept until the whole file is read: the source id
// needs the project (the package most unique ids name) and the time may need generated_at, and
// both may come after the results.
struct Outcome
{
    RunResult result;
    bool measured = false; // a run that completed: its figures are observations
    std::optional<double> rowsAffected;
    std::optional<double> bytesProcessed;
};

class RunResultsImport
{
public:
    RunResultsImport(const ImportContext& context, ImportSink& sink)
        : m_context(context)
        , m_sink(sink)
    {
        m_reader.setMaxStringSize(kMaxString);
        m_reader.selectWhole("metadata");
        m_reader.selectMembers("results",
                               {"unique_id", "status", "timing", "execution_time", "message",
                                "adapter_response/rows_affected", "adapter_response/bytes_processed", "failures",
                                "relation_name"});
        m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
        m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
    }

    void run()
    {
        m_reader.readFile(m_context.path, [this](JsonStreamItem& item) { onItem(item); });
        if (!m_metadataSeen)
            throw ImportError(m_context.path, QStringLiteral("/metadata: missing; not a dbt run_results.json"));
        finish();
    }

private:
    void onItem(JsonStreamItem& item)
    {
        if (item.topKey == "metadata") {
            const dbt::Fields f(m_reader, m_sink, "/metadata", item.offset);
            m_generatedAt = dbt::readArtifactMetadata(item.value, QLatin1String("run-results"), f);
            m_metadataSeen = true;
        } else if (item.topKey == "results") {
            readResult(item);
        }
    }

    void readResult(JsonStreamItem& item)
    {
        const JsonValue* element = dbt::resultObject(item, m_reader, m_sink);
        if (!element)
            return;
        const JsonValue& r = *element;
        const dbt::Fields f(m_reader, m_sink, dbt::memberPointer(item), item.offset);
        const QString uniqueId = f.string(r, "unique_id");
        if (uniqueId.isEmpty()) {
            f.warn("unique_id", QStringLiteral("missing"));
            return;
        }
        const std::string id = uniqueId.toStdString();
        const std::string_view type = dbt::typeFromId(id);
        const bool isRun = type == "model" || type == "seed" || type == "snapshot";
        const bool isTest = type == "test" || type == "unit_test";
        if (!isRun && !isTest)
            return; // operations (hooks), sql operations, analyses: nothing to measure
        if (isRun)
            m_packages.add(id);

        Outcome o;
        RunResult& result = o.result;
        result.kind = isRun ? RunResult::Kind::Run : RunResult::Kind::Test;
        result.name = uniqueId;
        // A model's relation_name is the table it builds. A test's (with store_failures) is its
        // audit table, not the model it tests: tests are always kept under their unique id.
        const QString relation = isRun ? f.string(r, "relation_name") : QString();
        result.assetKey = relation.isEmpty() ? dbt::nodeKey(id) : dbt::relationNameKey(relation);
        result.status = dbt::normaliseStatus(f.string(r, "status"));
        if (result.status.isEmpty())
            f.warn("status", QStringLiteral("missing"));
        result.message = f.string(r, "message");
        const auto failures = f.number(r, "failures");
        if (result.message.isEmpty() && failures && *failures > 0)
            result.message = QStringLiteral("%1 failing rows").arg(*failures, 0, 'f', 0);
        result.at = executeCompletedAt(r, f);
        if (const auto seconds = f.number(r, "execution_time"); seconds && *seconds >= 0)
            result.durationSeconds = *seconds;

        const bool failed = result.status == QLatin1String("error") || result.status == QLatin1String("fail")
            || result.status == QLatin1String("skipped");
        o.measured = isRun && !failed;
        if (const JsonValue* adapter = f.object(r, "adapter_response"); adapter && o.measured) {
            o.rowsAffected = f.number(*adapter, "rows_affected", "adapter_response");
            o.bytesProcessed = f.number(*adapter, "bytes_processed", "adapter_response");
        }
        m_outcomes.push_back(std::move(o));
    }

    // When the node's execute step completed: the time its figures describe.
    QDateTime executeCompletedAt(const JsonValue& r, const dbt::Fields& f) const
    {
        const auto timing = r.find("timing");
        if (timing == r.end() || timing->is_null())
            return {};
        if (!timing->is_array()) {
            f.warn("timing", dbt::Fields::found("an array", *timing));
            return {};
        }
        for (const auto& step : *timing) {
            if (!step.is_object() || f.string(step, "name") != QLatin1String("execute"))
                continue;
            const QString completed = f.string(step, "completed_at");
            const QDateTime at = dbt::parseIsoTime(completed);
            if (!completed.isEmpty() && !at.isValid())
                f.warn("timing", QStringLiteral("not an ISO 8601 time: \"%1\"").arg(completed));
            return at;
        }
        return {};
    }

    void finish()
    {
        QString project = m_packages.winner();
        if (project.isEmpty())
            project = QStringLiteral("unknown");
        m_sink.beginSource(QStringLiteral("dbt-run-results:") + project, m_generatedAt);
        if (m_outcomes.empty())
            m_sink.warning(m_context.path + QStringLiteral(": no model, seed, snapshot or test results"));
        int step = 0;
        for (auto& o : m_outcomes) {
            if (++step % 4096 == 0)
                m_context.checkCancelled();
            RunResult& result = o.result;
            if (!result.at.isValid())
                result.at = m_generatedAt;
            if (!result.at.isValid()) {
                m_sink.warning(QStringLiteral("%1: no time for %2 (no execute timing, no generated_at): skipped")
                                   .arg(m_context.path, result.name));
                continue;
            }
            m_sink.runResult(result);
            if (!o.measured)
                continue;
            auto observe = [&](const char16_t* metric, std::optional<double> value) {
                // dbt writes -1 when the adapter does not know (views, DDL).
                if (value && *value >= 0)
                    m_sink.observation({result.assetKey, {}, QString::fromUtf16(metric), result.at, *value});
            };
            observe(metric::RowsAffected, o.rowsAffected);
            observe(metric::BytesProcessed, o.bytesProcessed);
            observe(metric::ExecutionSeconds,
                    result.durationSeconds >= 0 ? std::optional<double>(result.durationSeconds) : std::nullopt);
        }
    }

    const ImportContext& m_context;
    ImportSink& m_sink;
    JsonStreamReader m_reader;
    QDateTime m_generatedAt;
    bool m_metadataSeen = false;
    dbt::PackageVote m_packages;
    std::vector<Outcome> m_outcomes;
};

} // namespace

QString DbtRunResultsImporter::formatId() const
{
    return QStringLiteral("dbt-run-results");
}

QString DbtRunResultsImporter::displayName() const
{
    return QStringLiteral("dbt run_results.json");
}

Detection DbtRunResultsImporter::detect(const QByteArray& head) const
{
    return dbt::detectArtifact(head, QLatin1String("run-results"), kNewestKnownVersion);
}

void DbtRunResultsImporter::import(const ImportContext& context, ImportSink& sink) const
{
    RunResultsImport(context, sink).run();
}

} // namespace sightline
