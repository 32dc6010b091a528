#pragma once

#include "import/importer.h"
#include "import/jsonstream.h"

#include <QDateTime>
#include <QSet>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace sightline::snapshot {

// One sightline-snapshot file. Two passes over the memory-mapped file: the first reads only the
// header (format, version, source, captured_at; it stops as soon as it has them), so the source
// can begin before any asset, wherever the writer put the header; the second streams the arrays
// element by element, validating each against the schema before it reaches the sink.
class SnapshotImport
{
public:
    SnapshotImport(const ImportContext& context, ImportSink& sink);
    void run();

private:
    void readHeader();
    void onItem(JsonStreamItem& item);
    void onSectionEnd(std::string_view key);
    [[noreturn]] void fail(qint64 offset, const QString& reason) const;
    QDateTime time(const JsonValue& object, const char* field, const std::string& pointer, qint64 offset) const;

    void readAsset(const JsonValue& v);
    void readEdge(const JsonValue& v);
    void readColumnEdge(const JsonValue& v);
    void readObservation(const JsonValue& v, const std::string& pointer, qint64 offset);
    void readResult(const JsonValue& v, const std::string& pointer, qint64 offset);
    void flushPending();
    void ensureSource();
    void warnUnknown(const std::vector<std::string>& unknown);

    const ImportContext& m_context;
    ImportSink& m_sink;
    JsonStreamReader m_reader;
    std::map<std::string, JsonValue> m_header;
    std::map<std::string, qint64> m_headerOffsets;
    QString m_source;
    QDateTime m_capturedAt;
    bool m_sourceBegun = false; // begun with the first entity: an empty snapshot retires nothing

    // Lineage, observations and results that come before the assets wait for them: the sink only
    // takes edges between assets it knows.
    bool m_assetsDone = false;
    std::vector<Edge> m_pendingEdges;
    std::vector<ColumnEdge> m_pendingColumnEdges;
    std::vector<Observation> m_pendingObservations;
    std::vector<RunResult> m_pendingResults;
    QSet<QString> m_warnedFields;
};

// The key an asset reference resolves to: system keys (with a ':') as written; anything else is a
// relation, normalised like every importer's relationKey (quotes stripped, case-folded).
QString normaliseKey(const QString& key, QString* database = nullptr, QString* schema = nullptr);

} // namespace sightline::snapshot
