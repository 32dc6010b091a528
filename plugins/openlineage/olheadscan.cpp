#include "oleventreader.h"

#include "olcursor.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace sightline::openlineage {

namespace {

bool oneOf(std::string_view key, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), key) != names.end();
}

// Looks at the first event only and stops there; truncation ends the scan quietly.
class HeadHandler : public JsonSaxHandler<HeadHandler>
{
public:
    explicit HeadHandler(HeadScan& scan)
        : m_scan(scan)
    {
    }
    bool string(string_t& v)
    {
        if (m_eventTypeNext && m_depth == m_eventDepth) {
            m_scan.eventType = oneOf(v, {"START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"});
        }
        return value();
    }
    bool key(string_t& k)
    {
        if (m_depth != m_eventDepth)
            return true;
        m_eventTypeNext = k == "eventType";
        if (k == "eventTime")
            m_scan.eventTime = true;
        else if (k == "run")
            m_scan.run = true;
        else if (k == "job")
            m_scan.job = true;
        else if (k == "producer" || k == "schemaURL")
            m_scan.producer = true;
        else if (k == "inputs" || k == "outputs")
            m_scan.inputsOrOutputs = true;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&)
    {
        return false;
    }

private:
    friend class JsonSaxHandler<HeadHandler>;

    // Only that there was a scalar matters, not its value, which is never built.
    template<typename Make>
    bool scalar(Make&&)
    {
        return value();
    }
    bool open(bool object)
    {
        m_eventTypeNext = false;
        if (++m_depth == 1) {
            if (!object)
                m_scan.array = true; // a list of events
            m_eventDepth = object ? 1 : 2;
            return true;
        }
        // An array where the first event should be is not a list of events.
        return object || !(m_scan.array && m_depth == 2);
    }
    bool close()
    {
        return --m_depth >= m_eventDepth; // stop once the first event has closed
    }
    bool value()
    {
        m_eventTypeNext = false;
        return m_depth > 0; // a scalar at the top level is no event
    }

    HeadScan& m_scan;
    int m_depth = 0;
    int m_eventDepth = 0;
    bool m_eventTypeNext = false;
};

} // namespace

HeadScan scanHead(QByteArrayView head)
{
    HeadScan scan;
    HeadHandler handler(scan);
    Cursor cursor;
    const char* base = head.isEmpty() ? "" : head.data();
    CountingIterator first(base, &cursor);
    CountingIterator last(base + head.size(), &cursor);
    JsonValue::sax_parse(first, last, &handler, nlohmann::json::input_format_t::json, false);
    return scan;
}

} // namespace sightline::openlineage
