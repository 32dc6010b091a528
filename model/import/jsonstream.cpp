#include "jsonstream.h"

#include "jsonskip.h"

#include <QFile>
#include <QScopeGuard>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace sightline {

// The SAX handler: routes each event to "skip", "build into the current DOM" or "deliver".
class JsonStreamHandler : public JsonSaxHandler<JsonStreamHandler>
{
public:
    JsonStreamHandler(JsonStreamReader& reader, const JsonStreamReader::Callback& callback, JsonCursor& cursor,
                      const char* base, qint64 size, bool mapped)
        : m_reader(reader)
        , m_callback(callback)
        , m_cursor(cursor)
        , m_base(base)
        , m_size(size)
        , m_pages(base, mapped)
        , m_nextCheck(base + std::min(reader.m_interval, size))
    {
    }

    bool string(string_t& v)
    {
        checkString(v.size());
        return scalar([&v] { return JsonValue(std::move(v)); });
    }
    bool key(string_t& k);
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
    {
        // nlohmann's position counts the placeholders of skipped values: use the real one, which
        // is just past the offending character.
        Q_UNUSED(position)
        const qint64 at = std::max<qint64>(0, offset() - 1);
        const std::string_view what(ex.what());
        const bool atEnd = m_cursor.pos >= m_base + m_size;
        QString reason;
        if (std::all_of(m_base, m_base + m_size, [](char c) { return std::isspace(uchar(c)); }))
            reason = QStringLiteral("the file is empty");
        else if (what.find("unexpected end of input") != std::string_view::npos
                 || (atEnd && what.find("missing closing quote") != std::string_view::npos))
            reason = QStringLiteral("invalid JSON: unexpected end of file (is it truncated?)");
        else
            reason = JsonStreamReader::readableParseError(ex.what());
        throw m_reader.errorAt(at, reason);
    }

private:
    friend class JsonSaxHandler<JsonStreamHandler>;

    enum class FrameKind
    {
        Top,
        Members,
        Build,
    };
    struct Frame
    {
        FrameKind kind;
        bool object;
        bool root = false; // a Build frame whose value is delivered when it closes
        int filter = -1; // index into the selection's filters limiting this object's fields; -1: all
        JsonValue* value = nullptr;
    };

    qint64 offset() const
    {
        return qint64(m_cursor.pos - m_base);
    }

    void checkpoint()
    {
        if (m_cursor.pos < m_nextCheck)
            return;
        m_nextCheck = m_cursor.pos + m_reader.m_interval;
        if (m_reader.m_progress)
            m_reader.m_progress(offset());
        if (m_reader.m_cancelled && m_reader.m_cancelled())
            throw ImportCancelled();
        // Pages already parsed are not needed again: a large file does not stay resident.
        m_pages.releaseBefore(offset() - m_reader.m_interval);
    }

    // The next value is not wanted: the iterator steps over it without the lexer.
    void requestSkip()
    {
        m_cursor.skipPending = true;
        m_cursor.depthBudget = m_reader.m_maxDepth - int(m_frames.size());
    }

    void checkString(std::size_t size) const
    {
        if (qint64(size) > m_reader.m_maxString) {
            // The cursor is just past the closing quote: point at the opening one.
            const qint64 start = std::max<qint64>(0, offset() - qint64(size) - 2);
            throw m_reader.errorAt(start,
                                   QStringLiteral("a string of %1 bytes exceeds the limit of %2 bytes")
                                       .arg(qint64(size))
                                       .arg(m_reader.m_maxString));
        }
    }

