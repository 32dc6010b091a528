#include "sourcesimporter.h"

#include "dbtids.h"
#include "resultsimport.h"

#include <vector>

namespace sightline {

namespace {

constexpr int kNewestKnownVersion = 3;

struct Freshness
{
    RunResult result;
    std::optional<QDateTime> loadedAt; // set unless never loaded or unknown
};

// "warn after 12 hour" from {"count": 12, "period": "hour"}; empty when either part is missing.
// Counts are shown as written: criteria may hold absurd numbers, which are not ours to judge.
QString threshold(const JsonValue& criteria, const char* field, const dbt::Fields& f)
{
    const auto it = criteria.find(field);
    if (it == criteria.end() || !it->is_object())
        return {};
    const auto count = it->find("count");
    if (count == it->end() || !(count->is_number() || count->is_string()))
        return {};
    const QString period = f.string(*it, "period");
    if (period.isEmpty())
        return {};
    const QString countText = count->is_string() ? QString::fromStdString(count->get_ref<const std::string&>())
                                                 : QString::fromStdString(count->dump());
    return QString(QString::fromLatin1(field).replace(u'_', u' ') + u' ' + countText + u' ' + period);
}

QString criteriaText(const JsonValue& r, const dbt::Fields& f)
{
    const auto criteria = r.find("criteria");
    if (criteria == r.end() || !criteria->is_object())
        return {};
    QStringList parts;
    for (const char* field : {"warn_after", "error_after"}) {
        const QString t = threshold(*criteria, field, f);
        if (!t.isEmpty())
            parts.append(t);
    }
    const auto filter = criteria->find("filter");
    if (filter != criteria->end() && filter->is_string() && !filter->get_ref<const std::string&>().empty())
        parts.append(QStringLiteral("filter: ") + QString::fromStdString(filter->get_ref<const std::string&>()));
    return parts.join(QStringLiteral(", "));
}

class SourcesImport : public dbt::ResultsImportOf<Freshness>
{
public:
    SourcesImport(const ImportContext& context, ImportSink& sink)
        : ResultsImportOf(
            context, sink,
            {QLatin1String("sources"), QStringLiteral("sources.json"), QStringLiteral("dbt-sources:"),
             QStringLiteral("no source freshness results"), QStringLiteral("no snapshotted_at, no generated_at")},
            {"unique_id", "status", "max_loaded_at", "snapshotted_at", "criteria", "execution_time", "error"})
    {
    }

private:
    void readResult(const JsonValue& r, const dbt::Fields& f, const QString& uniqueId) override
    {
        const std::string id = uniqueId.toStdString();
        m_packages.add(id);

        Freshness fr;
        RunResult& result = fr.result;
        result.kind = RunResult::Kind::Freshness;
        result.name = uniqueId;
        result.assetKey = dbt::nodeKey(id);
        result.status = dbt::normaliseStatus(f.string(r, "status"));
        if (result.status.isEmpty())
            f.warn("status", QStringLiteral("missing"));
        if (const auto seconds = f.number(r, "execution_time"); seconds && *seconds >= 0)
            result.durationSeconds = *seconds;

        const QString snapshotted = f.string(r, "snapshotted_at");
        result.at = dbt::parseIsoTime(snapshotted);
        if (!snapshotted.isEmpty() && !result.at.isValid())
            f.warn("snapshotted_at", QStringLiteral("not an ISO 8601 time: \"%1\"").arg(snapshotted));

        const QString criteria = criteriaText(r, f);
        const QString error = f.string(r, "error"); // a runtime error has only unique_id, status, error
        const QString maxLoaded = f.string(r, "max_loaded_at");
        const QDateTime loaded = dbt::parseIsoTime(maxLoaded);
        QString state;
        if (!error.isEmpty()) {
            state = error;
        } else if (loaded.isValid() && loaded.date().year() <= 1) {
            // dbt's way of saying the source has no rows (max() of nothing): not a date.
            state = QStringLiteral("never loaded");
        } else if (loaded.isValid()) {
            fr.loadedAt = loaded;
        } else if (!maxLoaded.isEmpty()) {
            f.warn("max_loaded_at", QStringLiteral("not an ISO 8601 time: \"%1\"").arg(maxLoaded));
        }
        QStringList message;
        for (const QString& part : {state, criteria}) {
            if (!part.isEmpty())
                message.append(part);
        }
        result.message = message.join(QStringLiteral("; "));
        m_kept.push_back(std::move(fr));
    }

    void sendMeasurements(std::size_t index) override
    {
        const Freshness& fr = m_kept[index];
        if (fr.loadedAt)
            m_sink.observation({fr.result.assetKey,
                                {},
                                QString::fromUtf16(metric::LoadedAt),
                                fr.result.at,
                                double(fr.loadedAt->toMSecsSinceEpoch())});
    }
};

} // namespace

QString DbtSourcesImporter::formatId() const
{
    return QStringLiteral("dbt-sources");
}

QString DbtSourcesImporter::displayName() const
{
    return QStringLiteral("dbt sources.json (source freshness)");
}

Detection DbtSourcesImporter::detect(const QByteArray& head) const
{
    return dbt::detectArtifact(head, QLatin1String("sources"), kNewestKnownVersion);
}

void DbtSourcesImporter::import(const ImportContext& context, ImportSink& sink) const
{
    SourcesImport(context, sink).run();
}

} // namespace sightline
