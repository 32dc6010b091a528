#pragma once

#include "import/jsonstream.h"

#include <QStringList>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>

namespace sightline::snapshot {

// The sightline-snapshot JSON Schema (docs/formats/sightline-snapshot.schema.json, compiled in) and
// a validator for the keywords it uses: type, const, enum, required, properties, items, minLength,
// maxLength, minimum, maximum and $ref to "#/...". Annotations (title, description, format) are
// ignored, as JSON Schema says; "format": "date-time" is checked by the importer itself.
// Purpose-built rather than general: a keyword the schema does not use is not implemented, and
// loading a schema with one fails loudly (see the constructor), so the two cannot drift apart.
class Schema
{
public:
    static const Schema& instance();

    // The sub-schema at a JSON pointer into the schema ("" is the whole schema).
    const nlohmann::json& at(const std::string& schemaPointer) const;

    // Checks value against the schema at schemaPointer. Violations are appended as
    // "<pointer into the document>: <what is wrong>"; fields the schema does not name, in objects
    // whose schema lists properties, are appended to unknown as pointers.
    void validate(const JsonValue& value, const std::string& schemaPointer, const std::string& pointer,
                  QStringList& errors, std::vector<std::string>* unknown = nullptr) const;

    // "\"tabel\"", a short rendering of a value for messages (long strings are cut).
    static QString preview(const JsonValue& value);

private:
    Schema();
    void check(const JsonValue& value, const nlohmann::json& schema, const std::string& pointer, QStringList& errors,
               std::vector<std::string>* unknown, int depth) const;
    static void checkKeywords(const nlohmann::json& schema, const std::string& at, int depth);

    nlohmann::json m_schema;
};

} // namespace sightline::snapshot
