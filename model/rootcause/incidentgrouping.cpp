#include "incidentgrouping.h"

#include "incidents/incidentstore.h"
#include "store/workspace.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace sightline {

QList<GroupProposal> proposeGroups(Workspace& workspace, const LineageGraph& graph, const GroupingOptions& options)
{
    IncidentStore store(workspace.db());
    IncidentFilter filter;
    filter.unresolvedOnly = true;
    const QList<Incident> open = store.incidents(filter);
    struct Members
    {
        QSet<qint64> ids;
        QStringList symptoms;
        QDateTime first;
        QString firstText;
    };
    QMap<QString, Members> byRoot;
    for (const Incident& incident : open) {
        if (incident.groupId != 0)
            continue;
        const auto causes = rankCauses(workspace, graph, incident, options.rootCause);
        if (causes.isEmpty() || causes.first().score < options.minScore)
            continue;
        const CauseCandidate& top = causes.first();
        if (top.distance == 0)
            continue; // caused by its own asset (schema change, failed run): nothing to group with
        Members& m = byRoot[top.asset.key];
        m.ids.insert(incident.id);
        m.symptoms.append(incident.assetKey);
        for (const auto& e : top.evidence) {
            if (e.kind == CauseEvidence::Kind::Incident && e.incidentId != 0)
                m.ids.insert(e.incidentId);
            if (!m.first.isValid() || e.at < m.first) {
                m.first = e.at;
                m.firstText = e.text;
            }
        }
    }
    QList<GroupProposal> out;
    for (auto it = byRoot.cbegin(); it != byRoot.cend(); ++it) {
        if (it->ids.size() < 2)
            continue;
        GroupProposal p;
        p.rootKey = it.key();
        p.incidentIds = QList<qint64>(it->ids.cbegin(), it->ids.cend());
        std::sort(p.incidentIds.begin(), p.incidentIds.end());
        QStringList symptoms = it->symptoms;
        symptoms.sort();
        symptoms.removeDuplicates();
        p.explanation = QStringLiteral("%1 incidents share one upstream cause, %2: %3. Symptoms on %4.")
                            .arg(p.incidentIds.size())
                            .arg(p.rootKey, it->firstText, symptoms.join(QStringLiteral(", ")));
        out.append(p);
    }
    return out;
}

qint64 applyGroup(Workspace& workspace, const GroupProposal& proposal, const QString& actor, const QDateTime& at)
{
    sql::Database& db = workspace.db();
    sql::Transaction tx(db);
    auto insert = db.prepare("INSERT INTO incident_group (root_asset, explanation, created_at) "
                             "VALUES ((SELECT id FROM asset WHERE key = ?1), ?2, ?3)");
    insert.bind(1, proposal.rootKey).bind(2, proposal.explanation).bind(3, toStoredTime(at)).exec();
    const qint64 groupId = db.lastInsertRowId();
    auto current = db.prepare("SELECT group_id FROM incident WHERE id = ?1");
    auto update = db.prepare("UPDATE incident SET group_id = ?2 WHERE id = ?1");
    IncidentStore store(db);
    for (qint64 id : proposal.incidentIds) {
        current.reset();
        current.bind(1, id);
        if (!current.step())
            continue;
        const QString previous = current.isNull(0) ? QString() : QString::number(current.int64(0));
        update.reset();
        update.bind(1, id).bind(2, groupId).exec();
        store.appendEvent(
            {0, id, at, actor, QStringLiteral("group"), previous, QString::number(groupId), proposal.explanation});
    }
    tx.commit();
    return groupId;
}

int undoGroup(Workspace& workspace, qint64 groupId, const QString& actor, const QDateTime& at)
{
    sql::Database& db = workspace.db();
    sql::Transaction tx(db);
    // The previous group of each member is the old value of the event that put it in this group.
    auto members = db.prepare("SELECT i.id, (SELECT e.old_value FROM incident_event e WHERE e.incident_id = i.id AND "
                              "e.type = 'group' AND e.new_value = ?2 ORDER BY e.id DESC LIMIT 1) "
                              "FROM incident i WHERE i.group_id = ?1 ORDER BY i.id");
    const QString groupText = QString::number(groupId);
    members.bind(1, groupId).bind(2, groupText);
    QList<std::pair<qint64, QString>> list;
    while (members.step())
        list.append({members.int64(0), members.text(1)});
    auto update = db.prepare("UPDATE incident SET group_id = ?2 WHERE id = ?1");
    IncidentStore store(db);
    for (const auto& [id, previous] : list) {
        update.reset();
        update.bind(1, id);
        const bool hasPrevious = !previous.isEmpty() && previous != groupText;
        if (hasPrevious)
            update.bind(2, previous.toLongLong());
        else
            update.bindNull(2);
        update.exec();
        store.appendEvent({0, id, at, actor, QStringLiteral("group"), groupText, hasPrevious ? previous : QString(),
                           QStringLiteral("grouping undone")});
    }
    auto remove = db.prepare("DELETE FROM incident_group WHERE id = ?1");
    remove.bind(1, groupId).exec();
    tx.commit();
    return int(list.size());
}

QList<qint64> groupIncidents(Workspace& workspace, const LineageGraph& graph, const QString& actor, const QDateTime& at,
                             const GroupingOptions& options)
{
    QList<qint64> out;
    for (const auto& p : proposeGroups(workspace, graph, options))
        out.append(applyGroup(workspace, p, actor, at));
    return out;
}

} // namespace sightline
