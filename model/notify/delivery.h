#pragma once

#include "notify/blockkit.h"
#include "notify/notifysettings.h"

#include <QDateTime>
#include <QList>

namespace sightline {

class IncidentStore;

struct DeliveryReport
{
    QString target; // the channel, or the owner for recipients without one
    QUrl url;
    bool sent = false; // attempted; false when no webhook is configured for the target
    DeliveryResult result;
};

// Posts each message to its channel's configured webhook and records every attempt on the
// incident's timeline as a "notified" event (new_value: the channel; comment: "delivered ..." or
// "failed: ..."), stamped with the wall clock because sending is a human action. Messages whose
// recipient has no channel or no configured webhook are reported, not sent, and not recorded.
QList<DeliveryReport> deliverMessages(IncidentStore& store, qint64 incidentId, const QList<ChannelMessage>& messages,
                                      const NotifySettings& settings, const QString& actor);

} // namespace sightline
