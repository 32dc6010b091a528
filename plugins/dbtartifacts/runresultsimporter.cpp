#include "runresultsimporter.h"

#include "dbtids.h"
#include "resultsimport.h"

#include <vector>

namespace sightline {

namespace {

constexpr int kNewestKnownVersion = 6;

// What one element of `results` contributes.
struct Outcome
{
    RunResult result;
    bool measured = false; // a run that completed: its figures are observations
    std::optional<double> rowsAffected;
    std::optional<double> bytesProcessed;
};

class RunResultsImport : public dbt::ResultsImportOf<Outcome>
{
public:
    RunResultsImport(const ImportContext& context, ImportSink& sink)
        : ResultsImportOf(
            context, sink,
            {QLatin1String("run-results"), QStringLiteral("run_results.json"), QStringLiteral("dbt-run-results:"),
             QStringLiteral("no model, seed, snapshot or test results"),
             QStringLiteral("no execute timing, no generated_at")},
            {"unique_id", "status", "timing", "execution_time", "message", "adapter_response/rows_affected",
             "adapter_response/bytes_processed", "failures", "relation_name"})
    {
    }

private:
    void readResult(const JsonValue& r, const dbt::Fields& f, const QString& uniqueId) override
    {
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
        m_kept.push_back(std::move(o));
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

    void sendMeasurements(std::size_t index) override
    {
        const Outcome& o = m_kept[index];
        if (!o.measured)
            return;
        const RunResult& result = o.result;
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
