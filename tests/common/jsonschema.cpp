#include "jsonschema.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <set>

namespace sightline::test {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string fileNameOf(const std::string& id)
{
    const auto slash = id.rfind('/');
    return slash == std::string::npos ? id : id.substr(slash + 1);
}

std::string directoryOf(const std::string& id)
{
    const auto slash = id.rfind('/');
    return slash == std::string::npos ? std::string() : id.substr(0, slash + 1);
}

bool isType(const nlohmann::json& value, const std::string& type)
{
    if (type == "null")
        return value.is_null();
    if (type == "boolean")
        return value.is_boolean();
    if (type == "object")
        return value.is_object();
    if (type == "array")
        return value.is_array();
    if (type == "string")
        return value.is_string();
    if (type == "number")
        return value.is_number();
    if (type == "integer") {
        if (value.is_number_integer())
            return true;
        if (value.is_number_float()) {
            const double d = value.get<double>();
            return std::isfinite(d) && std::floor(d) == d;
        }
        return false;
    }
    return false;
}

std::string typeOf(const nlohmann::json& value)
{
    if (value.is_number_integer())
        return "integer";
    if (value.is_number())
        return "number";
    return value.type_name();
}

// Keywords that only annotate, never constrain.
const std::set<std::string>& annotations()
{
    static const std::set<std::string> names = {"$schema",    "$id",         "$comment", "$defs",   "definitions",
                                                "title",      "description", "format",   "default", "examples",
                                                "deprecated", "readOnly",    "writeOnly"};
    return names;
}

std::string escapePointer(const std::string& token)
{
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

constexpr int kMaxDepth = 64;

} // namespace

bool JsonSchemaValidator::loadDirectory(const QString& dir, QString* error)
{
    const QDir folder(dir);
    const auto names = folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (names.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1: no *.json schemas").arg(dir);
        return false;
    }
    for (const auto& name : names) {
        QFile file(folder.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        const QByteArray bytes = file.readAll();
        auto schema = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
        if (schema.is_discarded()) {
            if (error)
                *error = QStringLiteral("%1: not JSON").arg(file.fileName());
            return false;
        }
        addSchema(schema, name);
    }
    return true;
}

void JsonSchemaValidator::addSchema(const nlohmann::json& schema, const QString& fileName)
{
    if (schema.is_object() && schema.contains("$id") && schema["$id"].is_string())
        m_schemas[schema["$id"].get<std::string>()] = schema;
    if (!fileName.isEmpty())
        m_schemas[fileName.toStdString()] = schema;
}

QStringList JsonSchemaValidator::validate(const nlohmann::json& instance, const QString& schemaName) const
{
    QStringList errors;
    const auto it = m_schemas.find(schemaName.toStdString());
    if (it == m_schemas.end())
        return {QStringLiteral("(schema): no schema named %1").arg(schemaName)};
    const std::string base =
        it->second.is_object() && it->second.contains("$id") ? it->second["$id"].get<std::string>() : it->first;
    check(instance, it->second, base, "", errors, 0);
    return errors;
}

const nlohmann::json* JsonSchemaValidator::resolve(const std::string& ref, const std::string& base,
                                                   std::string* newBase, QString* error) const
{
    const auto hash = ref.find('#');
    const std::string document = ref.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? std::string() : ref.substr(hash + 1);
    const nlohmann::json* root = nullptr;
    std::string rootId;
    for (const std::string& candidate :
         {document.empty() ? base : document, directoryOf(base) + document, fileNameOf(document)}) {
        if (candidate.empty())
            continue;
        const auto it = m_schemas.find(candidate);
        if (it != m_schemas.end()) {
            root = &it->second;
            rootId = candidate;
            break;
        }
    }
    if (!root) {
        *error = QStringLiteral("unresolvable $ref %1").arg(q(ref));
        return nullptr;
    }
    *newBase = root->is_object() && root->contains("$id") ? (*root)["$id"].get<std::string>() : rootId;
    if (fragment.empty())
        return root;
    try {
        return &root->at(nlohmann::json::json_pointer(fragment));
    } catch (const nlohmann::json::exception&) {
        *error = QStringLiteral("unresolvable $ref %1 (no %2 in the schema)").arg(q(ref), q(fragment));
        return nullptr;
    }
}

void JsonSchemaValidator::check(const nlohmann::json& instance, const nlohmann::json& schema, const std::string& base,
                                const std::string& pointer, QStringList& errors, int depth) const
{
    const QString where = pointer.empty() ? QStringLiteral("/") : q(pointer);
    auto fail = [&](const QString& message) { errors.append(where + QStringLiteral(": ") + message); };
    if (depth > kMaxDepth) {
        fail(QStringLiteral("schema nesting or $ref cycle deeper than %1").arg(kMaxDepth));
        return;
    }
    if (schema.is_boolean()) {
        if (!schema.get<bool>())
            fail(QStringLiteral("no value is allowed here (schema false)"));
        return;
    }
    if (!schema.is_object()) {
        fail(QStringLiteral("schema is neither an object nor a boolean"));
        return;
    }

    for (const auto& [keyword, value] : schema.items()) {
        if (annotations().count(keyword))
            continue;
        try {
            checkKeyword(instance, schema, keyword, value, base, pointer, errors, depth);
        } catch (const nlohmann::json::exception& e) {
            fail(QStringLiteral("malformed schema keyword \"%1\": %2").arg(q(keyword), QString::fromUtf8(e.what())));
        }
    }
}

void JsonSchemaValidator::checkKeyword(const nlohmann::json& instance, const nlohmann::json& schema,
                                       const std::string& keyword, const nlohmann::json& value, const std::string& base,
                                       const std::string& pointer, QStringList& errors, int depth) const
{
    const QString where = pointer.empty() ? QStringLiteral("/") : q(pointer);
    auto fail = [&](const QString& message) { errors.append(where + QStringLiteral(": ") + message); };
    if (keyword == "$ref") {
        std::string refBase;
        QString error;
        const auto* target = resolve(value.get<std::string>(), base, &refBase, &error);
        if (!target)
            fail(error);
        else
            check(instance, *target, refBase, pointer, errors, depth + 1);
    } else if (keyword == "type") {
        const auto types = value.is_array() ? value : nlohmann::json::array({value});
        bool any = false;
        for (const auto& t : types)
            any = any || isType(instance, t.get<std::string>());
        if (!any)
            fail(QStringLiteral("is %1, expected %2").arg(q(typeOf(instance)), q(value.dump())));
    } else if (keyword == "enum") {
        bool any = false;
        for (const auto& allowed : value)
            any = any || allowed == instance;
        if (!any)
            fail(QStringLiteral("%1 is not one of %2").arg(q(instance.dump()), q(value.dump())));
    } else if (keyword == "const") {
        if (instance != value)
            fail(QStringLiteral("%1 is not %2").arg(q(instance.dump()), q(value.dump())));
    } else if (keyword == "required") {
        if (!instance.is_object())
            return;
        for (const auto& name : value) {
            if (!instance.contains(name.get<std::string>()))
                fail(QStringLiteral("missing required property \"%1\"").arg(q(name.get<std::string>())));
        }
    } else if (keyword == "properties") {
        if (!instance.is_object())
            return;
        for (const auto& [name, sub] : value.items()) {
            if (instance.contains(name))
                check(instance[name], sub, base, pointer + '/' + escapePointer(name), errors, depth + 1);
        }
    } else if (keyword == "additionalProperties") {
        if (!instance.is_object())
            return;
        const auto& declared = schema.contains("properties") ? schema["properties"] : nlohmann::json::object();
        for (const auto& [name, sub] : instance.items()) {
            if (!declared.contains(name))
                check(sub, value, base, pointer + '/' + escapePointer(name), errors, depth + 1);
        }
    } else if (keyword == "items") {
        if (!instance.is_array())
            return;
        for (size_t i = 0; i < instance.size(); ++i)
            check(instance[i], value, base, pointer + '/' + std::to_string(i), errors, depth + 1);
    } else if (keyword == "minItems" || keyword == "maxItems") {
        if (instance.is_array()
            && (keyword == "minItems" ? instance.size() < value.get<size_t>() : instance.size() > value.get<size_t>()))
            fail(
                QStringLiteral("has %1 items, %2 is %3").arg(instance.size()).arg(q(keyword)).arg(value.get<size_t>()));
    } else if (keyword == "minLength" || keyword == "maxLength") {
        if (!instance.is_string())
            return;
        const auto length = size_t(QString::fromStdString(instance.get<std::string>()).toUcs4().size());
        if (keyword == "minLength" ? length < value.get<size_t>() : length > value.get<size_t>())
            fail(QStringLiteral("has %1 characters, %2 is %3").arg(length).arg(q(keyword)).arg(value.get<size_t>()));
    } else if (keyword == "minimum" || keyword == "maximum") {
        if (!instance.is_number())
            return;
        const double v = instance.get<double>();
        const double limit = value.get<double>();
        if (keyword == "minimum" ? v < limit : v > limit)
            fail(QStringLiteral("%1 is %2 than the %3 %4")
                     .arg(q(instance.dump()), keyword == "minimum" ? QStringLiteral("less") : QStringLiteral("more"),
                          q(keyword), q(value.dump())));
    } else if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") {
        int passed = 0;
        QStringList all;
        for (const auto& sub : value) {
            QStringList subErrors;
            check(instance, sub, base, pointer, subErrors, depth + 1);
            passed += subErrors.isEmpty();
            all += subErrors;
        }
        const int total = int(value.size());
        if (keyword == "allOf")
            errors += all;
        else if (keyword == "anyOf" && passed == 0)
            fail(QStringLiteral("matches none of anyOf: %1").arg(all.join(QStringLiteral("; "))));
        else if (keyword == "oneOf" && passed != 1)
            fail(QStringLiteral("matches %1 of the %2 oneOf schemas, expected exactly 1").arg(passed).arg(total));
    } else if (keyword == "not") {
        QStringList subErrors;
        check(instance, value, base, pointer, subErrors, depth + 1);
        if (subErrors.isEmpty())
            fail(QStringLiteral("matches a schema under \"not\""));
    } else {
        fail(QStringLiteral("unsupported schema keyword \"%1\"").arg(q(keyword)));
    }
}

} // namespace sightline::test
