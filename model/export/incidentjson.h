#pragma once

#include "incidents/incident.h"

#include <QByteArray>
#include <QList>

#include <nlohmann/json.hpp>

namespace sightline {

// The command line's JSON for incidents (../shared/contracts/incidents.schema.json), shared by
// `sightline detect --json`, `sightline incidents --json` and anyone else printing incidents.
//
// One incident: {"id", "asset", "column", "kind", "detector", "detected_at", "window_start",
// "window_end", "expected": {"low", "high"} | null, "observed" (number, or text such as a status
// or a schema change, or null), "score", "direction", "severity", "status", "assignee",
// "training_start", "training_end", "excluded_points", "explanation", "fingerprint"}.
// Times are ISO 8601 UTC with a Z (data time); empty optional fields are null.
nlohmann::json incidentToJson(const Incident& incident);
nlohmann::json incidentsToJson(const QList<Incident>& incidents);

// ISO 8601 UTC with milliseconds and a Z, or null for an invalid time.
nlohmann::json isoTimeJson(const QDateTime& time);

} // namespace sightline
