#pragma once

#include "import/importer.h"
#include "store/sqlite.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QDateTime>

#include <functional>

// Writes constructed histories into a real workspace, one snapshot per capture, through the
// same WorkspaceWriter (ImportSink) the importers use. Shared by tests/detect and the benchmark.
class HistoryWriter
{
public:
    explicit HistoryWriter(sightline::Workspace& ws)
        : m_ws(ws)
    {
    }

    // One capture: fill reports assets, observations and results captured at `at`.
    void capture(const QDateTime& at, const std::function<void(sightline::WorkspaceWriter&)>& fill)
    {
        sightline::sql::Transaction transaction(m_ws.db());
        auto stmt = m_ws.db().prepare("INSERT INTO snapshot (format, source_path, content_hash, captured_at, "
                                      "imported_at) VALUES ('test', 'generated', ?1, ?2, 0)");
        stmt.bind(1, QStringLiteral("h%1").arg(++m_count)).bind(2, sightline::toStoredTime(at));
        stmt.exec();
        sightline::WorkspaceWriter writer(m_ws, m_ws.db().lastInsertRowId());
        writer.beginSource(QStringLiteral("generated"), at);
        fill(writer);
        writer.finish();
        transaction.commit();
    }

    static sightline::Asset table(const QString& key, sightline::AssetKind kind = sightline::AssetKind::Table)
    {
        sightline::Asset a;
        a.key = key;
        a.kind = kind;
        a.platform = QStringLiteral("bigquery");
        a.name = key.section(u'.', -1);
        a.systems = {QStringLiteral("bigquery")};
        return a;
    }

    static sightline::Observation obs(const QString& key, const QString& metric, const QDateTime& at, double value,
                                      const QString& column = {})
    {
        sightline::Observation o;
        o.assetKey = key;
        o.column = column;
        o.metric = metric;
        o.at = at;
        o.value = value;
        return o;
    }

private:
    sightline::Workspace& m_ws;
    int m_count = 0;
};
