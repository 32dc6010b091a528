#pragma once

#include "import/jsonstream.h"

#include <QString>
#include <QUrl>

#include <optional>
#include <string>
#include <string_view>

// Small reads of the event DOMs, shared by the event and facet parts of the importer.
namespace sightline::openlineage::json {

inline const QString& system()
{
    static const QString name = QStringLiteral("openlineage");
    return name;
}

// One reference token of a JSON pointer (RFC 6901).
inline std::string token(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

inline std::string child(const std::string& pointer, std::string_view key)
{
    return pointer + "/" + token(key);
}

inline std::string child(const std::string& pointer, std::size_t index)
{
    return pointer + "/" + std::to_string(index);
}

// The member, or null when absent, null, or parent is no object.
inline const JsonValue* member(const JsonValue& parent, const char* key)
{
    if (!parent.is_object())
        return nullptr;
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null())
        return nullptr;
    return &*it;
}

// A string member; empty when absent or not a string.
inline QString text(const JsonValue& parent, const char* key)
{
    const JsonValue* v = member(parent, key);
    if (!v || !v->is_string())
        return {};
    return QString::fromStdString(v->get<std::string>());
}

// Numbers as numbers, or as strings of digits (some producers quote them).
inline std::optional<double> number(const JsonValue& parent, const char* key)
{
    const JsonValue* v = member(parent, key);
    if (!v)
        return std::nullopt;
    if (v->is_number())
        return v->get<double>();
    if (v->is_string()) {
        bool ok = false;
        const double d = QString::fromStdString(v->get<std::string>()).toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

// "an object", "a string"
inline QString found(const JsonValue& value)
{
    const char* name = value.type_name();
    return QStringLiteral("%1 %2").arg(name[0] == 'a' || name[0] == 'o' ? QStringLiteral("an") : QStringLiteral("a"),
                                       QLatin1String(name));
}

// A URL worth showing: with a scheme and a host, and without credentials (Marquez's seed has
// "postgres://user:password@host:5432/db").
inline QString cleanUrl(const QString& uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return {};
    return url.toString(QUrl::RemoveUserInfo);
}

} // namespace sightline::openlineage::json
