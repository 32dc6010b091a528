#include "incidentstore.h"

#include "store/workspace.h"

#include <nlohmann/json.hpp>

namespace sightline {

namespace {
constexpr std::string_view kColumns =
    "i.id, i.detector, i.kind, a.key, i.column_name, i.detected_at, i.window_start, i.window_end, "
    "i.expected_low, i.expected_high, i.observed, i.observed_text, i.score, i.direction, i.severity, "
    "i.status, i.assignee, i.snoozed_until, i.group_id, i.training_start, i.training_end, "
    "i.excluded_points, i.explanation, i.fingerprint";

std::optional<double> optionalReal(sql::Statement& stmt, int column)
{
    if (stmt.isNull(column))
        return std::nullopt;
    return stmt.real(column);
}

QDateTime optionalTime(sql::Statement& stmt, int column)
{
    return stmt.isNull(column) ? QDateTime() : fromStoredTime(stmt.int64(column));
}

void bindOptional(sql::Statement& stmt, int index, const std::optional<double>& value)
{
    if (value)
        stmt.bind(index, *value);
    else
        stmt.bindNull(index);
}

void bindOptional(sql::Statement& stmt, int index, const QDateTime& value)
{
    if (value.isValid())
        stmt.bind(index, toStoredTime(value));
    else
        stmt.bindNull(index);
}

QByteArray pointsToJson(const QList<QDateTime>& points)
{
    nlohmann::json array = nlohmann::json::array();
    for (const QDateTime& point : points)
        array.push_back(toStoredTime(point));
    return QByteArray::fromStdString(array.dump());
}

QList<QDateTime> pointsFromJson(const QString& text)
{
    QList<QDateTime> points;
    if (text.isEmpty())
        return points;
    const auto array = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!array.is_array())
        return points;
    for (const auto& value : array) {
        if (value.is_number_integer())
            points.append(fromStoredTime(value.get<qint64>()));
    }
    return points;
}

Incident readIncident(sql::Statement& stmt)
{
    Incident i;
    i.id = stmt.int64(0);
    i.detector = stmt.text(1);
    i.kind = incidentKindFromName(stmt.text(2)).value_or(IncidentKind::Volume);
    i.assetKey = stmt.text(3);
    i.column = stmt.text(4);
    i.detectedAt = fromStoredTime(stmt.int64(5));
    i.windowStart = fromStoredTime(stmt.int64(6));
    i.windowEnd = fromStoredTime(stmt.int64(7));
    i.expectedLow = optionalReal(stmt, 8);
    i.expectedHigh = optionalReal(stmt, 9);
    i.observed = optionalReal(stmt, 10);
    i.observedText = stmt.text(11);
    i.score = optionalReal(stmt, 12);
    i.direction = stmt.text(13);
    i.severity = severityFromName(stmt.text(14)).value_or(Severity::Sev3);
    i.status = statusFromName(stmt.text(15)).value_or(IncidentStatus::Open);
    i.assignee = stmt.text(16);
    i.snoozedUntil = optionalTime(stmt, 17);
    i.groupId = stmt.isNull(18) ? 0 : stmt.int64(18);
    i.trainingStart = optionalTime(stmt, 19);
    i.trainingEnd = optionalTime(stmt, 20);
    i.excludedPoints = pointsFromJson(stmt.text(21));
    i.explanation = stmt.text(22);
    i.fingerprint = stmt.text(23);
    return i;
}

int workflowRank(IncidentStatus status)
{
    return static_cast<int>(status);
}
} // namespace

IncidentStore::IncidentStore(sql::Database& db)
    : m_db(db)
{
}

