#pragma once

#include "import/importer.h"

namespace sightline::fuzz {

// An ImportSink that keeps nothing but counts, and touches every string it is handed, so the
// sanitizers see each value an importer produces without a workspace in the way.
class CountingSink : public ImportSink
{
public:
    qsizetype calls = 0;
    qsizetype characters = 0;

    void beginSource(const QString& sourceId, const QDateTime&) override
    {
        touch(sourceId);
    }
    void asset(const Asset& asset) override
    {
        touch(asset.key);
        touch(asset.name);
        for (const auto& c : asset.columns)
            touch(c.name);
    }
    void edge(const QString& fromKey, const QString& toKey) override
    {
        touch(fromKey);
        touch(toKey);
    }
    void warning(const QString& message) override
    {
        touch(message);
    }
    void observation(const Observation& observation) override
    {
        touch(observation.assetKey);
        touch(observation.metric);
    }
    void columnEdge(const ColumnEdge& edge) override
    {
        touch(edge.fromKey);
        touch(edge.toColumn);
    }
    void runResult(const RunResult& result) override
    {
        touch(result.assetKey);
        touch(result.status);
    }
    void assetAlias(const QString& alias, const QString& key) override
    {
        touch(alias);
        touch(key);
    }

private:
    void touch(const QString& s)
    {
        ++calls;
        characters += s.size();
    }
};

} // namespace sightline::fuzz
