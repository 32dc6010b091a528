#include "snapshotschema.h"

#include <QFile>

#include <cmath>
#include <stdexcept>

namespace sightline::snapshot {

namespace {

// Keywords the validator understands, and annotations it may ignore.
const std::set<std::string_view> kKeywords = {"type",      "const",     "enum",    "required", "properties", "items",
                                              "minLength", "maxLength", "minimum", "maximum",  "$ref"};
const std::set<std::string_view> kAnnotations = {"$schema", "$id", "$defs", "title", "description", "format"};

std::string escapeToken(std::string_view token)
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

// JSON Schema counts string length in code points, not bytes.
qint64 codePoints(const std::string& s)
{
    qint64 n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

QString typeName(const JsonValue& v)
{
    if (v.is_number_integer() || v.is_number_unsigned() || v.is_number_float())
        return QStringLiteral("a number");
    if (v.is_boolean())
        return QStringLiteral("a boolean");
    if (v.is_null())
        return QStringLiteral("null");
    if (v.is_string())
        return QStringLiteral("a string");
    if (v.is_array())
        return QStringLiteral("an array");
    return QStringLiteral("an object");
}

bool hasType(const JsonValue& v, const std::string& type)
{
    if (type == "string")
        return v.is_string();
    if (type == "number")
        return v.is_number();
    if (type == "integer")
        return v.is_number_integer() || v.is_number_unsigned()
            || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    if (type == "boolean")
        return v.is_boolean();
    if (type == "object")
        return v.is_object();
    if (type == "array")
        return v.is_array();
    if (type == "null")
        return v.is_null();
    return false;
}

QString article(const std::string& type)
{
    if (type == "null")
        return QStringLiteral("null");
    const bool vowel = type[0] == 'a' || type[0] == 'o' || type[0] == 'i';
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + QString::fromStdString(type);
}

// Equality as JSON Schema defines it for const/enum (1 == 1.0), between the two DOM flavours.
bool sameValue(const JsonValue& v, const nlohmann::json& s)
{
    if (v.is_number() && s.is_number())
        return v.get<double>() == s.get<double>();
    if (v.is_string() && s.is_string())
        return v.get_ref<const std::string&>() == s.get_ref<const std::string&>();
    if (v.is_boolean() && s.is_boolean())
        return v.get<bool>() == s.get<bool>();
    return v.is_null() && s.is_null();
}

QString display(const std::string& pointer)
{
    return pointer.empty() ? QStringLiteral("(document)") : QString::fromStdString(pointer);
}

} // namespace

const Schema& Schema::instance()
{
    static const Schema schema;
    return schema;
}

Schema::Schema()
{
    QFile file(QStringLiteral(":/sightline/snapshot/sightline-snapshot.schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::logic_error("sightline-snapshot: the compiled-in JSON Schema is missing");
    const QByteArray bytes = file.readAll();
    m_schema = nlohmann::json::parse(bytes.begin(), bytes.end());
    checkKeywords(m_schema, {}, 0);
}

void Schema::checkKeywords(const nlohmann::json& schema, const std::string& at, int depth)
{
    if (!schema.is_object() || depth > 32)
        throw std::logic_error("sightline-snapshot schema: not a schema at " + at);
    for (const auto& [keyword, value] : schema.items()) {
        if (kAnnotations.contains(keyword) && keyword != "$defs")
            continue;
        if (keyword == "$defs" || keyword == "properties") {
            for (const auto& [name, sub] : value.items())
                checkKeywords(sub, at + '/' + keyword + '/' + name, depth + 1);
        } else if (keyword == "items") {
            checkKeywords(value, at + "/items", depth + 1);
        } else if (!kKeywords.contains(keyword)) {
            throw std::logic_error("sightline-snapshot schema: keyword \"" + keyword + "\" at " + at
                                   + " is not implemented by the importer's validator");
        }
    }
}

const nlohmann::json& Schema::at(const std::string& schemaPointer) const
{
    return m_schema.at(nlohmann::json::json_pointer(schemaPointer));
}

void Schema::validate(const JsonValue& value, const std::string& schemaPointer, const std::string& pointer,
                      QStringList& errors, std::vector<std::string>* unknown) const
{
    check(value, at(schemaPointer), pointer, errors, unknown, 0);
}

QString Schema::preview(const JsonValue& value)
{
    std::string text = value.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
    if (text.size() > 60) {
        text.resize(57);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.pop_back();
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0)
            text.pop_back();
        text += "...";
    }
    return QString::fromStdString(text);
}

void Schema::check(const JsonValue& value, const nlohmann::json& schema, const std::string& pointer,
                   QStringList& errors, std::vector<std::string>* unknown, int depth) const
{
    if (depth > 32)
        return;
    const QString where = display(pointer) + QStringLiteral(": ");
    if (const auto ref = schema.find("$ref"); ref != schema.end()) {
        const std::string& target = ref->get_ref<const std::string&>();
        check(value, at(target.substr(1)), pointer, errors, unknown, depth + 1);
    }
    if (const auto c = schema.find("const"); c != schema.end() && !sameValue(value, *c)) {
        errors.append(where
                      + QStringLiteral("expected %1, found %2").arg(QString::fromStdString(c->dump()), preview(value)));
        return;
    }
    if (const auto e = schema.find("enum"); e != schema.end()) {
        bool found = false;
        QStringList names;
        for (const auto& option : *e) {
            found = found || sameValue(value, option);
            names.append(option.is_string() ? QString::fromStdString(option.get<std::string>())
                                            : QString::fromStdString(option.dump()));
        }
        if (!found) {
            errors.append(
                where + QStringLiteral("%1 is not one of %2").arg(preview(value), names.join(QStringLiteral(", "))));
            return;
        }
    }
    if (const auto t = schema.find("type"); t != schema.end()) {
        const std::string& type = t->get_ref<const std::string&>();
        if (!hasType(value, type)) {
            errors.append(where + QStringLiteral("expected %1, found %2").arg(article(type), typeName(value)));
            return; // the other keywords would only repeat the point
        }
    }
    if (value.is_string()) {
        const qint64 length = codePoints(value.get_ref<const std::string&>());
        if (const auto m = schema.find("minLength"); m != schema.end() && length < m->get<qint64>()) {
            errors.append(where
                          + (m->get<qint64>() == 1
                                 ? QStringLiteral("must not be empty")
                                 : QStringLiteral("shorter than %1 characters").arg(m->get<qint64>())));
        }
        if (const auto m = schema.find("maxLength"); m != schema.end() && length > m->get<qint64>())
            errors.append(where + QStringLiteral("longer than %1 characters").arg(m->get<qint64>()));
    }
    if (value.is_number()) {
        const double v = value.get<double>();
        if (const auto m = schema.find("minimum"); m != schema.end() && v < m->get<double>())
            errors.append(
                where + QStringLiteral("%1 is less than %2").arg(preview(value), QString::fromStdString(m->dump())));
        if (const auto m = schema.find("maximum"); m != schema.end() && v > m->get<double>())
            errors.append(
                where + QStringLiteral("%1 is more than %2").arg(preview(value), QString::fromStdString(m->dump())));
    }
    if (value.is_object()) {
        if (const auto r = schema.find("required"); r != schema.end()) {
            for (const auto& name : *r) {
                const std::string& field = name.get_ref<const std::string&>();
                if (!value.contains(field))
                    errors.append(where + QStringLiteral("\"%1\" is required").arg(QString::fromStdString(field)));
            }
        }
        if (const auto p = schema.find("properties"); p != schema.end()) {
            for (const auto& [field, member] : value.items()) {
                const std::string at = pointer + '/' + escapeToken(field);
                const auto sub = p->find(field);
                if (sub != p->end())
                    check(member, *sub, at, errors, unknown, depth + 1);
                else if (unknown)
                    unknown->push_back(at);
            }
        }
    }
    if (value.is_array()) {
        if (const auto items = schema.find("items"); items != schema.end()) {
            for (std::size_t i = 0; i < value.size(); ++i)
                check(value[i], *items, pointer + '/' + std::to_string(i), errors, unknown, depth + 1);
        }
    }
}

} // namespace sightline::snapshot
