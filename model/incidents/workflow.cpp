#include "workflow.h"

#include "incidents/incidentstore.h"
#include "store/durability.h"
#include "store/workspace.h"

#include <QRegularExpression>

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace sightline {

namespace {

const QString kStatus = QStringLiteral("status");
const QString kAssignee = QStringLiteral("assignee");
const QString kSeverity = QStringLiteral("severity");
const QString kSnooze = QStringLiteral("snooze");
const QString kComment = QStringLiteral("comment");
const QString kRetracted = QStringLiteral("comment_retracted");
const QString kGroup = QStringLiteral("group");

// Joins the caller's transaction when one is open (bulk and undo of several events), else opens
// and commits its own.
class Scope
{
public:
    explicit Scope(sql::Database& db)
    {
        if (sqlite3_get_autocommit(db.handle()) != 0)
            m_tx.emplace(db, true);
    }
    void commit()
    {
        if (m_tx)
            m_tx->commit();
    }

private:
    std::optional<sql::Transaction> m_tx;
};

QString timeText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeFromText(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

QString currentValue(const Incident& i, const QString& type)
{
    if (type == kStatus)
        return statusName(i.status);
    if (type == kAssignee)
        return i.assignee;
    if (type == kSeverity)
        return severityName(i.severity);
    if (type == kSnooze)
        return timeText(i.snoozedUntil);
    if (type == kGroup)
        return i.groupId > 0 ? QString::number(i.groupId) : QString();
    return {};
}

} // namespace

WorkflowError::WorkflowError(Reason reason, const QString& message)
    : std::runtime_error(message.toStdString())
    , m_reason(reason)
{
}

bool isAllowedTransition(IncidentStatus from, IncidentStatus to)
{
    if (from == to)
        return false;
    if (isResolved(from))
        return to == IncidentStatus::Open;
    // Unresolved statuses are declared in workflow order.
    return static_cast<int>(to) > static_cast<int>(from);
}

QString transitionError(IncidentStatus from, IncidentStatus to)
{
    if (isAllowedTransition(from, to))
        return {};
    if (from == to)
        return QStringLiteral("the incident is already %1").arg(statusName(to));
    if (isResolved(from))
        return QStringLiteral("a resolved incident (%1) can only be reopened (status open) before it changes to %2")
            .arg(statusName(from), statusName(to));
    return QStringLiteral("%1 -> %2 goes back in the workflow (undo the change instead)")
        .arg(statusName(from), statusName(to));
}

QList<IncidentStatus> allowedTransitions(IncidentStatus from)
{
    QList<IncidentStatus> list;
    for (IncidentStatus s : allStatuses()) {
        if (isAllowedTransition(from, s))
            list.append(s);
    }
    return list;
}

QString defaultActor()
{
    for (const char* name : {"USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

QString undoComment(qint64 revertedEventId)
{
    return QStringLiteral("undo of event %1").arg(revertedEventId);
}

qint64 revertedEventId(const IncidentEvent& event)
{
    static const QRegularExpression pattern(QStringLiteral("^undo of event (\\d+)$"));
    if (event.type == kComment)
        return 0; // a person may type anything in a comment
    const auto match = pattern.match(event.comment);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

IncidentWorkflow::IncidentWorkflow(sql::Database& db, QString actor, Clock clock)
    : m_db(db)
    , m_actor(actor.trimmed().isEmpty() ? defaultActor() : actor.trimmed())
    , m_clock(std::move(clock))
{
    // Incidents hold the only copy of a team's triage notes.
    requireDurableCommits(m_db);
}

QDateTime IncidentWorkflow::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

Incident IncidentWorkflow::load(qint64 id)
{
    auto incident = IncidentStore(m_db).incident(id);
    if (!incident)
        throw WorkflowError(WorkflowError::Reason::UnknownIncident, QStringLiteral("no incident %1").arg(id));
    return *incident;
}

IncidentEvent IncidentWorkflow::loadEvent(qint64 eventId)
{
    auto stmt = m_db.prepare("SELECT id, incident_id, at, actor, type, old_value, new_value, comment "
                             "FROM incident_event WHERE id = ?1");
    stmt.bind(1, eventId);
    if (!stmt.step())
        throw WorkflowError(WorkflowError::Reason::UnknownEvent, QStringLiteral("no incident event %1").arg(eventId));
    IncidentEvent e;
    e.id = stmt.int64(0);
    e.incidentId = stmt.int64(1);
    e.at = fromStoredTime(stmt.int64(2));
    e.actor = stmt.text(3);
    e.type = stmt.text(4);
    e.oldValue = stmt.text(5);
    e.newValue = stmt.text(6);
    e.comment = stmt.text(7);
    return e;
}

void IncidentWorkflow::writeField(qint64 id, const QString& type, const QString& value)
{
    sql::Statement stmt;
    if (type == kStatus) {
        stmt = m_db.prepare("UPDATE incident SET status = ?2 WHERE id = ?1");
        stmt.bind(2, value);
    } else if (type == kAssignee) {
        stmt = m_db.prepare("UPDATE incident SET assignee = ?2 WHERE id = ?1");
        stmt.bind(2, value, true);
    } else if (type == kSeverity) {
        stmt = m_db.prepare("UPDATE incident SET severity = ?2 WHERE id = ?1");
        stmt.bind(2, value);
    } else if (type == kSnooze) {
        stmt = m_db.prepare("UPDATE incident SET snoozed_until = ?2 WHERE id = ?1");
        const QDateTime until = timeFromText(value);
        if (until.isValid())
            stmt.bind(2, toStoredTime(until));
        else
            stmt.bindNull(2);
    } else if (type == kGroup) {
        stmt = m_db.prepare("UPDATE incident SET group_id = ?2 WHERE id = ?1");
        if (value.isEmpty())
            stmt.bindNull(2);
        else
            stmt.bind(2, value.toLongLong());
    } else {
        return; // comments change no field
    }
    stmt.bind(1, id);
    stmt.exec();
}

qint64 IncidentWorkflow::change(const Incident& incident, const QString& type, const QString& oldValue,
                                const QString& newValue, const QString& comment)
{
    writeField(incident.id, type, newValue);
    IncidentEvent e;
    e.incidentId = incident.id;
    e.at = now();
    e.actor = m_actor;
    e.type = type;
    e.oldValue = oldValue;
    e.newValue = newValue;
    e.comment = comment;
    return IncidentStore(m_db).appendEvent(e);
}

QList<qint64> IncidentWorkflow::acknowledge(qint64 id)
{
    return setStatus(id, IncidentStatus::Acknowledged);
}

QList<qint64> IncidentWorkflow::setStatus(qint64 id, IncidentStatus status, const QString& reason)
{
    Scope scope(m_db);
    const Incident i = load(id);
    const QString refused = transitionError(i.status, status);
    if (!refused.isEmpty()) {
        throw WorkflowError(WorkflowError::Reason::IllegalTransition,
                            QStringLiteral("incident %1: %2").arg(id).arg(refused));
    }
    if (isResolved(status) && reason.trimmed().isEmpty()) {
        throw WorkflowError(
            WorkflowError::Reason::MissingReason,
            QStringLiteral("incident %1: resolving as %2 needs a reason").arg(id).arg(statusName(status)));
    }
    const qint64 event = change(i, kStatus, statusName(i.status), statusName(status), reason.trimmed());
    scope.commit();
    return {event};
}

QList<qint64> IncidentWorkflow::assign(qint64 id, const QString& assignee)
{
    Scope scope(m_db);
    const Incident i = load(id);
    const QString value = assignee.trimmed();
    if (value == i.assignee)
        return {};
    const qint64 event = change(i, kAssignee, i.assignee, value, {});
    scope.commit();
    return {event};
}

QList<qint64> IncidentWorkflow::setSeverity(qint64 id, Severity severity)
{
    Scope scope(m_db);
    const Incident i = load(id);
    if (severity == i.severity)
        return {};
    const qint64 event = change(i, kSeverity, severityName(i.severity), severityName(severity), {});
    scope.commit();
    return {event};
}

QList<qint64> IncidentWorkflow::snooze(qint64 id, const QDateTime& until)
{
    Scope scope(m_db);
    const Incident i = load(id);
    const QString value = timeText(until);
    if (value == timeText(i.snoozedUntil))
        return {};
    const qint64 event = change(i, kSnooze, timeText(i.snoozedUntil), value, {});
    scope.commit();
    return {event};
}

QList<qint64> IncidentWorkflow::comment(qint64 id, const QString& text)
{
    if (text.trimmed().isEmpty())
        throw WorkflowError(WorkflowError::Reason::InvalidValue, QStringLiteral("an empty comment records nothing"));
    Scope scope(m_db);
    const Incident i = load(id);
    const qint64 event = change(i, kComment, {}, {}, text);
    scope.commit();
    return {event};
}

QList<qint64> IncidentWorkflow::merge(const QList<qint64>& ids, const QString& explanation)
{
    QList<qint64> distinct = ids;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < 2)
        throw WorkflowError(WorkflowError::Reason::InvalidValue, QStringLiteral("merging needs two incidents or more"));
    Scope scope(m_db);
    QList<Incident> incidents;
    for (qint64 id : distinct)
        incidents.append(load(id));
    auto insert =
        m_db.prepare("INSERT INTO incident_group (root_asset, explanation, created_at) VALUES (NULL, ?1, ?2)");
    insert.bind(1,
                explanation.trimmed().isEmpty() ? QStringLiteral("merged by %1").arg(m_actor) : explanation.trimmed());
    insert.bind(2, toStoredTime(now()));
    insert.exec();
    const QString group = QString::number(m_db.lastInsertRowId());
    QList<qint64> events;
    for (const Incident& i : std::as_const(incidents))
        events.append(change(i, kGroup, currentValue(i, kGroup), group, explanation.trimmed()));
    scope.commit();
    return events;
}

QList<qint64> IncidentWorkflow::split(const QList<qint64>& ids)
{
    Scope scope(m_db);
    QList<qint64> events;
    for (qint64 id : ids) {
        const Incident i = load(id);
        if (i.groupId > 0)
            events.append(change(i, kGroup, currentValue(i, kGroup), {}, {}));
    }
    scope.commit();
    return events;
}

QList<qint64> IncidentWorkflow::bulk(const QList<qint64>& ids, const std::function<QList<qint64>(qint64)>& changeOne)
{
    Scope scope(m_db);
    QList<qint64> events;
    for (qint64 id : ids)
        events.append(changeOne(id));
    scope.commit();
    return events;
}

QList<qint64> IncidentWorkflow::revert(const QList<qint64>& eventIds)
{
    Scope scope(m_db);
    QList<qint64> events;
    for (auto it = eventIds.crbegin(); it != eventIds.crend(); ++it) {
        const IncidentEvent e = loadEvent(*it);
        const Incident i = load(e.incidentId);
        if (e.type == kComment) {
            events.append(change(i, kRetracted, {}, {}, undoComment(e.id)));
            continue;
        }
        if (e.type != kStatus && e.type != kAssignee && e.type != kSeverity && e.type != kSnooze && e.type != kGroup)
            throw WorkflowError(WorkflowError::Reason::InvalidValue,
                                QStringLiteral("event %1 (%2) cannot be undone").arg(e.id).arg(e.type));
        const QString current = currentValue(i, e.type);
        if (current != e.newValue) {
            throw WorkflowError(WorkflowError::Reason::IllegalTransition,
                                QStringLiteral("incident %1 changed since (%2 is now %3); undoing would overwrite that")
                                    .arg(i.id)
                                    .arg(e.type, current.isEmpty() ? QStringLiteral("empty") : current));
        }
        events.append(change(i, e.type, current, e.oldValue, undoComment(e.id)));
    }
    scope.commit();
    return events;
}

QList<qint64> IncidentWorkflow::reapply(const QList<qint64>& eventIds)
{
    Scope scope(m_db);
    QList<qint64> events;
    for (qint64 eventId : eventIds) {
        const IncidentEvent e = loadEvent(eventId);
        const Incident i = load(e.incidentId);
        if (e.type == kComment) {
            events.append(change(i, kComment, {}, {}, e.comment));
            continue;
        }
        const QString current = currentValue(i, e.type);
        if (current != e.oldValue) {
            throw WorkflowError(WorkflowError::Reason::IllegalTransition,
                                QStringLiteral("incident %1 changed since (%2 is now %3); redoing would overwrite that")
                                    .arg(i.id)
                                    .arg(e.type, current.isEmpty() ? QStringLiteral("empty") : current));
        }
        events.append(change(i, e.type, current, e.newValue, e.comment));
    }
    scope.commit();
    return events;
}

} // namespace sightline
