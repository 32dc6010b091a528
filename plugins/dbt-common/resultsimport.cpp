#include "resultsimport.h"

namespace sightline::dbt {

namespace {
// compiled_code can be a large SQL text, but it is skipped unread; what is read is small.
constexpr qint64 kMaxString = qint64(16) << 20;
} // namespace

ResultsImport::ResultsImport(const ImportContext& context, ImportSink& sink, Artifact artifact,
                             std::vector<std::string> members)
    : m_context(context)
    , m_sink(sink)
    , m_artifact(std::move(artifact))
{
    m_reader.setMaxStringSize(kMaxString);
    m_reader.selectWhole("metadata");
    m_reader.selectMembers("results", std::move(members));
    m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
    m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
}

void ResultsImport::run()
{
    m_reader.readFile(m_context.path, [this](JsonStreamItem& item) { onItem(item); });
    if (!m_metadataSeen)
        throw ImportError(m_context.path, QStringLiteral("/metadata: missing; not a dbt ") + m_artifact.fileName);
    finish();
}

void ResultsImport::onItem(JsonStreamItem& item)
{
    if (item.topKey == "metadata") {
        const Fields f(m_reader, m_sink, "/metadata", item.offset);
        m_generatedAt = readArtifactMetadata(item.value, m_artifact.schemaName, f);
        m_metadataSeen = true;
    } else if (item.topKey == "results") {
        const JsonValue* element = resultObject(item, m_reader, m_sink);
        if (!element)
            return;
        const Fields f(m_reader, m_sink, memberPointer(item), item.offset);
        const QString uniqueId = f.string(*element, "unique_id");
        if (uniqueId.isEmpty()) {
            f.warn("unique_id", QStringLiteral("missing"));
            return;
        }
        readResult(*element, f, uniqueId);
    }
}

void ResultsImport::finish()
{
    QString project = m_packages.winner();
    if (project.isEmpty())
        project = QStringLiteral("unknown");
    m_sink.beginSource(m_artifact.sourcePrefix + project, m_generatedAt);
    const std::size_t count = keptCount();
    if (count == 0)
        m_sink.warning(m_context.path + QStringLiteral(": ") + m_artifact.noResults);
    for (std::size_t i = 0; i < count; ++i) {
        if ((i + 1) % 4096 == 0)
            m_context.checkCancelled();
        RunResult& result = keptResult(i);
        if (!result.at.isValid())
            result.at = m_generatedAt;
        if (!result.at.isValid()) {
            m_sink.warning(QStringLiteral("%1: no time for %2 (%3): skipped")
                               .arg(m_context.path, result.name, m_artifact.timeSources));
            continue;
        }
        m_sink.runResult(result);
        sendMeasurements(i);
    }
}

} // namespace sightline::dbt
