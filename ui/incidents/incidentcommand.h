#pragma once

#include "incidentwriter.h"

#include <QUndoCommand>

#include <memory>

namespace sightline::ui {

// One triage action on the undo stack. The first redo() queues the change itself; undo() queues
// a revert of the events it appended (new events restoring the old values) and a later redo()
// re-applies the original events. Each runs on the writer's worker, in order, so the ids of the
// events to revert are known by the time the revert runs (they live in shared state that only
// the worker touches).
class IncidentCommand : public QUndoCommand
{
public:
    IncidentCommand(IncidentWriter* writer, const QString& text, IncidentWriter::Change change);

    void undo() override;
    void redo() override;

private:
    struct State
    {
        QList<qint64> original; // appended by the change itself
        QList<qint64> applied; // the events currently in effect (original or a re-application)
        bool done = false;
    };
    IncidentWriter* m_writer;
    IncidentWriter::Change m_change;
    std::shared_ptr<State> m_state;
};

} // namespace sightline::ui
