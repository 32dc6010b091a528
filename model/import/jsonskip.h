#pragma once

#include <QString>

#include <cstddef>
#include <functional>
#include <iterator>

namespace sightline {

// Finds where the JSON value starting at p ends, without building or decoding anything: strings
// are stepped over (escapes included), containers are matched bracket by bracket, and scalar
// tokens must be true, false, null or a number. Missing commas or colons are not noticed: this
// is for values the caller has chosen to skip, read at memory speed.
struct JsonSkipResult
{
    const char* end = nullptr; // one past the value; null on error
    const char* errorAt = nullptr;
    QString error;
};
JsonSkipResult skipJsonValue(const char* p, const char* end, int maxDepth);

// The input as the parser sees it. The iterator records the real position on every step, so
// the handler knows the byte offset of each event. And when the handler asks for the next value
// to be skipped, the iterator steps over it at memory speed (skipJsonValue) and shows the parser
// a `null` in its place: nlohmann's lexer never reads the bytes of macros, docs, tests or SQL.
struct JsonCursor
{
    const char* pos = nullptr;
    const char* end = nullptr;
    bool skipPending = false;
    int depthBudget = 0;
    std::function<void(const JsonSkipResult&)> fail;
};

inline constexpr char kSkipPlaceholder[] = "null";

class SkippingIterator
{
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    SkippingIterator() = default;
    SkippingIterator(const char* p, JsonCursor* cursor)
        : m_p(p)
        , m_cursor(cursor)
    {
    }
    reference operator*() const
    {
        return *m_p;
    }
    SkippingIterator& operator++()
    {
        ++m_p;
        if (m_resume) [[unlikely]] {
            if (*m_p != '\0')
                return *this;
            m_p = m_resume;
            m_resume = nullptr;
        }
        m_cursor->pos = m_p;
        if (m_cursor->skipPending) [[unlikely]]
            startSkip();
        return *this;
    }
    SkippingIterator operator++(int)
    {
        SkippingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const SkippingIterator& other) const
    {
        return m_p == other.m_p;
    }

private:
    void startSkip()
    {
        if (m_p == m_cursor->end)
            return;
        const char c = *m_p;
        if (c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
            return; // not at the value yet
        m_cursor->skipPending = false;
        const JsonSkipResult r = skipJsonValue(m_p, m_cursor->end, m_cursor->depthBudget);
        if (!r.end)
            m_cursor->fail(r);
        m_resume = r.end;
        m_p = kSkipPlaceholder;
    }

    const char* m_p = nullptr;
    const char* m_resume = nullptr; // where to continue after the placeholder
    JsonCursor* m_cursor = nullptr;
};

} // namespace sightline
