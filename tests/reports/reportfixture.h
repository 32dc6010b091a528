#pragma once

#include "lineage/lineagegraph.h"
#include "store/workspace.h"

#include <QString>

#include <memory>

// A small estate with hostile metadata everywhere a report prints input: markup, quotes, RTL
// text, very long names; one incident on it with a timeline.
struct HostileEstate
{
    std::unique_ptr<sightline::Workspace> workspace;
    std::shared_ptr<const sightline::LineageGraph> graph;
    qint64 incidentId = 0;

    static QString longName();
    static HostileEstate create(const QString& path);
};
