#pragma once

#include "lineage/impact.h"

#include <QByteArray>

#include <nlohmann/json.hpp>

namespace sightline {

// {"asset": key, "downstream": [asset objects + "distance"], "channels": [...], "unowned": [keys]}
// (../shared/contracts/impact.schema.json), in the impact's order.
nlohmann::json impactToJson(const Impact& impact);

// RFC 4180 CSV with a header line: key,name,kind,platform,distance,owner,team,channel,unowned
// (unowned is "yes" or "no"), one row per downstream asset in the impact's order, CRLF line ends.
QByteArray impactToCsv(const Impact& impact);

// One CSV field, quoted when it holds a comma, quote, or line break (quotes doubled).
QString csvField(const QString& value);

} // namespace sightline
