#include "oleventreader.h"

#include "olcursor.h"

#include <QScopeGuard>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iterator>
#include <string_view>

namespace sightline::openlineage {

namespace {

constexpr qint64 kCheckInterval = 1 << 20;

bool oneOf(std::string_view key, std::initializer_list<std::string_view> names)
{
    return std::find(names.begin(), names.end(), key) != names.end();
}

bool isDataset(const std::vector<std::string>& path)
{
    return path.size() >= 2 && (path[0] == "inputs" || path[0] == "outputs") && path[1] == "*";
}

const char* typeName(bool object)
{
    return object ? "an object" : "an array";
}

} // namespace

bool EventReader::keep(const std::vector<std::string>& path, std::string_view key)
{
    switch (path.size()) {
    case 0:
        return oneOf(key, {"eventType", "eventTime", "run", "job", "inputs", "outputs", "producer", "schemaURL"});
    case 1:
        if (path[0] == "run")
            return oneOf(key, {"runId", "facets"});
        if (path[0] == "job")
            return oneOf(key, {"namespace", "name", "facets"});
        return false;
    case 2:
        if (path[0] == "run" && path[1] == "facets")
            return key == "errorMessage";
        if (path[0] == "job" && path[1] == "facets")
            return oneOf(key, {"jobType", "documentation", "ownership", "sourceCodeLocation"});
        if (isDataset(path)) {
            return oneOf(key, {"namespace", "name", "facets"})
                || key == (path[0] == "inputs" ? "inputFacets" : "outputFacets");
        }
        return false;
    case 3:
        if (!isDataset(path))
            return true;
        if (path[2] == "facets") {
            return oneOf(key,
                         {"schema", "columnLineage", "ownership", "documentation", "dataSource", "datasetType",
                          "dataQualityAssertions", "dataQualityMetrics"});
        }
        if (path[2] == "inputFacets")
            return oneOf(key, {"dataQualityMetrics", "dataQualityAssertions"});
        if (path[2] == "outputFacets")
            return oneOf(key, {"outputStatistics", "dataQualityMetrics", "dataQualityAssertions"});
        return true;
    default:
        return true; // inside a facet that is read
    }
}

// The SAX handler: builds one event at a time, stepping over what keep() leaves out.
class EventHandler : public JsonSaxHandler<EventHandler>
{
public:
    EventHandler(EventReader& reader, const EventReader::Callback& callback, Cursor& cursor, const char* base,
                 qint64 size)
        : m_reader(reader)
        , m_callback(callback)
        , m_cursor(cursor)
        , m_base(base)
        , m_size(size)
        , m_nextCheck(base + std::min(kCheckInterval, size))
        , m_pages(base, reader.m_mapped)
    {
    }

    // Starts one top-level value at offset start.
    void beginValue(qint64 start)
    {
        m_start = start;
        m_topStarted = false;
        m_inArray = false;
        m_arrayIndex = 0;
    }

    bool string(string_t& v)
    {
        checkString(v.size());
        return scalar([&v] { return JsonValue(std::move(v)); });
    }
    bool key(string_t& k)
    {
        checkpoint();
        checkString(k.size());
        if (m_skipDepth > 0)
            return true;
        if (!EventReader::keep(m_path, k)) {
            m_skipNext = true;
            return true;
        }
        m_slot = &(*m_frames.back().value)[k];
        m_key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        // nlohmann's position counts the characters read in this value, the offending one included.
        const qint64 at = m_start + std::max<qint64>(0, qint64(position) - 1);
        QString reason;
        if (std::all_of(m_base, m_base + m_size, [](char c) { return std::isspace(uchar(c)); }))
            reason = QStringLiteral("the file is empty");
        else if (at >= m_size || std::string_view(ex.what()).find("unexpected end of input") != std::string_view::npos)
            reason = QStringLiteral("invalid JSON: unexpected end of file (is it truncated?)");
        else
            reason = JsonStreamReader::readableParseError(ex.what());
        throw m_reader.errorAt(at, reason);
    }

private:
    friend class JsonSaxHandler<EventHandler>;

    struct Frame
    {
        bool object;
        JsonValue* value;
    };

    qint64 offset() const
    {
        return qint64(m_cursor.pos - m_base);
    }

    void checkpoint()
    {
        if (m_cursor.pos < m_nextCheck)
            return;
        m_nextCheck = m_cursor.pos + kCheckInterval;
        if (m_reader.m_progress)
            m_reader.m_progress(offset());
        if (m_reader.m_cancelled && m_reader.m_cancelled())
            throw ImportCancelled();
        // Pages already parsed are not needed again: a large log does not stay resident. Those
        // not yet counted for line numbers are kept.
        m_pages.releaseBefore(std::min(offset(), m_lineCounted) - kCheckInterval);
    }

    void checkString(std::size_t size) const
    {
        if (qint64(size) > EventReader::kMaxString) {
            const qint64 start = std::max<qint64>(0, offset() - qint64(size) - 2);
            throw m_reader.errorAt(start,
                                   QStringLiteral("a string of %1 bytes exceeds the limit of %2 bytes")
                                       .arg(qint64(size))
                                       .arg(EventReader::kMaxString));
        }
    }

    [[noreturn]] void notAnEvent(qint64 at, const char* found) const
    {
        throw m_reader.errorAt(
            at,
            QStringLiteral("expected an OpenLineage run event (a JSON object)%1, found %2")
                .arg(m_inArray ? QString() : QStringLiteral(" or an array of events"), QLatin1String(found)));
    }

