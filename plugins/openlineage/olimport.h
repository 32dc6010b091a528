#pragma once

#include "core/asset.h"
#include "import/importer.h"
#include "oleventreader.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

#include <string_view>
#include <vector>

namespace sightline::openlineage {

// One import of a file of run events. Events are incremental (each describes one run, often
// only part of it: Marquez's COMPLETE events repeat neither inputs nor facets), so everything is
// gathered first and written once at the end: each asset once, with the newest event's word on
// every field it has, and edges only after both of their ends.
class EventImport
{
public:
    EventImport(const ImportContext& context, ImportSink& sink);

    void run();

    static constexpr int kMaxColumns = 10000; // per dataset; the rest is dropped with a warning
    static constexpr int kMaxWarnings = 100;

private:
    struct AssetEntry
    {
        Asset asset;
        QDateTime newest; // the newest event that described it
    };
    struct PendingRun
    {
        RunResult result;
        QString runId;
    };
    struct Place
    {
        const Event& event;
        std::string pointer; // JSON pointer inside the file
    };

    void onEvent(Event& event);
    void readDataset(const Place& at, const JsonValue& dataset, bool output, const QString& jobKey,
                     const QDateTime& time);
    void readJobFacets(const Place& at, const JsonValue& facets, Asset& job);
    void readOwnership(const Place& at, const JsonValue& facet, Asset& asset);
    void readSchema(const Place& at, const JsonValue& facet, Asset& asset);
    void addFields(const Place& at, const JsonValue& fields, const QString& prefix, int depth, Asset& asset,
                   bool& truncated);
    void readColumnLineage(const Place& at, const JsonValue& facet, const QString& toKey);
    void readAssertions(const Place& at, const JsonValue& facet, const QString& key, const QDateTime& time);
    void readMetrics(const Place& at, const JsonValue& facet, const QString& key, const QDateTime& time, int priority);
    void mergeAsset(const Asset& asset, const QDateTime& time);
    void addEdge(const QString& from, const QString& to);
    void addObservation(const QString& key, const QString& column, QStringView metric, const QDateTime& time,
                        double value, int priority);
    void finish();

    // A member that is an object, or null with a warning when it is something else.
    const JsonValue* object(const Place& at, const JsonValue& parent, const char* key);
    const JsonValue* array(const Place& at, const JsonValue& parent, const char* key);
    void warn(const Place& at, const QString& what);
    void warn(const Event& event, std::string_view pointer, const QString& what);

    QString sourceId() const;

    const ImportContext& m_context;
    ImportSink& m_sink;
    EventReader m_reader;

    std::vector<AssetEntry> m_assets; // in the order first seen, for stable output
    QHash<QString, qsizetype> m_assetIndex;
    std::vector<std::pair<QString, QString>> m_edges;
    QSet<QString> m_edgeSet;
    std::vector<std::pair<ColumnEdge, bool>> m_columnEdges; // with: the input is a warehouse relation
    QSet<QString> m_columnEdgeSet;
    std::vector<std::pair<Observation, int>> m_observations; // with priority: output facets win
    QHash<QString, qsizetype> m_observationIndex;
    std::vector<RunResult> m_tests;
    std::vector<PendingRun> m_runs;
    QHash<QString, QDateTime> m_runStarts;
    QSet<QString> m_jobNamespaces;
    QDateTime m_newest;
    int m_events = 0;
    int m_skipped = 0;
    QString m_firstSkipReason;
    int m_warnings = 0;
};

} // namespace sightline::openlineage