    // Places a new value (scalar or container) according to the innermost frame. Returns where
    // it went (null when skipped), and whether it starts a delivered value.
    JsonValue* place(JsonValue&& v, bool& root, JsonStreamItem::Container& container);

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
        if (m_frames.empty())
            throw m_reader.errorAt(offset(), QStringLiteral("expected a JSON object at the top level"));
        bool root = false;
        JsonStreamItem::Container container = JsonStreamItem::Container::None;
        const bool section = m_frames.back().kind == FrameKind::Top;
        place(make(), root, container);
        if (root)
            deliver(container);
        if (section)
            endSection();
        return true;
    }
    void endSection()
    {
        if (m_topSelection && m_reader.m_sectionEnd)
            m_reader.m_sectionEnd(m_topKey);
    }

    bool open(bool object);
    bool close();
    void deliver(JsonStreamItem::Container container);

    JsonStreamReader& m_reader;
    const JsonStreamReader::Callback& m_callback;
    JsonCursor& m_cursor;
    const char* m_base;
    qint64 m_size;
    ParsedPages m_pages;
    const char* m_nextCheck;

    std::vector<Frame> m_frames;
    int m_skipDepth = 0; // > 0 while inside a skipped container
    bool m_skipNext = false; // the next value belongs to a field that is not kept
    bool m_done = false;

    std::string m_topKey;
    qint64 m_topKeyOffset = 0;
    const JsonStreamReader::Selection* m_topSelection = nullptr;
    std::string m_memberKey;
    qint64 m_memberOffset = 0;
    qint64 m_memberIndex = 0;
    JsonValue m_root;
    JsonStreamItem::Container m_rootContainer = JsonStreamItem::Container::None;
    JsonValue* m_slot = nullptr; // where the next value of a Build object frame goes
    int m_childFilter = -1; // the filter for that value
};

bool JsonStreamHandler::key(string_t& k)
{
    checkpoint();
    checkString(k.size());
    if (m_skipDepth > 0)
        return true;
    Frame& frame = m_frames.back();
    switch (frame.kind) {
    case FrameKind::Top: {
        m_topKeyOffset = std::max<qint64>(0, offset() - qint64(k.size()) - 2);
        m_topKey = std::move(k);
        const auto found = m_reader.m_selections.find(m_topKey);
        m_topSelection = found == m_reader.m_selections.end() ? nullptr : &found->second;
        if (!m_topSelection)
            requestSkip(); // its value reaches the handler as a null, which Top ignores
        break;
    }
    case FrameKind::Members:
        // The cursor is just past the key's closing quote.
        m_memberOffset = std::max<qint64>(0, offset() - qint64(k.size()) - 2);
        m_memberKey = std::move(k);
        if (m_topSelection->wanted && !m_topSelection->wanted(m_memberKey)) {
            requestSkip();
            m_skipNext = true;
        }
        break;
    case FrameKind::Build:
        m_childFilter = -1;
        if (frame.filter >= 0) {
            const auto& filter = m_topSelection->filters[size_t(frame.filter)];
            const auto it = filter.fields.find(k);
            m_childFilter = it != filter.fields.end() ? it->second : filter.any;
            if (m_childFilter == JsonStreamReader::kDrop) {
                requestSkip();
                m_skipNext = true;
                break;
            }
        }
        m_slot = &(*frame.value)[std::move(k)];
        break;
    }
    return true;
}

JsonValue* JsonStreamHandler::place(JsonValue&& v, bool& root, JsonStreamItem::Container& container)
{
    Frame& frame = m_frames.back();
    switch (frame.kind) {
    case FrameKind::Top:
        if (!m_topSelection)
            return nullptr;
        if (m_topSelection->whole || !(v.is_object() || v.is_array())) {
            m_memberKey.clear();
            m_memberOffset = m_topKeyOffset;
            m_root = std::move(v);
            root = true;
            container = JsonStreamItem::Container::None;
            return &m_root;
        }
        return nullptr; // a members container: the caller pushes a Members frame
    case FrameKind::Members:
        if (!frame.object) {
            m_memberKey = std::to_string(m_memberIndex++);
            m_memberOffset = std::max<qint64>(0, offset() - 1);
        }
        m_root = std::move(v);
        root = true;
        container = frame.object ? JsonStreamItem::Container::Object : JsonStreamItem::Container::Array;
        return &m_root;
    case FrameKind::Build:
        if (frame.object) {
            *m_slot = std::move(v);
            return m_slot;
        }
        frame.value->push_back(std::move(v));
        return &frame.value->back();
    }
    return nullptr;
}

