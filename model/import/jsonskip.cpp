#include "jsonskip.h"

#include <cstring>
#include <string>

namespace sightline {

namespace {

bool isDelimiter(char c)
{
    return c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// A scalar token [p, q): true, false, null or a JSON number.
bool validScalar(const char* p, const char* q)
{
    const auto n = size_t(q - p);
    if ((n == 4 && (std::memcmp(p, "true", 4) == 0 || std::memcmp(p, "null", 4) == 0))
        || (n == 5 && std::memcmp(p, "false", 5) == 0))
        return true;
    if (p < q && *p == '-')
        ++p;
    if (p == q || *p < '0' || *p > '9')
        return false;
    for (; p < q; ++p) {
        const char c = *p;
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return false;
    }
    return true;
}

JsonSkipResult fail(const char* at, QString reason)
{
    JsonSkipResult r;
    r.errorAt = at;
    r.error = std::move(reason);
    return r;
}

JsonSkipResult truncated(const char* end)
{
    return fail(end, QStringLiteral("invalid JSON: unexpected end of file (is it truncated?)"));
}

} // namespace

JsonSkipResult skipJsonValue(const char* p, const char* end, int maxDepth)
{
    std::string closers; // the brackets still open, innermost last
    while (p < end) {
        const char c = *p;
        if (c == '"') {
            ++p;
            for (;;) {
                const void* quote = std::memchr(p, '"', size_t(end - p));
                if (!quote)
                    return truncated(end);
                const char* q = static_cast<const char*>(quote);
                // Escaped if preceded by an odd number of backslashes.
                const char* b = q;
                while (b > p && b[-1] == '\\')
                    --b;
                p = q + 1;
                if ((q - b) % 2 == 0)
                    break;
            }
        } else if (c == '{' || c == '[') {
            if (int(closers.size()) >= maxDepth)
                return fail(p, QStringLiteral("nesting deeper than the limit"));
            closers.push_back(c == '{' ? '}' : ']');
            ++p;
            continue;
        } else if (c == '}' || c == ']') {
            if (closers.empty() || closers.back() != c)
                return fail(p, QStringLiteral("invalid JSON: unexpected '%1'").arg(QLatin1Char(c)));
            closers.pop_back();
            ++p;
        } else if (c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            if (closers.empty())
                return fail(p, QStringLiteral("invalid JSON: expected a value"));
            ++p;
            continue;
        } else {
            const char* q = p;
            while (q < end && !isDelimiter(*q))
                ++q;
            if (!validScalar(p, q))
                return fail(p,
                            QStringLiteral("invalid JSON: invalid literal \"%1\"")
                                .arg(QString::fromUtf8(p, std::min<qsizetype>(q - p, 20))));
            p = q;
        }
        if (closers.empty()) {
            JsonSkipResult r;
            r.end = p;
            return r;
        }
    }
    return truncated(end);
}

} // namespace sightline
