#pragma once

#include <cstddef>
#include <iterator>

namespace sightline::openlineage {

// The parser's position: the iterator stores it on every step, so the handler knows the byte
// offset of each SAX event without a second pass.
struct Cursor
{
    const char* pos = nullptr;
};

class CountingIterator
{
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator() = default;
    CountingIterator(const char* p, Cursor* cursor)
        : m_p(p)
        , m_cursor(cursor)
    {
    }
    reference operator*() const
    {
        return *m_p;
    }
    CountingIterator& operator++()
    {
        ++m_p;
        m_cursor->pos = m_p;
        return *this;
    }
    CountingIterator operator++(int)
    {
        CountingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const CountingIterator& other) const
    {
        return m_p == other.m_p;
    }

private:
    const char* m_p = nullptr;
    Cursor* m_cursor = nullptr;
};

} // namespace sightline::openlineage
