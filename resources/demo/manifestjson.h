#pragma once

// Pieces of dbt manifest JSON shared by the demo generator: column and tag lists from the compact
// spellings in demoestate.cpp, owner meta of a team, BigQuery relation names.

#include "demoestate.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace demo {

using Json = nlohmann::ordered_json;

std::vector<std::string> split(const char* text, char separator);
// FNV-1a, hex: stands in for dbt's sha256 checksums and test-id suffixes.
std::string fingerprint(const std::string& text, std::size_t digits);
// Exits the generator on an unknown team: the estate tables are inconsistent.
const Team& team(const std::string& id);
// "name:TYPE,name:TYPE" as dbt's columns object, descriptions from the glossary.
Json columnsJson(const char* spec);
Json tagsJson(const char* spec);
// owner (optional), team and the team's alert channel under its own meta key.
Json teamMeta(const Team& t, bool withOwner);
std::string backticked(const std::string& database, const std::string& schema, const std::string& name);

} // namespace demo
