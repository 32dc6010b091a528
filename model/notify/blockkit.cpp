#include "blockkit.h"

namespace sightline {

namespace {

using nlohmann::json;

// Slack's limits: 150 characters in a header, 3,000 in a section's text, 2,000 in a field.
constexpr int kHeaderMax = 150;
constexpr int kSectionMax = 3000;
constexpr int kFieldMax = 2000;
constexpr int kAssetsListed = 10;

std::string utf8(const QString& s)
{
    return s.toStdString();
}

QString clip(const QString& text, int max)
{
    if (text.size() <= max)
        return text;
    QString out = text.left(max - 1);
    // Do not cut an escape (&amp;) or a surrogate pair in half.
    const qsizetype amp = out.lastIndexOf(u'&');
    if (amp >= 0 && out.indexOf(u';', amp) < 0)
        out.truncate(amp);
    if (!out.isEmpty() && out.back().isHighSurrogate())
        out.chop(1);
    return out + QChar(0x2026);
}

json plain(const QString& text)
{
    return {{"type", "plain_text"}, {"text", utf8(clip(text, kHeaderMax))}, {"emoji", false}};
}

json mrkdwn(const QString& text, int max = kSectionMax)
{
    return {{"type", "mrkdwn"}, {"text", utf8(clip(text, max))}};
}

json section(const QString& text)
{
    return {{"type", "section"}, {"text", mrkdwn(text)}};
}

json fields(const QList<std::pair<QString, QString>>& pairs)
{
    json list = json::array();
    for (const auto& [label, value] : pairs)
        list.push_back(mrkdwn(QStringLiteral("*%1*\n%2").arg(label, value), kFieldMax));
    return {{"type", "section"}, {"fields", list}};
}

QString assetLabel(const Asset& a)
{
    return a.name.isEmpty() ? a.key : a.name;
}

QString whatBroke(const Incident& incident, const Asset& asset)
{
    QString what = QStringLiteral("%1 %2 incident on %3")
                       .arg(severityName(incident.severity), incidentKindName(incident.kind), assetLabel(asset));
    if (!incident.column.isEmpty())
        what += QStringLiteral(" (column %1)").arg(incident.column);
    return what;
}

QString impactText(const Routing& routing)
{
    QStringList names;
    for (const auto& c : routing.consumers) {
        if (names.size() == kAssetsListed)
            break;
        bool gap = false;
        for (const auto& g : routing.gaps)
            gap = gap || g.asset.key == c.key;
        names.append(slackEscape(c.name.isEmpty() ? c.key : c.name)
                     + (gap ? QStringLiteral(" (no owner or channel)") : QString()));
    }
    const qsizetype consumers = routing.consumers.size();
    QString text = QStringLiteral("*Impact:* %1 downstream, %2 of them dashboards or other consumers.")
                       .arg(routing.downstreamCount)
                       .arg(consumers);
    if (!names.isEmpty())
        text += u'\n' + names.join(QStringLiteral(", "));
    if (consumers > names.size())
        text += QStringLiteral(" and %1 more").arg(consumers - names.size());
    return text;
}

QString whyYou(const Recipient& recipient)
{
    QStringList names;
    for (const auto& a : recipient.assets) {
        if (names.size() == kAssetsListed)
            break;
        names.append(slackEscape(a.name.isEmpty() ? a.key : a.name)
                     + (a.distance == 0 ? QStringLiteral(" (the asset itself)")
                                        : QStringLiteral(" (%1 downstream)").arg(a.distance)));
    }
    QString text = QStringLiteral("You are told because you own: ") + names.join(QStringLiteral(", "));
    if (recipient.assets.size() > names.size())
        text += QStringLiteral(" and %1 more").arg(recipient.assets.size() - names.size());
    return text;
}

json contextBlock(const QString& text)
{
    return {{"type", "context"}, {"elements", json::array({mrkdwn(text)})}};
}

json linkBlock(const QString& link)
{
    // Only http(s) links become buttons; anything else from an input is shown as text.
    if (!(link.startsWith(QStringLiteral("https://")) || link.startsWith(QStringLiteral("http://"))))
        return nullptr;
    return {{"type", "actions"},
            {"elements",
             json::array({{{"type", "button"},
                           {"text", plain(QStringLiteral("Open incident"))},
                           {"url", utf8(link.left(3000))}}})}};
}

} // namespace

QString slackEscape(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'&')
            out += QStringLiteral("&amp;");
        else if (c == u'<')
            out += QStringLiteral("&lt;");
        else if (c == u'>')
            out += QStringLiteral("&gt;");
        else
            out += c;
    }
    return out;
}

