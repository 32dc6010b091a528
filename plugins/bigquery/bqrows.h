#pragma once

#include "import/importer.h"

#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace sightline::bq {

using Row = nlohmann::json;

// A flat row (no nested values, no escapes, ASCII only: every __TABLES__, TABLE_STORAGE and
// COLUMNS row of an ordinary project) read without building a DOM: views into the mapped file.
struct FlatRow
{
    enum class Kind
    {
        String,
        Number,
        Null,
        True,
        False,
    };
    struct Field
    {
        std::string_view key;
        Kind kind;
        std::string_view value;
    };
    std::vector<Field> fields;

    // Parses data[0, size) as one flat object; false when it is not one (then the full parser
    // reads it, and reports what is wrong).
    bool parse(const char* data, qint64 size);
};

// One row as the reader delivers it: a parsed DOM, or a flat row.
struct RowView
{
    const Row* json = nullptr;
    const FlatRow* flat = nullptr;
};

// The rows of a `bq query` result as bq writes them: a JSON array of row objects
// (--format=json, or indented with --format=prettyjson), or one row object per line (NDJSON, as
// a BigQuery export job or `jq -c '.[]'` writes it). Rows are cut out of a memory-mapped file by
// a byte scan and parsed one at a time, so memory stays bounded by the largest row, whatever the
// file size. Rows are bounded in size and nesting.
class RowReader
{
public:
    enum class Form
    {
        Array,
        Lines,
    };
    static constexpr qint64 kMaxRowBytes = qint64(8) << 20;
    static constexpr int kMaxDepth = 32;

    explicit RowReader(const ImportContext& context);

    // Calls back for every row, in file order. Throws ImportError on malformed input (naming the
    // file, line and column), ImportCancelled when cancelled, and whatever the callback throws.
    // The first row always comes as a DOM (json set).
    void read(const std::function<void(const RowView& row, qint64 offset)>& callback);

    Form form() const
    {
        return m_form;
    }
    // For callbacks: an error at a byte offset of the file, with line and column.
    ImportError errorAt(qint64 offset, const QString& reason) const;

    // The first row of a file head (up to 64 KiB): for detection. Null when there is none or
    // it cannot be parsed; then *rowText is what there is of it (cut off by the head's end, or
    // malformed). lines tells the form.
    static Row firstRow(const QByteArray& head, bool* lines = nullptr, QByteArray* rowText = nullptr);

private:
    qint64 rowEnd(qint64 start, bool* simple) const;

    const ImportContext& m_context;
    const char* m_data = nullptr;
    qint64 m_size = 0;
    Form m_form = Form::Array;
};

// Typed reads of one row. bq writes every value as a string ("42", "true"); numbers written as
// JSON numbers are accepted as well. Null and absent are the same: no value.
class Fields
{
public:
    Fields(const RowReader& reader, const RowView& row, qint64 offset)
        : m_reader(reader)
        , m_row(row)
        , m_offset(offset)
    {
    }
    bool has(const char* field) const;
    // Text of a string or number field; empty when null or absent. Objects and arrays: error.
    QString text(const char* field) const;
    // A number; nullopt when null, absent, empty, or not a number (then *bad is set).
    std::optional<double> number(const char* field, bool* bad = nullptr) const;
    // A TIMESTAMP ("2024-03-01 06:00:00 UTC", "2024-03-01T06:00:00.123Z", or seconds since the
    // epoch as bq's legacy output writes them: "1.7092728E9"). Invalid when null or unreadable.
    QDateTime timestamp(const char* field) const;
    // Milliseconds since the epoch as an INTEGER column (__TABLES__' creation_time).
    QDateTime millis(const char* field) const;
    const Row* object(const char* field) const;
    const Row* array(const char* field) const;

    [[noreturn]] void fail(const QString& reason) const;

private:
    struct Value
    {
        enum class Kind
        {
            Absent, // or null
            String,
            Number,
            Bool,
            Other, // object or array
        };
        Kind kind = Kind::Absent;
        std::string_view text; // String, Number (flat rows), Bool
        const Row* json = nullptr; // set for values of a DOM row
    };
    Value value(const char* field) const;
    [[noreturn]] void wrongType(const char* field, const char* expected, const Value& v) const;

    const RowReader& m_reader;
    RowView m_row;
    qint64 m_offset;
};

// Parses a TIMESTAMP as bq prints it. Invalid QDateTime when it is not one.
QDateTime parseTimestamp(const QString& text);

} // namespace sightline::bq
