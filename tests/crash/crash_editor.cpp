// Edits one incident as fast as it can until it is killed: a comment per step and, every
// other step, the next status of a cycle (acknowledged, investigating, fixed, reopened). After
// each call returns, i.e. after its transaction committed, it prints "ack STEP EVENT_ID..." and
// flushes: what it printed is what a user was told had been saved.
// Usage: crash_editor WORKSPACE INCIDENT_ID
#include "incidents/incidentstore.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QCoreApplication>

#include <cstdio>

using namespace sightline;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: crash_editor WORKSPACE INCIDENT_ID\n");
        return 1;
    }
    auto ws = Workspace::open(QString::fromLocal8Bit(argv[1]), Workspace::OpenMode::ReadWrite);
    const qint64 id = QByteArray(argv[2]).toLongLong();
    IncidentWorkflow workflow(ws->db(), QStringLiteral("crash-test"));
    IncidentStore store(ws->db());
    // The step after the current status: a killed predecessor may have left any of them.
    const auto nextStatus = [&store, id] {
        switch (store.incident(id)->status) {
        case IncidentStatus::Open:
            return IncidentStatus::Acknowledged;
        case IncidentStatus::Acknowledged:
            return IncidentStatus::Investigating;
        case IncidentStatus::Investigating:
            return IncidentStatus::Fixed;
        default:
            return IncidentStatus::Open;
        }
    };
    for (qint64 step = 0;; ++step) {
        QList<qint64> events = workflow.comment(id, QStringLiteral("edit %1").arg(step));
        if (step % 2 == 1) {
            events += workflow.setStatus(id, nextStatus(), QStringLiteral("reason %1").arg(step));
        }
        QByteArray line = "ack " + QByteArray::number(step);
        for (qint64 e : events)
            line += ' ' + QByteArray::number(e);
        line += '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }
}