QString humanDuration(qint64 ms)
{
    if (ms < 0)
        ms = -ms;
    const qint64 s = ms / 1000;
    const qint64 d = s / 86400;
    const qint64 h = (s % 86400) / 3600;
    const qint64 m = (s % 3600) / 60;
    if (d > 0)
        return h > 0 ? QStringLiteral("%1 d %2 h").arg(d).arg(h) : QStringLiteral("%1 d").arg(d);
    if (h > 0)
        return m > 0 ? QStringLiteral("%1 h %2 min").arg(h).arg(m) : QStringLiteral("%1 h").arg(h);
    if (m > 0)
        return QStringLiteral("%1 min").arg(m);
    return QStringLiteral("%1 s").arg(s);
}

QString humanTime(const QDateTime& time)
{
    if (!time.isValid())
        return QStringLiteral("unknown");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

json incidentMessage(const Incident& incident, const Routing& routing, const Recipient& recipient,
                     const MessageContext& context)
{
    const Asset& asset = routing.asset;
    const QDateTime since = incident.windowStart.isValid() ? incident.windowStart : incident.detectedAt;
    QString sinceText = humanTime(since);
    if (context.dataTime.isValid() && since.isValid() && context.dataTime >= since)
        sinceText +=
            QStringLiteral(" (%1 before the newest capture)").arg(humanDuration(since.msecsTo(context.dataTime)));

    json blocks = json::array();
    blocks.push_back({{"type", "header"}, {"text", plain(whatBroke(incident, asset))}});
    blocks.push_back(section(QStringLiteral("*What broke:* ") + slackEscape(incident.explanation)));
    blocks.push_back(fields({
        {QStringLiteral("Asset"), QStringLiteral("`%1`").arg(slackEscape(asset.key))},
        {QStringLiteral("Since"), sinceText},
        {QStringLiteral("Status"), statusName(incident.status)},
        {QStringLiteral("Severity"), severityName(incident.severity)},
        {QStringLiteral("Who is on it"),
         incident.assignee.isEmpty() ? QStringLiteral("nobody yet") : slackEscape(incident.assignee)},
        {QStringLiteral("Owner"), asset.owner.isEmpty() ? QStringLiteral("none declared") : slackEscape(asset.owner)},
    }));
    blocks.push_back(section(impactText(routing)));
    blocks.push_back(contextBlock(whyYou(recipient)));
    if (auto link = linkBlock(context.link); !link.is_null())
        blocks.push_back(link);

    const QString fallback = QStringLiteral("%1: %2").arg(whatBroke(incident, asset), incident.explanation);
    return {{"text", utf8(slackEscape(clip(fallback, kSectionMax)))}, {"blocks", blocks}};
}

json resolvedMessage(const Incident& incident, const Routing& routing, const Recipient& recipient,
                     const MessageContext& context)
{
    const Asset& asset = routing.asset;
    const QString title = QStringLiteral("Resolved: ") + whatBroke(incident, asset);
    QString body = QStringLiteral("*Status:* %1").arg(statusName(incident.status));
    if (!context.resolvedBy.isEmpty())
        body += QStringLiteral(" by ") + slackEscape(context.resolvedBy);
    if (context.resolvedAt.isValid()) {
        body += QStringLiteral(" at %1").arg(humanTime(context.resolvedAt));
        if (incident.detectedAt.isValid() && context.resolvedAt >= incident.detectedAt)
            body += QStringLiteral(", %1 after detection")
                        .arg(humanDuration(incident.detectedAt.msecsTo(context.resolvedAt)));
    }
    if (!context.resolution.isEmpty())
        body += QStringLiteral("\n*Resolution:* ") + slackEscape(context.resolution);

    json blocks = json::array();
    blocks.push_back({{"type", "header"}, {"text", plain(title)}});
    blocks.push_back(section(body));
    blocks.push_back(section(QStringLiteral("*Was:* ") + slackEscape(incident.explanation)));
    blocks.push_back(contextBlock(whyYou(recipient)));
    if (auto link = linkBlock(context.link); !link.is_null())
        blocks.push_back(link);
    return {{"text", utf8(slackEscape(clip(title, kSectionMax)))}, {"blocks", blocks}};
}

QList<ChannelMessage> buildMessages(const Incident& incident, const Routing& routing, const MessageContext& context)
{
    QList<ChannelMessage> out;
    const bool resolved = isResolved(incident.status);
    for (const auto& r : routing.recipients) {
        out.append({r,
                    resolved ? resolvedMessage(incident, routing, r, context)
                             : incidentMessage(incident, routing, r, context)});
    }
    return out;
}

} // namespace sightline
