#pragma once

#include "core/asset.h"
#include "dbtfields.h"

#include <string>
#include <vector>

namespace sightline::dbt {

// What one manifest entry (node, source or exposure) contributes.
struct NodeResult
{
    bool isAsset = false; // tests, macros, operations, analyses... are not
    Asset asset;
    QString group; // dbt group whose owner applies when the asset has none of its own
    std::string package;
    bool isModel = false;
    std::vector<std::string> dependsOn; // unique ids, for manifests without parent_map
};

// Fields of node objects the importer reads; everything else is skipped while streaming.
const std::vector<std::string>& nodeFields();

// A member of `nodes` or `sources`. platform: metadata.adapter_type.
NodeResult convertNode(const JsonValue& node, std::string_view uniqueId, const QString& platform, const Fields& f);
// A member of `exposures`.
NodeResult convertExposure(const JsonValue& exposure, std::string_view uniqueId, const Fields& f);
// The owner a member of `groups` names: owner.name, else owner.email. Sets name to the group's.
QString groupOwner(const JsonValue& group, QString* name, const Fields& f);

// Owner, team and channel from config.meta (winning) then meta.
void applyMeta(const JsonValue& entry, Asset& asset, const Fields& f);

} // namespace sightline::dbt
