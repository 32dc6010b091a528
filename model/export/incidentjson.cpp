#include "incidentjson.h"

namespace sightline {

namespace {
nlohmann::json textOrNull(const QString& text)
{
    return text.isEmpty() ? nlohmann::json() : nlohmann::json(text.toStdString());
}
nlohmann::json numberOrNull(const std::optional<double>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json();
}
} // namespace

nlohmann::json isoTimeJson(const QDateTime& time)
{
    if (!time.isValid())
        return nullptr;
    return time.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

nlohmann::json incidentToJson(const Incident& i)
{
    nlohmann::json expected;
    if (i.expectedLow || i.expectedHigh)
        expected = {{"low", numberOrNull(i.expectedLow)}, {"high", numberOrNull(i.expectedHigh)}};
    nlohmann::json observed;
    if (i.observed && i.observedText.isEmpty())
        observed = *i.observed;
    else if (!i.observedText.isEmpty())
        observed = i.observedText.toStdString();
    nlohmann::json excluded = nlohmann::json::array();
    for (const auto& t : i.excludedPoints)
        excluded.push_back(isoTimeJson(t));
    return {{"id", i.id},
            {"asset", i.assetKey.toStdString()},
            {"column", textOrNull(i.column)},
            {"kind", incidentKindName(i.kind).toStdString()},
            {"detector", i.detector.toStdString()},
            {"detected_at", isoTimeJson(i.detectedAt)},
            {"window_start", isoTimeJson(i.windowStart)},
            {"window_end", isoTimeJson(i.windowEnd)},
            {"expected", expected},
            {"observed", observed},
            {"score", numberOrNull(i.score)},
            {"direction", textOrNull(i.direction)},
            {"severity", severityName(i.severity).toStdString()},
            {"status", statusName(i.status).toStdString()},
            {"assignee", textOrNull(i.assignee)},
            {"training_start", isoTimeJson(i.trainingStart)},
            {"training_end", isoTimeJson(i.trainingEnd)},
            {"excluded_points", excluded},
            {"explanation", i.explanation.toStdString()},
            {"fingerprint", textOrNull(i.fingerprint)}};
}

nlohmann::json incidentsToJson(const QList<Incident>& incidents)
{
    auto array = nlohmann::json::array();
    for (const auto& i : incidents)
        array.push_back(incidentToJson(i));
    return array;
}

} // namespace sightline
