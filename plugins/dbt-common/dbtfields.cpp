#include "dbtfields.h"

#include "import/importer.h"

#include <QRegularExpression>

#include <cmath>

namespace sightline::dbt {

std::string pointerToken(std::string_view token)
{
    std::string out;
    out.reserve(token.size());
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

QDateTime parseIsoTime(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    int ms = 0;
    if (m.hasCaptured(7))
        ms = m.captured(7).left(3).leftJustified(3, u'0').toInt();
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        const QString digits = QString(zone.mid(1)).remove(u':');
        offsetSeconds = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60) * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

QString Fields::found(const char* expected, const JsonValue& value)
{
    const char* name = value.type_name();
    const bool vowel = name[0] == 'a' || name[0] == 'o';
    return QStringLiteral("expected %1, found %2 %3")
        .arg(QLatin1String(expected), vowel ? QStringLiteral("an") : QStringLiteral("a"), QLatin1String(name));
}

QString Fields::where(std::string_view at) const
{
    std::string p = m_pointer;
    if (!at.empty()) {
        p += '/';
        p += at;
    }
    return QString::fromStdString(p);
}

void Fields::fail(std::string_view at, const QString& reason) const
{
    throw m_reader.errorAt(m_offset, where(at) + QStringLiteral(": ") + reason);
}

void Fields::warn(std::string_view at, const QString& reason) const
{
    m_sink.warning(where(at) + QStringLiteral(": ") + reason + QStringLiteral(" (skipped)"));
}

QString Fields::string(const JsonValue& object, const char* field) const
{
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get_ref<const std::string&>());
    if (it->is_number() || it->is_boolean())
        return QString::fromStdString(it->dump());
    fail(pointerToken(field), found("a string", *it));
}

const JsonValue* Fields::object(const JsonValue& object, const char* field, std::string_view at) const
{
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return nullptr;
    if (!it->is_object()) {
        std::string path(at);
        if (!path.empty())
            path += '/';
        path += pointerToken(field);
        fail(path, found("an object", *it));
    }
    return &*it;
}

std::optional<double> Fields::number(const JsonValue& object, const char* field, std::string_view at) const
{
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    std::string path(at);
    if (!path.empty())
        path += '/';
    path += pointerToken(field);
    double value = 0;
    bool ok = false;
    if (it->is_number()) {
        value = it->get<double>();
        ok = true;
    } else if (it->is_string()) {
        value = QString::fromStdString(it->get_ref<const std::string&>()).trimmed().toDouble(&ok);
    }
    if (!ok) {
        warn(path, found("a number", *it));
        return std::nullopt;
    }
    if (!std::isfinite(value)) {
        warn(path, QStringLiteral("not a finite number"));
        return std::nullopt;
    }
    return value;
}

QStringList Fields::stringList(const JsonValue& object, const char* field, std::string_view at) const
{
    QStringList out;
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return out;
    std::string path(at);
    if (!path.empty())
        path += '/';
    path += pointerToken(field);
    if (it->is_string()) {
        out.append(QString::fromStdString(it->get_ref<const std::string&>()));
        return out;
    }
    if (!it->is_array()) {
        warn(path, found("a list of strings", *it));
        return out;
    }
    for (const auto& v : *it) {
        if (v.is_string())
            out.append(QString::fromStdString(v.get_ref<const std::string&>()));
        else
            warn(path, found("a string", v));
    }
    return out;
}

QString Fields::text(const JsonValue& value, std::string_view at) const
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return QString::fromStdString(value.get_ref<const std::string&>());
    if (value.is_number() || value.is_boolean())
        return QString::fromStdString(value.dump());
    if (value.is_array()) {
        QStringList parts;
        for (const auto& v : value) {
            if (v.is_string())
                parts.append(QString::fromStdString(v.get_ref<const std::string&>()));
        }
        if (parts.size() == qsizetype(value.size()))
            return parts.join(QStringLiteral(", "));
    }
    warn(at, found("a string", value));
    return {};
}

} // namespace sightline::dbt
