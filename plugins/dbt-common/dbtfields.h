#pragma once

#include "import/jsonstream.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <string_view>

namespace sightline {

class ImportSink;

namespace dbt {

// Escapes one reference token of a JSON pointer (RFC 6901).
std::string pointerToken(std::string_view token);

// ISO 8601 as dbt writes it ("2022-11-17T17:50:39.509577Z", "...+00:00", or no offset, which
// dbt means as UTC). Invalid QDateTime when it is not one.
QDateTime parseIsoTime(const QString& text);

// Typed reads of one delivered member. Wrong types become an ImportError naming the JSON pointer
// and the member's line and column; where a value can be skipped safely, a warning instead.
class Fields
{
public:
    Fields(const JsonStreamReader& reader, ImportSink& sink, std::string pointer, qint64 offset)
        : m_reader(reader)
        , m_sink(sink)
        , m_pointer(std::move(pointer))
        , m_offset(offset)
    {
    }

    const std::string& pointer() const
    {
        return m_pointer;
    }

    // A string field; absent or null gives empty; numbers are written as text.
    QString string(const JsonValue& object, const char* field) const;
    // An object field; absent or null gives nullptr; anything else is an error.
    const JsonValue* object(const JsonValue& object, const char* field, std::string_view at = {}) const;
    // A number; absent or null gives nothing; numbers written as text are read; other shapes,
    // and values that are not finite, are skipped with a warning.
    std::optional<double> number(const JsonValue& object, const char* field, std::string_view at = {}) const;
    // A list of strings; absent or null gives empty; other shapes are skipped with a warning.
    QStringList stringList(const JsonValue& object, const char* field, std::string_view at = {}) const;
    // A free-form text value (meta): strings, numbers, lists of them; else warning, empty.
    QString text(const JsonValue& value, std::string_view at) const;

    [[noreturn]] void fail(std::string_view at, const QString& reason) const;
    void warn(std::string_view at, const QString& reason) const;
    // "expected an object, found an array"
    static QString found(const char* expected, const JsonValue& value);

private:
    QString where(std::string_view at) const;

    const JsonStreamReader& m_reader;
    ImportSink& m_sink;
    std::string m_pointer;
    qint64 m_offset;
};

} // namespace dbt
} // namespace sightline
