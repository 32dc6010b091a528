#pragma once

#include "incidents/incident.h"
#include "routing/routing.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace sightline {

// What a message needs besides the incident and its routing.
struct MessageContext
{
    QString link; // where to read more (incident page, else the asset's URL); may be empty
    QDateTime dataTime; // "now" in data time, for "since" wording; may be invalid
    QDateTime resolvedAt; // for the follow-up: when it was resolved
    QString resolvedBy;
    QString resolution; // the reason given when resolving
};

// One Slack message for one recipient (a channel, or an owner without a channel).
struct ChannelMessage
{
    Recipient recipient;
    nlohmann::json payload; // Block Kit: {"text": fallback, "blocks": [...]}
};

// Slack mrkdwn treats &, < and > as control characters (<url|label> links, <@user> mentions):
// every value from an input goes through this before it lands in a text object.
QString slackEscape(const QString& text);

// "3 d 4 h", "45 min", "20 s": the largest two units, for people reading a message.
QString humanDuration(qint64 ms);
// 2026-11-20 06:00 UTC
QString humanTime(const QDateTime& time);

// The incident message for one recipient: what broke, since when, impact, status, link, and who
// is on it, and why this recipient is told. Deterministic (object keys are sorted when dumped).
nlohmann::json incidentMessage(const Incident& incident, const Routing& routing, const Recipient& recipient,
                               const MessageContext& context);
// The follow-up once the incident is resolved.
nlohmann::json resolvedMessage(const Incident& incident, const Routing& routing, const Recipient& recipient,
                               const MessageContext& context);

// One message per recipient of routing, the follow-up when the incident is resolved.
QList<ChannelMessage> buildMessages(const Incident& incident, const Routing& routing, const MessageContext& context);

} // namespace sightline
