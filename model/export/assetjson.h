#pragma once

#include "core/asset.h"

#include <QByteArray>
#include <QList>

#include <functional>

#include <nlohmann/json.hpp>

namespace sightline {

// The command line's JSON for assets (../shared/contracts/asset.schema.json). Pure functions, so
// the GUI's "copy as JSON" and the command line print the same thing.
//
// One asset: {"key", "kind", "platform", "name", "owner", "team", "channel", "tags",
// "description", "url", "database", "schema", "systems", "retired"}. Optional text fields are null
// when empty; tags and systems are always arrays.
nlohmann::json assetToJson(const Asset& asset);

// An array of assetToJson() objects, sorted by key (byte order of the UTF-8 key).
nlohmann::json assetsToJson(QList<Asset> assets);

// Writes the same array as toJsonBytes(assetsToJson(assets), pretty) in pieces of about 64 KiB,
// without building the whole document: 50,000 assets print in a fraction of the memory.
void writeAssetsJson(const QList<Asset>& assets, const std::function<void(const QByteArray&)>& write,
                     bool pretty = true);

// Serialised JSON as UTF-8 bytes: indented by two spaces when pretty, ending with a newline.
// Invalid UTF-16 in a value (lone surrogates) is replaced, never thrown about.
QByteArray toJsonBytes(const nlohmann::json& json, bool pretty = true);

} // namespace sightline
