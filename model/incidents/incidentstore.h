#pragma once

#include "incidents/incident.h"
#include "store/sqlite.h"

#include <QHash>
#include <QList>

#include <optional>

namespace sightline {

struct IncidentFilter
{
    QList<IncidentStatus> statuses; // empty: any status
    QList<IncidentKind> kinds; // empty: any kind
    QString assetKey; // empty: any asset
    bool unresolvedOnly = false;
};

// The most severe unresolved incident of one asset: what the lineage view colours a node by.
struct AssetHealth
{
    Severity severity = Severity::Sev4;
    IncidentStatus status = IncidentStatus::Open;
    int unresolved = 0;
};

// Reads and writes incidents and their audit trail on one workspace connection. Each call runs
// in the caller's transaction if one is open, else commits on its own (user edits must be
// durable at once). Throws sql::Error.
class IncidentStore
{
public:
    explicit IncidentStore(sql::Database& db);

    struct Recorded
    {
        qint64 id = 0;
        bool inserted = false;
    };
    // Stores a detected incident unless one with the same fingerprint already exists, in which
    // case the stored one is left as it is (a person may have triaged it) and its id returned.
    // A new incident gets a "detected" event by actor "sightline" at its detectedAt.
    // The asset must exist (throws sql::Error otherwise).
    Recorded record(const Incident& incident);

    std::optional<Incident> incident(qint64 id);
    // Newest detection first, then by id.
    QList<Incident> incidents(const IncidentFilter& filter = {});
    // Oldest first.
    QList<IncidentEvent> events(qint64 incidentId);
    // Appends one event; the caller updates the incident row itself (in one transaction).
    qint64 appendEvent(const IncidentEvent& event);

    // Per asset key, the most severe unresolved incident (ties: the earliest status in the workflow).
    QHash<QString, AssetHealth> health();

private:
    sql::Database& m_db;
};

} // namespace sightline
