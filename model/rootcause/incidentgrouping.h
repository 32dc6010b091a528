#pragma once

#include "rootcause/rootcause.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sightline {

class Workspace;

// Incidents that share one upstream cause: one root, many symptoms.
struct GroupProposal
{
    QString rootKey; // the asset where it started
    QList<qint64> incidentIds; // every member, the root's own incidents included; ascending
    QString explanation;
};

struct GroupingOptions
{
    RootCauseOptions rootCause;
    double minScore = 0.3; // a top candidate weaker than this groups nothing
};

// For each unresolved, ungrouped incident, its best-ranked cause; incidents whose best cause is
// the same asset form one proposal, together with that asset's own incidents in the look-back
// window. Only proposals with at least two incidents are returned, by root key.
QList<GroupProposal> proposeGroups(Workspace& workspace, const LineageGraph& graph,
                                   const GroupingOptions& options = {});

// Stores a proposal as an incident_group and points its members at it, in one transaction; each
// member gets a "group" event (old: its previous group id or empty, new: the group id). at: when
// (data time for automatic grouping, the wall clock for a person's action). Returns the group id.
qint64 applyGroup(Workspace& workspace, const GroupProposal& proposal, const QString& actor, const QDateTime& at);

// Undoes applyGroup: members go back to their previous group (from their "group" events), each
// with a "group" event, and the group row is deleted. Returns how many incidents changed.
int undoGroup(Workspace& workspace, qint64 groupId, const QString& actor, const QDateTime& at);

// Proposes and applies in one go; returns the new group ids.
QList<qint64> groupIncidents(Workspace& workspace, const LineageGraph& graph, const QString& actor, const QDateTime& at,
                             const GroupingOptions& options = {});

} // namespace sightline
