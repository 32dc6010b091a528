#pragma once

#include <QString>
#include <QStringList>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace sightline::test {

// A small JSON Schema (draft 2020-12) validator, enough for ../shared/contracts: type (one or a
// list, "integer" included), required, properties, additionalProperties, items, enum, const,
// allOf/anyOf/oneOf/not, minimum/maximum, minItems/maxItems, minLength/maxLength, and $ref to "#..."
// or to a sibling schema by its $id or file name (with an optional "#/pointer"). Annotations
// ($schema, $id, title, description, format, ...) are ignored; any other keyword is reported as
// unsupported, so a schema this validator cannot judge never passes silently.
class JsonSchemaValidator
{
public:
    // Adds every *.json file in dir; returns false and sets *error on a file that is not JSON.
    bool loadDirectory(const QString& dir, QString* error = nullptr);
    // Registers a schema under its $id and under fileName (if given).
    void addSchema(const nlohmann::json& schema, const QString& fileName = {});

    // Errors as "<JSON pointer into the instance>: <what is wrong>"; empty when valid. schemaName is
    // a file name or $id of an added schema.
    QStringList validate(const nlohmann::json& instance, const QString& schemaName) const;

private:
    void check(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& base,
               const std::string& pointer, QStringList& errors, int depth) const;
    void checkKeyword(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& keyword,
                      const nlohmann::json& value, const std::string& base, const std::string& pointer,
                      QStringList& errors, int depth) const;
    const nlohmann::json* resolve(const std::string& ref, const std::string& base, std::string* newBase,
                                  QString* error) const;

    std::map<std::string, nlohmann::json> m_schemas; // by $id and by file name
};

} // namespace sightline::test
