#pragma once

#include "import/importer.h"
#include "import/jsonstream.h"

#include <QByteArrayView>
#include <QString>

#include <functional>
#include <string>
#include <vector>

namespace sightline::openlineage {

// One run event as read: a small DOM of the parts the importer uses (the other facets, such as
// a Spark logical plan of hundreds of kilobytes, are stepped over without being built).
struct Event
{
    JsonValue value;
    int index = 0; // 0-based position in the file
    qint64 offset = 0; // byte offset of its opening brace
    qint64 line = 0; // 1-based line of that brace
    std::string pointer; // JSON pointer of the event in its file: "" for a lone event, "/3" in an array
};

// Reads the run events of a file in any of the forms OpenLineage tooling writes: one event
// object, a JSON array of events, or a sequence of either separated by white space (NDJSON, one
// event per line, is the common case). Built on nlohmann's SAX parser over a memory-mapped file;
// nesting depth and string size are bounded, cancellation is checked about every megabyte.
class EventReader
{
public:
    using Callback = std::function<void(Event& event)>;

    static constexpr int kMaxDepth = 512;
    static constexpr qint64 kMaxString = qint64(16) << 20;

    void setProgress(std::function<void(qint64 bytesDone)> progress)
    {
        m_progress = std::move(progress);
    }
    void setCancelled(std::function<bool()> cancelled)
    {
        m_cancelled = std::move(cancelled);
    }

    // Throws ImportError naming the file, line and column on malformed JSON, a value that is not
    // an event where one is expected, or a violated bound; ImportCancelled when cancelled.
    void readFile(const QString& path, const Callback& callback);
    void readBuffer(QByteArrayView data, const QString& name, const Callback& callback);

    ImportError errorAt(qint64 offset, const QString& reason) const;

    // Whether the parts of the event at path (keys from the event down, "*" for array elements)
    // are read; key is the member about to be read.
    static bool keep(const std::vector<std::string>& path, std::string_view key);

private:
    friend class EventHandler;

    std::function<void(qint64)> m_progress;
    std::function<bool()> m_cancelled;
    QByteArrayView m_data;
    QString m_name;
    bool m_mapped = false; // m_data is a read-only mapping of the file: parsed pages may be dropped
};

// What the first event in the first bytes of a file shows, for detection. Truncation (the head
// ends inside the first event) is expected and not an error.
struct HeadScan
{
    bool array = false; // the events are in a JSON array
    bool eventTime = false;
    bool eventType = false; // with a value of the spec's enum
    bool run = false;
    bool job = false;
    bool producer = false; // producer or schemaURL
    bool inputsOrOutputs = false;
};
HeadScan scanHead(QByteArrayView head);

} // namespace sightline::openlineage
