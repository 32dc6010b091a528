#pragma once

#include "incidents/incident.h"

#include <QList>
#include <QString>

namespace sightline {
class Workspace;
}

namespace bench {

// One anomaly injected at a known time: what a detector should find.
struct Injection
{
    QString key;
    QString type; // deletion, collapse, spike, loss, stall, late, schema, distribution, test
    sightline::IncidentKind kind;
    qint64 at = 0; // ms
};

struct CorpusTable
{
    QString key;
    QString pattern; // append, rebuilt, weekday, static, noisy
    bool clean = true; // nothing injected
};

struct Corpus
{
    QList<CorpusTable> tables;
    QList<Injection> injections;
    qint64 start = 0;
    int days = 0;
};

struct CorpusOptions
{
    quint32 seed = 1;
    int tablesPerPattern = 20;
    int days = 70;
    double injectedShare = 0.5; // of the tables get one anomaly each
};

// Simulates the tables (loads, seasonality, slow growth, noise, injected anomalies) and writes
// them as captures every 6 hours through the workspace writer.
Corpus generateCorpus(sightline::Workspace& ws, const CorpusOptions& options);

} // namespace bench
