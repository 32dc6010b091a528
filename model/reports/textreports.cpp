#include "textreports.h"

#include "notify/blockkit.h"
#include "reports/escape.h"

namespace sightline::report {

namespace {

QString md(const QString& s)
{
    return s.isEmpty() ? QStringLiteral("\u2014") : markdown(s);
}

QString mdRow(const QStringList& cells)
{
    return QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
}

QString mdTable(const QStringList& headers, const QList<QStringList>& rows)
{
    QString out = mdRow(headers);
    QStringList rule;
    for (qsizetype i = 0; i < headers.size(); ++i)
        rule.append(QStringLiteral("---"));
    out += mdRow(rule);
    for (const auto& r : rows)
        out += mdRow(r);
    return out + u'\n';
}

QString num(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'g', 12) : QStringLiteral("\u2014");
}

QString duration(qint64 ms)
{
    return ms < 0 ? QStringLiteral("\u2014") : humanDuration(ms);
}

QString csvRow(const QStringList& fields)
{
    QStringList out;
    for (const auto& f : fields)
        out.append(csvField(f));
    return out.join(u',') + QStringLiteral("\r\n");
}

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QString incidentReportMarkdown(const IncidentReportData& d)
{
    const Incident& i = d.incident;
    const QString name = d.asset.name.isEmpty() ? i.assetKey : d.asset.name;
    QString out = QStringLiteral("# Incident #%1: %2 %3 incident on %4\n\n")
                      .arg(i.id)
                      .arg(severityName(i.severity), incidentKindName(i.kind), md(name));
    out += QStringLiteral("**Status:** %1 · **Assignee:** %2 · **Detected:** %3")
               .arg(statusName(i.status), i.assignee.isEmpty() ? QStringLiteral("nobody yet") : md(i.assignee),
                    humanTime(i.detectedAt));
    if (d.nextUpdate.isValid())
        out += QStringLiteral(" · **Next update by:** ") + humanTime(d.nextUpdate);
    out += QStringLiteral("\n\n## Summary\n\n") + md(i.explanation) + QStringLiteral("\n\n");
    out +=
        mdTable({QStringLiteral("Field"), QStringLiteral("Value")},
                {{QStringLiteral("Asset"), md(d.asset.key.isEmpty() ? i.assetKey : d.asset.key)},
                 {QStringLiteral("Owner"), md(d.asset.owner)},
                 {QStringLiteral("Team"), md(d.asset.team)},
                 {QStringLiteral("Channel"), md(d.asset.channel)},
                 {QStringLiteral("Window"), humanTime(i.windowStart) + QStringLiteral(" to ") + humanTime(i.windowEnd)},
                 {QStringLiteral("Expected"), num(i.expectedLow) + QStringLiteral(" to ") + num(i.expectedHigh)},
                 {QStringLiteral("Observed"), i.observedText.isEmpty() ? num(i.observed) : md(i.observedText)},
                 {QStringLiteral("Data as of"), humanTime(d.dataTime)}});
    if (!d.groupExplanation.isEmpty())
        out += QStringLiteral("**Grouped:** ") + md(d.groupExplanation) + QStringLiteral("\n\n");

    out += QStringLiteral("## Root cause\n\n");
    if (d.causes.isEmpty()) {
        out += QStringLiteral("Nothing upstream misbehaved before this incident.\n\n");
    } else {
        QList<QStringList> rows;
        for (const auto& c : d.causes) {
            QStringList evidence;
            for (const auto& e : c.evidence)
                evidence.append(md(e.text));
            if (!c.demotedBecause.isEmpty())
                evidence.append(md(c.demotedBecause));
            rows.append({md(c.asset.key), QString::number(c.distance), QString::number(c.score, 'f', 2),
                         evidence.join(QStringLiteral("; "))});
        }
        out += mdTable({QStringLiteral("Candidate"), QStringLiteral("Steps up"), QStringLiteral("Score"),
                        QStringLiteral("Evidence")},
                       rows);
    }

    out += QStringLiteral("## Impacted dashboards and owners\n\n%1 assets downstream, %2 of them dashboards or other "
                          "consumers.\n\n")
               .arg(d.routing.downstreamCount)
               .arg(d.routing.consumers.size());
    if (!d.routing.recipients.isEmpty()) {
        QList<QStringList> rows;
        for (const auto& r : d.routing.recipients) {
            QStringList assets;
            for (const auto& a : r.assets) {
                if (assets.size() == 20) {
                    assets.append(QStringLiteral("and %1 more").arg(r.assets.size() - 20));
                    break;
                }
                assets.append(md(a.name.isEmpty() ? a.key : a.name));
            }
            rows.append({md(r.channel), md(r.owners.join(QStringLiteral(", "))), md(r.teams.join(QStringLiteral(", "))),
                         assets.join(QStringLiteral(", "))});
        }
        out += mdTable({QStringLiteral("Channel"), QStringLiteral("Owners"), QStringLiteral("Teams"),
                        QStringLiteral("Because of")},
                       rows);
    }
    for (const auto& g : d.routing.gaps) {
        out += QStringLiteral("- **No %1:** %2\n")
                   .arg(g.noOwner && g.noChannel ? QStringLiteral("owner or channel")
                                                 : (g.noOwner ? QStringLiteral("owner") : QStringLiteral("channel")),
                        md(g.asset.key));
    }
    if (!d.routing.gaps.isEmpty())
        out += u'\n';

    out += QStringLiteral("## Timeline\n\n");
    QList<QStringList> rows;
    for (const auto& e : d.timeline) {
        QString what = md(e.type);
        if (!e.oldValue.isEmpty() || !e.newValue.isEmpty())
            what += QStringLiteral(": %1 → %2").arg(md(e.oldValue), md(e.newValue));
        rows.append({humanTime(e.at), md(e.actor), what, e.comment.isEmpty() ? QString() : md(e.comment)});
    }
    out += mdTable({QStringLiteral("When"), QStringLiteral("Who"), QStringLiteral("What"), QStringLiteral("Comment")},
                   rows);
    return out;
}

QString healthReportMarkdown(const HealthReportData& d)
{
    QString out = QStringLiteral("# Data health %1 to %2\n\n").arg(humanTime(d.from), humanTime(d.to));
    out += QStringLiteral("Incidents: %1 (%2 open, %3 resolved). Median time to acknowledge %4, to resolve %5.\n\n")
               .arg(d.total)
               .arg(d.open)
               .arg(d.resolved)
               .arg(duration(d.medianAckMs), duration(d.medianResolveMs));
    QList<QStringList> rows;
    for (const auto& c : d.byTeamKind)
        rows.append({md(c.team), md(c.kind), QString::number(c.total), QString::number(c.open)});
    out += QStringLiteral("## By team and kind\n\n")
        + mdTable({QStringLiteral("Team"), QStringLiteral("Kind"), QStringLiteral("Incidents"), QStringLiteral("Open")},
                  rows);
    rows.clear();
    for (const auto& t : d.timesByTeam)
        rows.append({md(t.team), duration(t.medianAckMs), duration(t.medianResolveMs)});
    out += QStringLiteral("## Time to acknowledge and resolve\n\n")
        + mdTable(
               {QStringLiteral("Team"), QStringLiteral("Median to acknowledge"), QStringLiteral("Median to resolve")},
               rows);
    rows.clear();
    for (const auto& a : d.mostAffected)
        rows.append({md(a.asset.key), md(a.asset.owner), QString::number(a.incidents)});
    out += QStringLiteral("## Most affected dashboards\n\n")
        + mdTable({QStringLiteral("Consumer"), QStringLiteral("Owner"), QStringLiteral("Incidents upstream")}, rows);
    out += QStringLiteral("Periods are in data time.\n");
    return out;
}

QByteArray incidentReportCsv(const IncidentReportData& d)
{
    const Incident& i = d.incident;
    QString out = csvRow({QStringLiteral("incident_id"), QStringLiteral("incident_asset"), QStringLiteral("severity"),
                          QStringLiteral("status"), QStringLiteral("detected_at"), QStringLiteral("role"),
                          QStringLiteral("asset"), QStringLiteral("kind"), QStringLiteral("distance"),
                          QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("channel")});
    const QStringList head = {QString::number(i.id), i.assetKey, severityName(i.severity), statusName(i.status),
                              iso(i.detectedAt)};
    out += csvRow(head
                  + QStringList {QStringLiteral("asset"), d.asset.key, kindName(d.asset.kind), QStringLiteral("0"),
                                 d.asset.owner, d.asset.team, d.asset.channel});
    for (const auto& r : d.routing.recipients) {
        for (const auto& a : r.assets) {
            if (a.distance == 0)
                continue;
            out +=
                csvRow(head
                       + QStringList {QStringLiteral("recipient"), a.key, kindName(a.kind), QString::number(a.distance),
                                      r.owners.join(u';'), r.teams.join(u';'), r.channel});
        }
    }
    for (const auto& g : d.routing.gaps) {
        out += csvRow(head
                      + QStringList {QStringLiteral("gap"), g.asset.key, kindName(g.asset.kind),
                                     QString::number(g.distance), g.asset.owner, g.asset.team, g.asset.channel});
    }
    return out.toUtf8();
}

QByteArray healthReportCsv(const HealthReportData& d)
{
    QString out = csvRow({QStringLiteral("incident_id"), QStringLiteral("detected_at"), QStringLiteral("asset"),
                          QStringLiteral("team"), QStringLiteral("kind"), QStringLiteral("severity"),
                          QStringLiteral("status"), QStringLiteral("resolved"), QStringLiteral("time_to_ack_s"),
                          QStringLiteral("time_to_resolve_s"), QStringLiteral("downstream_consumers")});
    for (const auto& r : d.incidents) {
        const Incident& i = r.incident;
        out +=
            csvRow({QString::number(i.id), iso(i.detectedAt), i.assetKey, r.team, incidentKindName(i.kind),
                    severityName(i.severity), statusName(i.status),
                    isResolved(i.status) ? QStringLiteral("true") : QStringLiteral("false"),
                    r.ackMs < 0 ? QString() : QString::number(r.ackMs / 1000),
                    r.resolveMs < 0 ? QString() : QString::number(r.resolveMs / 1000), QString::number(r.consumers)});
    }
    return out.toUtf8();
}

} // namespace sightline::report
