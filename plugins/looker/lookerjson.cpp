#include "lookerjson.h"

#include <algorithm>

namespace sightline::looker {

namespace {

constexpr qint64 kMaxString = qint64(16) << 20;
constexpr int kMaxDepth = 256;

// Bounds the parse before it starts: nlohmann would build any depth and any string size.
void scanBounds(const QByteArray& data, const QString& path)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qint64 stringStart = 0;
    auto fail = [&](qint64 offset, const QString& reason) {
        const auto [line, column] = JsonStreamReader::lineColumn(data, offset);
        throw ImportError(path, reason, line, column);
    };
    for (qint64 i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            if (i - stringStart > kMaxString)
                fail(stringStart, QStringLiteral("a string longer than 16 MiB is not supported"));
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth)
                fail(i, QStringLiteral("nesting deeper than %1 levels is not supported").arg(kMaxDepth));
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

} // namespace

JsonValue parseBounded(const QByteArray& data, const QString& path)
{
    if (data.trimmed().isEmpty())
        throw ImportError(path, QStringLiteral("the file is empty"), 1, 1);
    scanBounds(data, path);
    try {
        return JsonValue::parse(data.begin(), data.end());
    } catch (const nlohmann::json::parse_error& e) {
        const qint64 at = std::clamp<qint64>(qint64(e.byte) - 1, 0, data.size());
        const auto [line, column] = JsonStreamReader::lineColumn(data, at);
        throw ImportError(path, JsonStreamReader::readableParseError(e.what()), line, column);
    } catch (const nlohmann::json::out_of_range&) {
        // A number beyond double's range (1e999): nlohmann throws this one even while parsing.
        throw ImportError(path, QStringLiteral("invalid JSON: a number is too large (beyond a double's range)"));
    }
}

} // namespace sightline::looker
