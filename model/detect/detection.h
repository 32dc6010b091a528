#pragma once

#include "incidents/incident.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <functional>

namespace sightline {

class Workspace;

struct DetectionOptions
{
    // Judge the history up to this data time; invalid: the workspace's data time.
    QDateTime asOf;
    // Called now and then with (done, total) assets; return false to cancel (nothing is written).
    std::function<bool(int, int)> progress;
};

struct DetectionReport
{
    QList<Incident> newIncidents; // stored by this run (ids set)
    int assetsChecked = 0;
    int existingIncidents = 0; // found again, already stored: left as they are
    QList<qint64> groups; // incident groups (shared upstream cause) this run created
    // Why a detector stayed silent for an asset (cold start: too little history), one line each.
    QStringList silent;
    bool cancelled = false;
};

// Runs every detector over the workspace's history and stores new incidents (one transaction).
// Deterministic and re-runnable: running it twice on the same data stores nothing the second time.
DetectionReport runDetection(Workspace& workspace, const DetectionOptions& options = {});

} // namespace sightline
