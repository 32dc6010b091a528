#include "bqrows.h"

#include "import/jsonstream.h"

#include <QFile>

#include <charconv>
#include <cmath>
#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace sightline::bq {

namespace {

constexpr qint64 kCheckInterval = 1 << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

qint64 skipSpace(const char* data, qint64 size, qint64 at)
{
    while (at < size && isSpace(data[at]))
        ++at;
    return at;
}

// Skips a UTF-8 byte order mark, which some Windows tools put in front of redirected output.
qint64 skipBom(const char* data, qint64 size)
{
    return size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

std::optional<double> parseNumber(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Digits at s[at, at+n) as a number; -1 when they are not all digits.
int digits(QStringView s, qsizetype at, qsizetype n)
{
    if (at + n > s.size())
        return -1;
    int v = 0;
    for (qsizetype i = at; i < at + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c - u'0');
    }
    return v;
}

// Milliseconds since the epoch as a time; invalid when not finite or beyond ±8.64e15 ms (±273,790
// years, JavaScript's range): converting such a double to qint64 is undefined behaviour.
QDateTime fromMillis(double ms)
{
    if (!(std::abs(ms) <= 8.64e15))
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC);
}

} // namespace

QDateTime parseTimestamp(const QString& input)
{
    // "2024-03-01 06:00:00", "2024-03-01T06:00:00.123456Z", "2024-03-01 06:00:00.5 UTC",
    // "2024-03-01 06:00:00+00", "2024-03-01T06:00:00+01:00". Parsed by hand: a capture repeats
    // this for every row.
    QStringView s = QStringView(input).trimmed();
    if (s.endsWith(u"UTC"))
        s = s.chopped(3).trimmed();
    const int year = digits(s, 0, 4);
    const int month = digits(s, 5, 2);
    const int day = digits(s, 8, 2);
    if (year < 0 || month < 0 || day < 0 || s[4] != u'-' || s[7] != u'-')
        return {};
    const QDate date(year, month, day);
    if (!date.isValid())
        return {};
    if (s.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    if (s[10] != u'T' && s[10] != u't' && s[10] != u' ')
        return {};
    const int hour = digits(s, 11, 2);
    const int minute = digits(s, 14, 2);
    const int second = digits(s, 17, 2);
    if (hour < 0 || minute < 0 || second < 0 || s[13] != u':' || s[16] != u':')
        return {};
    qsizetype at = 19;
    int ms = 0;
    if (at < s.size() && s[at] == u'.') {
        ++at;
        int n = 0;
        while (at < s.size() && s[at].isDigit()) {
            if (n < 3)
                ms = ms * 10 + (s[at].unicode() - u'0');
            ++n;
            ++at;
        }
        if (n == 0)
            return {};
        for (; n < 3; ++n)
            ms *= 10;
    }
    const QTime time(hour, minute, second, ms);
    if (!time.isValid())
        return {};
    int offset = 0;
    const QStringView zone = s.mid(at).trimmed();
    if (!zone.isEmpty() && zone != u"Z" && zone != u"z") {
        if (zone[0] != u'+' && zone[0] != u'-')
            return {};
        const QString rest = zone.mid(1).toString().remove(u':');
        const int hh = digits(rest, 0, 2);
        const int mm = rest.size() > 2 ? digits(rest, 2, 2) : 0;
        if (hh < 0 || mm < 0 || (rest.size() != 2 && rest.size() != 4))
            return {};
        offset = (hh * 3600 + mm * 60) * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offset);
}

bool FlatRow::parse(const char* data, qint64 size)
{
    fields.clear();
    qint64 i = 0;
    auto ws = [&] {
        while (i < size && isSpace(data[i]))
            ++i;
    };
    // A string without escapes: the reader checked the row has no backslash.
    auto str = [&](std::string_view* out) {
        if (i >= size || data[i] != '"')
            return false;
        const char* start = data + i + 1;
        const void* end = std::memchr(start, '"', size_t(size - i - 1));
        if (!end)
            return false;
        *out = std::string_view(start, size_t(static_cast<const char*>(end) - start));
        i = static_cast<const char*>(end) - data + 1;
        return true;
    };
    ws();
    if (i >= size || data[i] != '{')
        return false;
    ++i;
    ws();
    if (i < size && data[i] == '}')
        return i + 1 == size;
    while (true) {
        Field f {};
        ws();
        if (!str(&f.key))
            return false;
        ws();
        if (i >= size || data[i] != ':')
            return false;
        ++i;
        ws();
        if (i >= size)
            return false;
        const char c = data[i];
        if (c == '"') {
            f.kind = Kind::String;
            if (!str(&f.value))
                return false;
        } else {
            const qint64 start = i;
            while (i < size && data[i] != ',' && data[i] != '}' && !isSpace(data[i]))
                ++i;
            f.value = std::string_view(data + start, size_t(i - start));
            if (f.value == "null")
                f.kind = Kind::Null;
            else if (f.value == "true")
                f.kind = Kind::True;
            else if (f.value == "false")
                f.kind = Kind::False;
            else if (!f.value.empty() && (f.value[0] == '-' || (f.value[0] >= '0' && f.value[0] <= '9'))
                     && parseNumber(f.value))
                f.kind = Kind::Number;
            else
                return false;
        }
        fields.push_back(f);
        ws();
        if (i >= size)
            return false;
        if (data[i] == '}')
            return i + 1 == size;
        if (data[i] != ',')
            return false;
        ++i;
    }
}

RowReader::RowReader(const ImportContext& context)
    : m_context(context)
{
}

ImportError RowReader::errorAt(qint64 offset, const QString& reason) const
{
    const auto [line, column] = JsonStreamReader::lineColumn(QByteArrayView(m_data, m_size), offset);
    return ImportError(m_context.path, reason, line, column, offset);
}

qint64 RowReader::rowEnd(qint64 start, bool* simple) const
{
    // simple: one level, no escapes, ASCII only, so FlatRow can read it.
    bool nested = false;
    bool plain = true;
    // A byte scan that knows strings and escapes finds where the row object ends; the parser
    // then sees only that row. Depth and size are bounded here, before anything is built.
    int depth = 0;
    bool inString = false;
    const qint64 limit = std::min(m_size, start + kMaxRowBytes + 1);
    for (qint64 i = start; i < limit; ++i) {
        const char c = m_data[i];
        if (uchar(c) >= 0x80)
            plain = false;
        if (inString) {
            if (c == '\\') {
                plain = false;
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            if (depth > 0)
                nested = true;
            if (++depth > kMaxDepth)
                throw errorAt(i, QStringLiteral("nesting deeper than %1 levels is not supported").arg(kMaxDepth));
            break;
        case '}':
        case ']':
            if (--depth == 0) {
                *simple = plain && !nested;
                return i + 1;
            }
            break;
        default:
            break;
        }
    }
    if (limit < m_size)
        throw errorAt(start, QStringLiteral("a row of more than %1 bytes is not supported").arg(kMaxRowBytes));
    throw errorAt(start, QStringLiteral("invalid JSON: the file ends in the middle of a row (truncated?)"));
}

void RowReader::read(const std::function<void(const RowView& row, qint64 offset)>& callback)
{
    QFile file(m_context.path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(m_context.path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    m_size = file.size();
    QByteArray copy;
    uchar* mapped = m_size > 0 ? file.map(0, m_size) : nullptr;
    if (mapped) {
        m_data = reinterpret_cast<const char*>(mapped);
    } else {
        copy = file.readAll();
        m_size = copy.size();
        m_data = copy.constData();
    }
    struct Unmap
    {
        QFile& file;
        uchar* p;
        ~Unmap()
        {
            if (p)
                file.unmap(p);
        }
    } unmap {file, mapped};

    qint64 at = skipSpace(m_data, m_size, skipBom(m_data, m_size));
    if (at >= m_size)
        throw errorAt(0, QStringLiteral("the file is empty"));
    if (m_data[at] == '[') {
        m_form = Form::Array;
        at = skipSpace(m_data, m_size, at + 1);
        if (at < m_size && m_data[at] == ']')
            at = m_size; // no rows
    } else if (m_data[at] == '{') {
        m_form = Form::Lines;
    } else {
        throw errorAt(at, QStringLiteral("expected a JSON array of rows or one JSON object per line"));
    }

    qint64 nextCheck = kCheckInterval;
    qint64 released = 0;
    FlatRow flat;
    bool first = true;
    bool closed = false;
    while (at < m_size) {
        if (m_data[at] != '{')
            throw errorAt(at, QStringLiteral("expected a row (a JSON object)"));
        bool simple = false;
        const qint64 end = rowEnd(at, &simple);
        if (simple && !first && flat.parse(m_data + at, end - at)) {
            callback(RowView {nullptr, &flat}, at);
        } else {
            Row row;
            try {
                row = Row::parse(m_data + at, m_data + end);
            } catch (const nlohmann::json::parse_error& e) {
                const qint64 pos = at + std::max<qint64>(0, qint64(e.byte) - 1);
                throw errorAt(pos, JsonStreamReader::readableParseError(e.what()));
            } catch (const nlohmann::json::out_of_range& e) {
                // A number beyond a double (1e999): nlohmann gives no position; the row's will do.
                const QString what = QString::fromUtf8(e.what());
                throw errorAt(at, QStringLiteral("invalid JSON: %1").arg(what.mid(what.indexOf(u']') + 1).trimmed()));
            }
            callback(RowView {&row, nullptr}, at);
        }
        first = false;

        at = skipSpace(m_data, m_size, end);
        if (m_form == Form::Array) {
            if (at >= m_size)
                throw errorAt(m_size, QStringLiteral("invalid JSON: the array of rows is not closed (truncated?)"));
            if (m_data[at] == ']') {
                at = skipSpace(m_data, m_size, at + 1);
                if (at < m_size)
                    throw errorAt(at, QStringLiteral("unexpected content after the array of rows"));
                closed = true;
                break;
            }
            if (m_data[at] != ',')
                throw errorAt(at, QStringLiteral("expected ',' or ']' after a row"));
            at = skipSpace(m_data, m_size, at + 1);
        }
        if (at >= nextCheck) {
            nextCheck = at + kCheckInterval;
            m_context.reportProgress(at);
            m_context.checkCancelled();
#ifdef Q_OS_UNIX
            // Rows already read are not needed again: drop their pages so a large export does
            // not count fully against resident memory.
            if (mapped) {
                static const qint64 page = sysconf(_SC_PAGESIZE);
                const qint64 releaseEnd = ((at - kCheckInterval) / page) * page;
                if (releaseEnd > released) {
                    madvise(mapped + released, size_t(releaseEnd - released), MADV_DONTNEED);
                    released = releaseEnd;
                }
            }
#endif
        }
    }
    // An array cut right after a row's comma ends the loop without its ']'.
    if (m_form == Form::Array && !closed && !first)
        throw errorAt(m_size, QStringLiteral("invalid JSON: the array of rows is not closed (truncated?)"));
    m_context.reportProgress(m_size);
}

Row RowReader::firstRow(const QByteArray& head, bool* lines, QByteArray* rowText)
{
    const char* data = head.constData();
    const qint64 size = head.size();
    qint64 at = skipSpace(data, size, skipBom(data, size));
    if (at < size && data[at] == '[') {
        if (lines)
            *lines = false;
        at = skipSpace(data, size, at + 1);
    } else if (lines) {
        *lines = true;
    }
    if (at >= size || data[at] != '{')
        return {};
    int depth = 0;
    bool inString = false;
    for (qint64 i = at; i < size; ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth)
                break;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            Row row = Row::parse(data + at, data + i + 1, nullptr, false);
            if (!row.is_discarded())
                return row;
            break;
        }
    }
    if (rowText)
        *rowText = head.mid(at);
    return {};
}

Fields::Value Fields::value(const char* field) const
{
    Value v;
    if (m_row.flat) {
        for (const auto& f : m_row.flat->fields) {
            if (f.key != field)
                continue;
            switch (f.kind) {
            case FlatRow::Kind::String:
                v.kind = Value::Kind::String;
                break;
            case FlatRow::Kind::Number:
                v.kind = Value::Kind::Number;
                break;
            case FlatRow::Kind::True:
            case FlatRow::Kind::False:
                v.kind = Value::Kind::Bool;
                break;
            case FlatRow::Kind::Null:
                return v;
            }
            v.text = f.value;
            return v;
        }
        return v;
    }
    if (!m_row.json || !m_row.json->is_object())
        return v;
    const auto it = m_row.json->find(field);
    if (it == m_row.json->end() || it->is_null())
        return v;
    v.json = &*it;
    if (it->is_string()) {
        v.kind = Value::Kind::String;
        v.text = it->get_ref<const std::string&>();
    } else if (it->is_number()) {
        v.kind = Value::Kind::Number;
    } else if (it->is_boolean()) {
        v.kind = Value::Kind::Bool;
        v.text = it->get<bool>() ? "true" : "false";
    } else {
        v.kind = Value::Kind::Other;
    }
    return v;
}

bool Fields::has(const char* field) const
{
    return value(field).kind != Value::Kind::Absent;
}

void Fields::fail(const QString& reason) const
{
    throw m_reader.errorAt(m_offset, reason);
}

void Fields::wrongType(const char* field, const char* expected, const Value& v) const
{
    const char* found = v.json          ? v.json->type_name()
        : v.kind == Value::Kind::String ? "string"
        : v.kind == Value::Kind::Number ? "number"
                                        : "boolean";
    fail(QStringLiteral("%1: expected %2, found %3")
             .arg(QLatin1String(field), QLatin1String(expected), QLatin1String(found)));
}

QString Fields::text(const char* field) const
{
    const Value v = value(field);
    switch (v.kind) {
    case Value::Kind::Absent:
        return {};
    case Value::Kind::String:
    case Value::Kind::Bool:
        return QString::fromUtf8(v.text.data(), qsizetype(v.text.size()));
    case Value::Kind::Number:
        if (!v.json)
            return QString::fromLatin1(v.text.data(), qsizetype(v.text.size()));
        if (v.json->is_number_integer())
            return v.json->is_number_unsigned() ? QString::number(v.json->get<quint64>())
                                                : QString::number(v.json->get<qint64>());
        return QString::number(v.json->get<double>(), 'g', 17);
    case Value::Kind::Other:
        break;
    }
    wrongType(field, "a string", v);
}

std::optional<double> Fields::number(const char* field, bool* bad) const
{
    const Value v = value(field);
    if (v.kind == Value::Kind::Absent)
        return std::nullopt;
    if (v.kind == Value::Kind::Number && v.json)
        return v.json->get<double>();
    if (v.kind == Value::Kind::Number || v.kind == Value::Kind::String) {
        if (v.text.empty())
            return std::nullopt;
        if (auto n = parseNumber(v.text))
            return n;
    }
    if (bad)
        *bad = true;
    return std::nullopt;
}

QDateTime Fields::timestamp(const char* field) const
{
    const Value v = value(field);
    if (v.kind == Value::Kind::Number && v.json)
        return fromMillis(v.json->get<double>() * 1000.0);
    if (v.kind != Value::Kind::Number && v.kind != Value::Kind::String)
        return {};
    if (auto seconds = parseNumber(v.text))
        return fromMillis(*seconds * 1000.0);
    return parseTimestamp(QString::fromUtf8(v.text.data(), qsizetype(v.text.size())));
}

QDateTime Fields::millis(const char* field) const
{
    const Value v = value(field);
    if (v.kind == Value::Kind::Number && v.json)
        return fromMillis(v.json->get<double>());
    if (v.kind != Value::Kind::Number && v.kind != Value::Kind::String)
        return {};
    if (auto ms = parseNumber(v.text))
        return fromMillis(*ms);
    // A collector that wrapped it in TIMESTAMP_MILLIS() gives a TIMESTAMP instead.
    return parseTimestamp(QString::fromUtf8(v.text.data(), qsizetype(v.text.size())));
}

const Row* Fields::object(const char* field) const
{
    const Value v = value(field);
    if (v.kind == Value::Kind::Absent)
        return nullptr;
    if (!v.json || !v.json->is_object())
        wrongType(field, "an object", v);
    return v.json;
}

const Row* Fields::array(const char* field) const
{
    const Value v = value(field);
    if (v.kind == Value::Kind::Absent)
        return nullptr;
    if (!v.json || !v.json->is_array())
        wrongType(field, "an array", v);
    return v.json;
}

} // namespace sightline::bq