bool JsonStreamHandler::open(bool object)
{
    checkpoint();
    const qint64 depth = qint64(m_frames.size()) + m_skipDepth + 1;
    if (depth > m_reader.m_maxDepth) {
        throw m_reader.errorAt(
            offset(), QStringLiteral("nesting deeper than %1 levels is not supported").arg(m_reader.m_maxDepth));
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
        if (!object || m_done)
            throw m_reader.errorAt(offset() - 1, QStringLiteral("expected a JSON object at the top level"));
        m_frames.push_back({FrameKind::Top, true});
        return true;
    }
    const FrameKind parent = m_frames.back().kind;
    if (parent == FrameKind::Top) {
        if (!m_topSelection) {
            m_skipDepth = 1;
            return true;
        }
        if (!m_topSelection->whole) {
            m_memberIndex = 0;
            m_frames.push_back({FrameKind::Members, object});
            return true;
        }
    }
    bool root = false;
    JsonStreamItem::Container container = JsonStreamItem::Container::None;
    // The fields this value keeps: a member starts at the selection's root filter; an object's
    // field takes what key() found for it; an array's elements take the array's.
    int filter = -1;
    if (parent == FrameKind::Members)
        filter = m_topSelection->filters.empty() ? -1 : 0;
    else if (parent == FrameKind::Build)
        filter = m_frames.back().object ? m_childFilter : m_frames.back().filter;
    JsonValue* target = place(object ? JsonValue::object() : JsonValue::array(), root, container);
    m_frames.push_back({FrameKind::Build, object, root, filter, target});
    if (root)
        m_rootContainer = container;
    return true;
}

bool JsonStreamHandler::close()
{
    checkpoint();
    if (m_skipDepth > 0) {
        --m_skipDepth;
        return true;
    }
    const Frame frame = m_frames.back();
    m_frames.pop_back();
    if (frame.kind == FrameKind::Top) {
        m_done = true;
        return true;
    }
    if (frame.kind == FrameKind::Build && frame.root)
        deliver(m_rootContainer);
    if (m_frames.back().kind == FrameKind::Top)
        endSection();
    return true;
}

void JsonStreamHandler::deliver(JsonStreamItem::Container container)
{
    JsonStreamItem item;
    item.topKey = m_topKey;
    item.memberKey = m_memberKey;
    item.container = container;
    item.value = std::move(m_root);
    item.offset = m_memberOffset;
    m_root = JsonValue();
    m_callback(item);
}

void JsonStreamReader::selectMembers(const std::string& key, std::vector<std::string> keepFields,
                                     std::function<bool(std::string_view)> wanted)
{
    Selection selection;
    selection.wanted = std::move(wanted);
    // "a/b/c" keeps c inside b inside a (and whatever lies below c); "*" matches any key.
    for (const auto& path : keepFields) {
        if (selection.filters.empty())
            selection.filters.emplace_back();
        size_t node = 0;
        size_t start = 0;
        for (;;) {
            const size_t slash = path.find('/', start);
            const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            auto& filter = selection.filters[node];
            int& child = part == "*" ? filter.any : filter.fields.try_emplace(part, kDrop).first->second;
            if (slash == std::string::npos) {
                child = kKeepAll;
                break;
            }
            if (child == kKeepAll)
                break; // a shorter path keeps all of it already
            if (child == kDrop)
                child = int(selection.filters.size());
            node = size_t(child); // before emplace_back, which invalidates child
            if (node == selection.filters.size())
                selection.filters.emplace_back();
            start = slash + 1;
        }
    }
    m_selections[key] = std::move(selection);
}

void JsonStreamReader::selectWhole(const std::string& key)
{
    Selection selection;
    selection.whole = true;
    m_selections[key] = std::move(selection);
}

void readFileBytes(const QString& path, const std::function<void(QByteArrayView data, bool mapped)>& read)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    const qint64 size = file.size();
    if (size == 0) {
        read({}, false);
        return;
    }
    uchar* mapped = file.map(0, size);
    if (mapped) {
        // Unmapped on every exit; QFile also unmaps on destruction.
        const auto unmap = qScopeGuard([&file, mapped] { file.unmap(mapped); });
        read(QByteArrayView(reinterpret_cast<const char*>(mapped), size), true);
        return;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() != size)
        throw ImportError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    read(bytes, false);
}