IncidentStore::Recorded IncidentStore::record(const Incident& incident)
{
    if (!incident.fingerprint.isEmpty()) {
        auto existing = m_db.prepare("SELECT id FROM incident WHERE fingerprint = ?1");
        existing.bind(1, incident.fingerprint);
        if (existing.step())
            return {existing.int64(0), false};
    }
    auto insert = m_db.prepare(
        "INSERT INTO incident (detector, kind, asset_id, column_name, detected_at, window_start, window_end, "
        "expected_low, expected_high, observed, observed_text, score, direction, severity, status, assignee, "
        "snoozed_until, group_id, training_start, training_end, excluded_points, explanation, fingerprint) "
        "VALUES (?1, ?2, (SELECT id FROM asset WHERE key = ?3), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
        "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
    insert.bind(1, incident.detector);
    insert.bind(2, incidentKindName(incident.kind));
    insert.bind(3, incident.assetKey);
    insert.bind(4, incident.column, true);
    insert.bind(5, toStoredTime(incident.detectedAt));
    insert.bind(6, toStoredTime(incident.windowStart));
    insert.bind(7, toStoredTime(incident.windowEnd));
    bindOptional(insert, 8, incident.expectedLow);
    bindOptional(insert, 9, incident.expectedHigh);
    bindOptional(insert, 10, incident.observed);
    insert.bind(11, incident.observedText, true);
    bindOptional(insert, 12, incident.score);
    insert.bind(13, incident.direction, true);
    insert.bind(14, severityName(incident.severity));
    insert.bind(15, statusName(incident.status));
    insert.bind(16, incident.assignee, true);
    bindOptional(insert, 17, incident.snoozedUntil);
    if (incident.groupId > 0)
        insert.bind(18, incident.groupId);
    else
        insert.bindNull(18);
    bindOptional(insert, 19, incident.trainingStart);
    bindOptional(insert, 20, incident.trainingEnd);
    if (incident.excludedPoints.isEmpty())
        insert.bindNull(21);
    else
        insert.bind(21, pointsToJson(incident.excludedPoints));
    insert.bind(22, incident.explanation);
    insert.bind(23, incident.fingerprint, true);
    insert.exec();
    const qint64 id = m_db.lastInsertRowId();

    IncidentEvent detected;
    detected.incidentId = id;
    detected.at = incident.detectedAt;
    detected.actor = QStringLiteral("sightline");
    detected.type = QStringLiteral("detected");
    detected.newValue = statusName(incident.status);
    detected.comment = incident.explanation;
    appendEvent(detected);
    return {id, true};
}

std::optional<Incident> IncidentStore::incident(qint64 id)
{
    auto stmt = m_db.prepare("SELECT " + std::string(kColumns)
                             + " FROM incident i JOIN asset a ON a.id = i.asset_id WHERE i.id = ?1");
    stmt.bind(1, id);
    if (!stmt.step())
        return std::nullopt;
    return readIncident(stmt);
}

QList<Incident> IncidentStore::incidents(const IncidentFilter& filter)
{
    std::string sql = "SELECT " + std::string(kColumns) + " FROM incident i JOIN asset a ON a.id = i.asset_id";
    if (!filter.assetKey.isEmpty())
        sql += " WHERE a.key = ?1";
    sql += " ORDER BY i.detected_at DESC, i.id DESC";
    auto stmt = m_db.prepare(sql);
    if (!filter.assetKey.isEmpty())
        stmt.bind(1, filter.assetKey);
    QList<Incident> list;
    while (stmt.step()) {
        Incident i = readIncident(stmt);
        if (!filter.statuses.isEmpty() && !filter.statuses.contains(i.status))
            continue;
        if (!filter.kinds.isEmpty() && !filter.kinds.contains(i.kind))
            continue;
        if (filter.unresolvedOnly && isResolved(i.status))
            continue;
        list.append(std::move(i));
    }
    return list;
}

QList<IncidentEvent> IncidentStore::events(qint64 incidentId)
{
    auto stmt = m_db.prepare("SELECT id, incident_id, at, actor, type, old_value, new_value, comment "
                             "FROM incident_event WHERE incident_id = ?1 ORDER BY at, id");
    stmt.bind(1, incidentId);
    QList<IncidentEvent> list;
    while (stmt.step()) {
        IncidentEvent e;
        e.id = stmt.int64(0);
        e.incidentId = stmt.int64(1);
        e.at = fromStoredTime(stmt.int64(2));
        e.actor = stmt.text(3);
        e.type = stmt.text(4);
        e.oldValue = stmt.text(5);
        e.newValue = stmt.text(6);
        e.comment = stmt.text(7);
        list.append(std::move(e));
    }
    return list;
}

qint64 IncidentStore::appendEvent(const IncidentEvent& event)
{
    auto stmt = m_db.prepare("INSERT INTO incident_event (incident_id, at, actor, type, old_value, new_value, comment) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    stmt.bind(1, event.incidentId);
    stmt.bind(2, toStoredTime(event.at));
    stmt.bind(3, event.actor);
    stmt.bind(4, event.type);
    stmt.bind(5, event.oldValue, true);
    stmt.bind(6, event.newValue, true);
    stmt.bind(7, event.comment, true);
    stmt.exec();
    return m_db.lastInsertRowId();
}

QHash<QString, AssetHealth> IncidentStore::health()
{
    auto stmt = m_db.prepare("SELECT a.key, i.severity, i.status FROM incident i JOIN asset a ON a.id = i.asset_id "
                             "WHERE i.status IN ('open', 'acknowledged', 'investigating')");
    QHash<QString, AssetHealth> result;
    while (stmt.step()) {
        const QString key = stmt.text(0);
        const Severity severity = severityFromName(stmt.text(1)).value_or(Severity::Sev3);
        const IncidentStatus status = statusFromName(stmt.text(2)).value_or(IncidentStatus::Open);
        auto it = result.find(key);
        if (it == result.end()) {
            result.insert(key, AssetHealth {severity, status, 1});
            continue;
        }
        ++it->unresolved;
        if (severity < it->severity || (severity == it->severity && workflowRank(status) < workflowRank(it->status))) {
            it->severity = severity;
            it->status = status;
        }
    }
    return result;
}

} // namespace sightline
