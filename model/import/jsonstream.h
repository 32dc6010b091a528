#pragma once

#include "import/importer.h"

#include <QByteArrayView>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sightline {

// Small DOMs handed to importers. Ordered, because the order of members can matter (dbt lists
// a model's columns in their ordinal order).
using JsonValue = nlohmann::ordered_json;

// One value the stream delivers: a member (or element) of a selected top-level key, or a whole
// selected top-level value.
struct JsonStreamItem
{
    enum class Container
    {
        Object, // memberKey is the member's name
        Array, // memberKey is the element's index
        None, // a whole value (selectWhole, or a scalar where members were expected)
    };
    std::string_view topKey;
    std::string_view memberKey;
    Container container = Container::None;
    JsonValue value; // the callback may move it away
    qint64 offset = 0; // byte offset of the member (its key, or its first byte)
};

// Streams a large JSON document whose top level is an object, building DOMs only for the parts
// a caller selects: each member of selected keys (dbt's `nodes`) or whole selected values
// (`metadata`). Everything else (dbt's `macros`, `docs`) is skipped without being built, or even
// lexed: a skipped value is stepped over at memory speed and checked for structure only. Built
// on nlohmann's SAX parser over a memory-mapped file; nesting depth and string size are bounded.
// Progress is reported in bytes, and a cancellation predicate is checked, about every megabyte.
class JsonStreamReader
{
public:
    using Callback = std::function<void(JsonStreamItem& item)>;

    // Deliver every member of key's object (or element of its array). keepFields, if not
    // empty, limits which fields of each member object are built: paths like "name",
    // "config/meta" or "columns/*/data_type" ("*": any key). wanted, if set, limits which members
    // (by key) are delivered at all. What is not wanted is stepped over without being parsed
    // (only checked for balanced brackets, closed strings and valid literals).
    void selectMembers(const std::string& key, std::vector<std::string> keepFields = {},
                       std::function<bool(std::string_view memberKey)> wanted = {});
    void selectWhole(const std::string& key);

    void setMaxDepth(int depth)
    {
        m_maxDepth = depth;
    }
    void setMaxStringSize(qint64 bytes)
    {
        m_maxString = bytes;
    }
    void setProgress(std::function<void(qint64 bytesDone)> progress, qint64 interval = 1 << 20)
    {
        m_progress = std::move(progress);
        m_interval = interval;
    }
    void setCancelled(std::function<bool()> cancelled)
    {
        m_cancelled = std::move(cancelled);
    }
    // Called when the value of a selected top-level key has been read completely.
    void setSectionEnd(std::function<void(std::string_view topKey)> sectionEnd)
    {
        m_sectionEnd = std::move(sectionEnd);
    }

    // Throws ImportError (naming path, line and column) on malformed input or a violated bound,
    // ImportCancelled when cancelled, and whatever the callback throws.
    void readFile(const QString& path, const Callback& callback);
    // The same over bytes in memory; name is used in error messages.
    void readBuffer(QByteArrayView data, const QString& name, const Callback& callback);

    // For callbacks: an ImportError at a byte offset of the document being read, with the
    // offset turned into line and column.
    ImportError errorAt(qint64 offset, const QString& reason) const;

    // Line (1-based) and column (1-based, in bytes) of a byte offset in data.
    static std::pair<qint64, qint64> lineColumn(QByteArrayView data, qint64 offset);
    // nlohmann's exception text without its "[json.exception...] parse error at ..." prefix.
    static QString readableParseError(const std::string& what);

private:
    static constexpr int kKeepAll = -1;
    static constexpr int kDrop = -2;
    // The fields kept at one level: each maps to the filter of the level below (an index into
    // Selection::filters), or to kKeepAll; any other key maps to `any`.
    struct FieldFilter
    {
        std::unordered_map<std::string, int> fields;
        int any = kDrop;
    };
    struct Selection
    {
        bool whole = false;
        std::vector<FieldFilter> filters; // [0] applies to each member; empty: keep all
        std::function<bool(std::string_view)> wanted;
    };
    std::unordered_map<std::string, Selection> m_selections;
    int m_maxDepth = 512;
    qint64 m_maxString = qint64(64) << 20;
    qint64 m_interval = 1 << 20;
    std::function<void(qint64)> m_progress;
    std::function<bool()> m_cancelled;
    std::function<void(std::string_view)> m_sectionEnd;

    // The document being read, for errorAt().
    QByteArrayView m_data;
    QString m_name;
    bool m_mappedRead = false;

    friend class JsonStreamHandler;
};

// The part of an nlohmann SAX handler that every streaming reader here writes alike: the value
// types, each scalar event handed on to Derived::scalar(make), where make() builds the value (so
// a value that is skipped is never built), and each container event to Derived::open(bool
// object) or Derived::close(). Derived adds string(), key() and parse_error(), and befriends this
// class if those hooks are private.
template<class Derived>
class JsonSaxHandler
{
public:
    using number_integer_t = JsonValue::number_integer_t;
    using number_unsigned_t = JsonValue::number_unsigned_t;
    using number_float_t = JsonValue::number_float_t;
    using string_t = JsonValue::string_t;
    using binary_t = JsonValue::binary_t;

    bool null()
    {
        return self().scalar([] { return JsonValue(nullptr); });
    }
    bool boolean(bool v)
    {
        return self().scalar([v] { return JsonValue(v); });
    }
    bool number_integer(number_integer_t v)
    {
        return self().scalar([v] { return JsonValue(v); });
    }
    bool number_unsigned(number_unsigned_t v)
    {
        return self().scalar([v] { return JsonValue(v); });
    }
    bool number_float(number_float_t v, const string_t&)
    {
        return self().scalar([v] { return JsonValue(v); });
    }
    bool binary(binary_t&)
    {
        return true; // not produced by the JSON parser
    }
    bool start_object(std::size_t)
    {
        return self().open(true);
    }
    bool start_array(std::size_t)
    {
        return self().open(false);
    }
    bool end_object()
    {
        return self().close();
    }
    bool end_array()
    {
        return self().close();
    }

private:
    Derived& self()
    {
        return static_cast<Derived&>(*this);
    }
};

// The bytes of a file for a streaming reader: memory-mapped where possible (mapped is then true,
// and the pages already parsed may be dropped with ParsedPages), else read whole. Throws
// ImportError naming path when the file cannot be read, and passes on whatever read throws.
void readFileBytes(const QString& path, const std::function<void(QByteArrayView data, bool mapped)>& read);

// Drops the pages of a memory-mapped file that were parsed and are not needed again (short of an
// error message, which reads them back from the file), so a large file does not count fully
// against resident memory. Does nothing for bytes that are not a mapping.
class ParsedPages
{
public:
    ParsedPages(const char* base, bool mapped)
        : m_base(base)
        , m_mapped(mapped)
    {
    }
    // Releases the whole pages that end before byte offset end.
    void releaseBefore(qint64 end);

private:
    const char* m_base;
    bool m_mapped;
    qint64 m_released = 0;
};

} // namespace sightline
