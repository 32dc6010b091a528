#pragma once

#include "import/importer.h"

#include <QStringList>

namespace sightline::test {

// Records every call an importer makes, one readable line each, for exact comparisons without
// a workspace in between.
class RecordingSink : public ImportSink
{
public:
    QStringList sources;
    QList<Asset> assets;
    QStringList edges; // "from -> to"
    QStringList columnEdges;
    QStringList observations; // "asset[.column] metric=value @ISO"
    QStringList results;
    QStringList warnings;
    QStringList aliases; // "alias = key"

    void beginSource(const QString& sourceId, const QDateTime& capturedAt) override
    {
        sources.append(sourceId + u'@' + capturedAt.toString(Qt::ISODate));
    }
    void asset(const Asset& a) override
    {
        assets.append(a);
    }
    void edge(const QString& from, const QString& to) override
    {
        edges.append(from + QStringLiteral(" -> ") + to);
    }
    void warning(const QString& message) override
    {
        warnings.append(message);
    }
    void observation(const Observation& o) override
    {
        observations.append(o.assetKey + (o.column.isEmpty() ? QString() : u'.' + o.column) + u' ' + o.metric + u'='
                            + QString::number(o.value, 'g', 12) + u'@' + o.at.toString(Qt::ISODate));
    }
    void columnEdge(const ColumnEdge& e) override
    {
        columnEdges.append(e.fromKey + u'.' + e.fromColumn + QStringLiteral(" -> ") + e.toKey + u'.' + e.toColumn + u' '
                           + e.transformation);
    }
    void runResult(const RunResult& r) override
    {
        results.append(r.assetKey + u' ' + QString::number(int(r.kind)) + u' ' + r.name + u' ' + r.column + u' '
                       + r.status + u'@' + r.at.toString(Qt::ISODate) + u' ' + QString::number(r.durationSeconds) + u' '
                       + r.message);
    }

    void assetAlias(const QString& alias, const QString& key) override
    {
        aliases.append(alias + QStringLiteral(" = ") + key);
    }

    const Asset* find(const QString& key) const
    {
        for (const auto& a : assets) {
            if (a.key == key)
                return &a;
        }
        return nullptr;
    }
};

} // namespace sightline::test
