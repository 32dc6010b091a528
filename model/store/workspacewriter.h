#pragma once

#include "import/importer.h"
#include "store/reportedentity.h"
#include "store/sqlite.h"

#include <QHash>
#include <QSet>

#include <array>

namespace sightline {

class Workspace;

// Writes one snapshot into a workspace. The caller owns the transaction; the writer only
// prepares statements once and reuses them, so it streams large imports at insert speed.
class WorkspaceWriter : public ImportSink
{
public:
    WorkspaceWriter(Workspace& workspace, qint64 snapshotId);

    void beginSource(const QString& sourceId, const QDateTime& capturedAt) override;
    void asset(const Asset& asset) override;
    void edge(const QString& fromKey, const QString& toKey) override;
    void warning(const QString& message) override;
    void observation(const Observation& observation) override;
    void columnEdge(const ColumnEdge& edge) override;
    void runResult(const RunResult& result) override;
    void assetAlias(const QString& alias, const QString& key) override;

    // Settles which source reports what (see settleReports) and writes the counts: a writer
    // whose finish() is not called leaves the reports of this snapshot unwritten.
    void finish();

    int assetCount() const
    {
        return m_assetCount;
    }
    int edgeCount() const
    {
        return m_edgeCount;
    }
    int columnCount() const
    {
        return m_columnCount;
    }
    int observationCount() const
    {
        return m_observationCount;
    }
    int resultCount() const
    {
        return m_resultCount;
    }
    int columnEdgeCount() const
    {
        return m_columnEdgeCount;
    }
    QStringList warnings() const
    {
        return m_warnings;
    }
    QDateTime capturedAt() const
    {
        return m_capturedAt;
    }

private:
    // The mergeable columns of an asset row, in the order of the asset table (kind first,
    // systems last), as text: what asset.merge_hash hashes.
    static constexpr int MergeFieldCount = 12;
    using MergeFields = std::array<QString, MergeFieldCount>;
    // A key's row id and the stored row's merge hash (0: unknown, e.g. a row written before
    // schema v5 or edited since): an incoming asset whose hash equals it changes nothing, so most
    // assets of a capture cost no statement and the key map is three narrow columns to load.
    struct StoredAsset
    {
        qint64 id = 0;
        qint64 hash = 0;
    };
    static qint64 mergeHash(const MergeFields& fields);
    // A list field as stored (JSON text), with the last list encoded.
    struct ListJson
    {
        QStringList list;
        QString json;
    };
    static const QString& cachedJson(ListJson& cache, const QStringList& list);
    void loadKeys();
    // The stored asset an incoming asset under a new key is: the one its key is an alias of, or
    // the BI content at the same web address (a dbt exposure and its Looker dashboard); the
    // incoming key becomes an alias of it. m_keys.end() when none.
    QHash<QString, StoredAsset>::iterator findSameAsset(const Asset& incoming);
    void loadEdges();
    // Opens the reports of what each source of this snapshot reported and had not, closes
    // those it no longer reports and retires entities no source reports; returns how many
    // reports closed. `touched` (per source, the ids reported) is consumed.
    int settleReports(const ReportedEntity& entity, QHash<QString, QList<qint64>>& touched);
    // Fills temp.writer_ids with the ids (sorted).
    void fillIdTable(const QList<qint64>& ids);
    // The asset's row id by key or alias; 0 when unknown.
    qint64 resolve(const QString& keyOrAlias) const;
    // Notes a measurement or result for an unknown asset (a warning for the first few).
    void unknownAsset(const QString& key, const char* what);
    // isNew: the asset row was inserted by this writer, so it has no columns or schema yet.
    void writeColumns(qint64 assetId, const QList<Column>& columns, bool isNew);
    void writeDocumentedColumns(qint64 assetId, const QList<Column>& columns, bool isNew);
    void replaceColumns(qint64 assetId, const QList<Column>& columns, bool keepDescriptions);

    sql::Database& m_db;
    qint64 m_snapshot;
    QString m_source;
    QDateTime m_capturedAt;
    QHash<QString, StoredAsset> m_keys;
    QHash<QString, qint64> m_aliases;
    // contentUrlKey -> key of the asset at that address.
    QHash<QString, QString> m_contentUrls;
    QHash<QPair<qint64, qint64>, qint64> m_edges;
    bool m_edgesLoaded = false;
    // Per source: ids of the assets and edges it reported in this snapshot.
    QHash<QString, QList<qint64>> m_touchedAssets;
    QHash<QString, QList<qint64>> m_touchedEdges;
    QSet<QString> m_sources;
    ListJson m_tagsJson;
    ListJson m_systemsJson;
    bool m_idTableReady = false;
    int m_assetCount = 0;
    int m_edgeCount = 0;
    int m_columnCount = 0;
    QStringList m_warnings;
    int m_droppedEdges = 0;
    int m_observationCount = 0;
    // The last asset key an observation resolved, and UTF-8 of metric and column names.
    QString m_lastKey;
    qint64 m_lastKeyId = 0;
    QHash<QString, QByteArray> m_names;
    // Days this writer has made sure are listed in observation_day.
    QSet<qint64> m_days;
    qint64 m_lastDay = -1;
    int m_resultCount = 0;
    int m_columnEdgeCount = 0;
    int m_unknownAssets = 0;

    sql::Statement m_insertAsset;
    sql::Statement m_updateAsset;
    sql::Statement m_selectAsset;
    sql::Statement m_setMergeHash;
    sql::Statement m_deleteColumns;
    sql::Statement m_insertColumn;
    sql::Statement m_lastSchema;
    sql::Statement m_insertSchema;
    sql::Statement m_upsertEdge;
    sql::Statement m_insertObservation;
    sql::Statement m_insertDay;
    sql::Statement m_insertColumnEdge;
    sql::Statement m_insertResult;
    sql::Statement m_upsertAlias;
    sql::Statement m_selectColumns;
    sql::Statement m_updateColumnDescription;
};

} // namespace sightline
