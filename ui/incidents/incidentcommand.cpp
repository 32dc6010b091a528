#include "incidentcommand.h"

#include "incidents/workflow.h"

namespace sightline::ui {

IncidentCommand::IncidentCommand(IncidentWriter* writer, const QString& text, IncidentWriter::Change change)
    : QUndoCommand(text)
    , m_writer(writer)
    , m_change(std::move(change))
    , m_state(std::make_shared<State>())
{
}

void IncidentCommand::redo()
{
    m_writer->submit([state = m_state, change = m_change](IncidentWorkflow& workflow) {
        if (!state->done) {
            state->done = true;
            state->original = change(workflow);
            state->applied = state->original;
            return state->applied;
        }
        state->applied = workflow.reapply(state->original);
        return state->applied;
    });
}

void IncidentCommand::undo()
{
    m_writer->submit([state = m_state](IncidentWorkflow& workflow) {
        if (state->applied.isEmpty())
            return QList<qint64>();
        const QList<qint64> events = workflow.revert(state->applied);
        state->applied.clear();
        return events;
    });
}

} // namespace sightline::ui