    template<typename Make>
    bool scalar(Make&& make)
    {
        checkpoint();
        if (m_skipDepth > 0)
            return true;
        if (m_skipNext) {
            m_skipNext = false;
            return true;
        }
        JsonValue v = make();
        if (m_frames.empty()) {
            const std::string found = v.is_null() ? std::string("null") : std::string("a ") + v.type_name();
            notAnEvent(std::max<qint64>(m_start, offset() - 1), found.c_str());
        }
        Frame& frame = m_frames.back();
        if (frame.object)
            *m_slot = std::move(v);
        else
            frame.value->push_back(std::move(v));
        return true;
    }

    bool open(bool object)
    {
        checkpoint();
        if (++m_depth > EventReader::kMaxDepth) {
            throw m_reader.errorAt(
                offset() - 1,
                QStringLiteral("nesting deeper than %1 levels is not supported").arg(EventReader::kMaxDepth));
        }
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        if (m_skipNext) {
            m_skipNext = false;
            m_skipDepth = 1;
            return true;
        }
        if (m_frames.empty()) {
            if (!m_topStarted) {
                m_topStarted = true;
                if (!object) {
                    m_inArray = true;
                    return true;
                }
            } else if (!object) {
                notAnEvent(offset() - 1, typeName(object));
            }
            m_event = JsonValue::object();
            m_eventOffset = offset() - 1;
            m_path.clear();
            m_frames.push_back({true, &m_event});
            return true;
        }
        Frame& parent = m_frames.back();
        JsonValue* target = nullptr;
        if (parent.object) {
            *m_slot = object ? JsonValue::object() : JsonValue::array();
            target = m_slot;
            m_path.push_back(m_key);
        } else {
            parent.value->push_back(object ? JsonValue::object() : JsonValue::array());
            target = &parent.value->back();
            m_path.emplace_back("*");
        }
        m_frames.push_back({object, target});
        return true;
    }

    bool close()
    {
        checkpoint();
        --m_depth;
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        if (m_frames.empty())
            return true; // the end of a top-level array of events
        m_frames.pop_back();
        if (!m_frames.empty()) {
            m_path.pop_back();
            return true;
        }
        Event event;
        event.value = std::move(m_event);
        event.index = m_index++;
        event.offset = m_eventOffset;
        event.line = lineAt(m_eventOffset);
        if (m_inArray)
            event.pointer = "/" + std::to_string(m_arrayIndex++);
        m_event = JsonValue();
        m_callback(event);
        return true;
    }

    // Lines are counted incrementally: events arrive in file order.
    qint64 lineAt(qint64 at)
    {
        const char* p = m_base + m_lineCounted;
        const char* end = m_base + at;
        while (p < end) {
            const void* nl = std::memchr(p, '\n', size_t(end - p));
            if (!nl)
                break;
            ++m_line;
            p = static_cast<const char*>(nl) + 1;
        }
        m_lineCounted = at;
        return m_line;
    }

    EventReader& m_reader;
    const EventReader::Callback& m_callback;
    Cursor& m_cursor;
    const char* m_base;
    qint64 m_size;
    const char* m_nextCheck;
    ParsedPages m_pages;

    qint64 m_start = 0;
    bool m_topStarted = false;
    bool m_inArray = false;
    int m_arrayIndex = 0;
    int m_index = 0;
    int m_depth = 0;
    int m_skipDepth = 0;
    bool m_skipNext = false;

    std::vector<Frame> m_frames; // the event being built; empty between events
    std::vector<std::string> m_path;
    JsonValue m_event;
    qint64 m_eventOffset = 0;
    JsonValue* m_slot = nullptr;
    std::string m_key;

    qint64 m_lineCounted = 0;
    qint64 m_line = 1;
};

void EventReader::readFile(const QString& path, const Callback& callback)
{
    readFileBytes(path, [&](QByteArrayView data, bool mapped) {
        m_mapped = mapped;
        const auto reset = qScopeGuard([this] { m_mapped = false; });
        readBuffer(data, path, callback);
    });
}

void EventReader::readBuffer(QByteArrayView data, const QString& name, const Callback& callback)
{
    m_data = data;
    m_name = name;
    static const char empty = 0;
    const char* base = data.isEmpty() ? &empty : data.data();
    const char* end = base + data.size();
    Cursor cursor;
    EventHandler handler(*this, callback, cursor, base, data.size());
    const char* p = base;
    if (data.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    bool any = false;
    for (;;) {
        while (p < end && std::isspace(uchar(*p)))
            ++p;
        if (p == end && any)
            break;
        any = true;
        // One top-level value at a time: without strict mode the parser stops right after the
        // value's closing bracket, which is where the next one (the next NDJSON line) starts.
        cursor.pos = p;
        handler.beginValue(qint64(p - base));
        CountingIterator first(p, &cursor);
        CountingIterator last(end, &cursor);
        JsonValue::sax_parse(first, last, &handler, nlohmann::json::input_format_t::json, false);
        if (cursor.pos <= p)
            break; // nothing consumed (cannot happen after a successful parse; guards the loop)
        p = cursor.pos;
    }
    if (m_progress)
        m_progress(data.size());
}

ImportError EventReader::errorAt(qint64 offset, const QString& reason) const
{
    const auto [line, column] = JsonStreamReader::lineColumn(m_data, offset);
    return ImportError(m_name, reason, line, column, offset);
}

} // namespace sightline::openlineage
