#pragma once

#include "incidents/incident.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <stdexcept>

namespace sightline {

// A change the workflow refuses. The command line maps every reason to exit code 2.
class WorkflowError : public std::runtime_error
{
public:
    enum class Reason
    {
        UnknownIncident,
        IllegalTransition,
        MissingReason,
        InvalidValue,
        UnknownEvent,
    };
    WorkflowError(Reason reason, const QString& message);
    Reason reason() const
    {
        return m_reason;
    }
    QString message() const
    {
        return QString::fromUtf8(what());
    }

private:
    Reason m_reason;
};

// The status workflow of DESIGN.md: open -> acknowledged -> investigating -> a resolution
// (fixed, expected, no_action_needed, false_positive). Steps may be skipped forward (an open
// incident can be resolved at once) but never taken back (undo does that); a resolved incident
// can only be reopened (-> open), also to change its resolution. Setting the current status
// again is refused: it would record nothing.
bool isAllowedTransition(IncidentStatus from, IncidentStatus to);
// Why from -> to is refused, as one sentence; empty when it is allowed.
QString transitionError(IncidentStatus from, IncidentStatus to);

// The statuses reachable from `from` in one step, in workflow order.
QList<IncidentStatus> allowedTransitions(IncidentStatus from);

// Who a person is on the timeline by default: the OS user name (USER / USERNAME), else "unknown".
QString defaultActor();

// The comment of an event that reverts another one ("undo of event 12"); the event it reverts
// (0 if the event is not an undo).
QString undoComment(qint64 revertedEventId);
qint64 revertedEventId(const IncidentEvent& event);

// Every human change to incidents. Each call appends one incident_event per incident it changes
// and updates the incident row in one transaction that commits before the call returns (unless
// the caller has a transaction open): nothing typed is lost, also across a crash. Events are
// stamped with the clock (the wall clock unless a test sets one) and the actor.
// Each call returns the ids of the events it appended, which is what revert() and reapply() take:
// an undo is itself a new event restoring the previous value, so the audit trail never loses
// history. Throws WorkflowError for refused changes and sql::Error for storage failures (a busy
// workspace waits for the busy timeout first).
class IncidentWorkflow
{
public:
    using Clock = std::function<QDateTime()>;
    explicit IncidentWorkflow(sql::Database& db, QString actor = defaultActor(), Clock clock = {});

    QString actor() const
    {
        return m_actor;
    }
    // The connection the changes go to (made durable, see store/durability.h).
    sql::Database& db() const
    {
        return m_db;
    }

    // -> acknowledged (legal from open only).
    QList<qint64> acknowledge(qint64 id);
    // A resolution needs a non-empty reason (the event's comment).
    QList<qint64> setStatus(qint64 id, IncidentStatus status, const QString& reason = {});
    // Empty assignee: unassigned.
    QList<qint64> assign(qint64 id, const QString& assignee);
    QList<qint64> setSeverity(qint64 id, Severity severity);
    // Invalid until: snooze cleared.
    QList<qint64> snooze(qint64 id, const QDateTime& until);
    QList<qint64> comment(qint64 id, const QString& text);

    // Puts the incidents in one group (a new incident_group; explanation is stored on it) and
    // returns one "group" event per incident whose group changed. Needs two incidents or more.
    QList<qint64> merge(const QList<qint64>& ids, const QString& explanation = {});
    // Takes the incidents out of their groups; one "group" event per incident that had one.
    QList<qint64> split(const QList<qint64>& ids);

    // The same change applied to several incidents in one transaction (bulk actions): all or none.
    QList<qint64> bulk(const QList<qint64>& ids, const std::function<QList<qint64>(qint64)>& change);

    // Undo: for each event (newest first), a new event restoring its old value; a comment is
    // retracted ("comment_retracted" event; the text stays on the trail). Workflow rules are not
    // applied (restoring is always allowed). One transaction.
    QList<qint64> revert(const QList<qint64>& eventIds);
    // Redo: for each event (oldest first), a new event applying its new value again.
    QList<qint64> reapply(const QList<qint64>& eventIds);

private:
    Incident load(qint64 id);
    IncidentEvent loadEvent(qint64 eventId);
    QDateTime now() const;
    // Writes one field of the row and appends the event. field: the incident column.
    qint64 change(const Incident& incident, const QString& type, const QString& oldValue, const QString& newValue,
                  const QString& comment);
    void writeField(qint64 id, const QString& type, const QString& value);

    sql::Database& m_db;
    QString m_actor;
    Clock m_clock;
};

} // namespace sightline
