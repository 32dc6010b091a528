#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <string_view>

namespace sightline::dbt {

// unique_id is "<type>.<package>.<name...>": its second part is the package.
std::string packageFromId(std::string_view uniqueId);
// Its first part: model, seed, snapshot, test, source, operation...
std::string_view typeFromId(std::string_view uniqueId);

// The key results name a node by when they carry no relation: "dbt:node:<unique_id>". Run
// results and source freshness name nodes by unique_id only; until the workspace maps such a key
// onto the asset the manifest reported for that unique_id, observations and results are kept
// under it.
QString nodeKey(std::string_view uniqueId);

// relation_name as dbt renders it: "db"."schema"."table", `db`.`schema`.`table` or db.schema.table.
QStringList splitRelation(const QString& relation);
// The asset key of a relation_name (see relationKey); empty for an empty name.
QString relationNameKey(const QString& relation);

} // namespace sightline::dbt