void ParsedPages::releaseBefore(qint64 end)
{
#ifdef Q_OS_UNIX
    if (!m_mapped)
        return;
    static const qint64 page = sysconf(_SC_PAGESIZE);
    const qint64 releaseEnd = (end / page) * page;
    if (releaseEnd > m_released) {
        madvise(const_cast<char*>(m_base) + m_released, size_t(releaseEnd - m_released), MADV_DONTNEED);
        m_released = releaseEnd;
    }
#else
    Q_UNUSED(end)
#endif
}

void JsonStreamReader::readFile(const QString& path, const Callback& callback)
{
    readFileBytes(path, [&](QByteArrayView data, bool mapped) {
        m_mappedRead = mapped;
        const auto reset = qScopeGuard([this] { m_mappedRead = false; });
        readBuffer(data, path, callback);
    });
}

void JsonStreamReader::readBuffer(QByteArrayView data, const QString& name, const Callback& callback)
{
    m_data = data;
    m_name = name;
    static const char empty = 0;
    const char* base = data.isEmpty() ? &empty : data.data();
    JsonCursor cursor;
    cursor.pos = base;
    cursor.end = base + data.size();
    cursor.fail = [this, base](const JsonSkipResult& r) {
        QString reason = r.error;
        if (reason.startsWith(QLatin1String("nesting")))
            reason = QStringLiteral("nesting deeper than %1 levels is not supported").arg(m_maxDepth);
        throw errorAt(qint64(r.errorAt - base), reason);
    };
    JsonStreamHandler handler(*this, callback, cursor, base, data.size(), m_mappedRead);
    SkippingIterator first(base, &cursor);
    SkippingIterator last(base + data.size(), &cursor);
    JsonValue::sax_parse(first, last, &handler);
    if (m_progress)
        m_progress(data.size());
}

ImportError JsonStreamReader::errorAt(qint64 offset, const QString& reason) const
{
    const auto [line, column] = lineColumn(m_data, offset);
    return ImportError(m_name, reason, line, column, offset);
}

std::pair<qint64, qint64> JsonStreamReader::lineColumn(QByteArrayView data, qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, data.size());
    qint64 line = 1;
    qint64 lineStart = 0;
    const char* p = data.data();
    const char* end = p + offset;
    while (p && p < end) {
        const void* nl = std::memchr(p, '\n', size_t(end - p));
        if (!nl)
            break;
        ++line;
        p = static_cast<const char*>(nl) + 1;
        lineStart = qint64(p - data.data());
    }
    return {line, offset - lineStart + 1};
}

QString JsonStreamReader::readableParseError(const std::string& what)
{
    QString text = QString::fromStdString(what);
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while
    // parsing object - unexpected end of input; expected string literal"
    const qsizetype column = text.indexOf(QLatin1String(", column "));
    if (column >= 0) {
        const qsizetype colon = text.indexOf(QLatin1String(": "), column);
        if (colon >= 0)
            text = text.mid(colon + 2);
    } else if (text.startsWith(u'[')) {
        text = text.mid(text.indexOf(u']') + 1).trimmed();
    }
    const QLatin1String prefix("syntax error while parsing ");
    if (!text.startsWith(prefix))
        return QStringLiteral("invalid JSON: ") + text;
    const qsizetype dash = text.indexOf(QLatin1String(" - "));
    if (dash < 0)
        return QStringLiteral("invalid JSON: ") + text;
    const QString what_ = text.mid(prefix.size(), dash - prefix.size());
    QString detail = text.mid(dash + 3);
    const QLatin1String eof("unexpected end of input");
    if (detail.startsWith(eof))
        return QStringLiteral("invalid JSON: the file ends in the middle of a %1 (truncated?)%2")
            .arg(what_, detail.mid(eof.size()));
    return QStringLiteral("invalid JSON while parsing a %1: %2").arg(what_, detail);
}

} // namespace sightline
