#include "delivery.h"

#include "export/assetjson.h"
#include "incidents/incidentstore.h"

namespace sightline {

QList<DeliveryReport> deliverMessages(IncidentStore& store, qint64 incidentId, const QList<ChannelMessage>& messages,
                                      const NotifySettings& settings, const QString& actor)
{
    QList<DeliveryReport> out;
    for (const auto& m : messages) {
        DeliveryReport report;
        const Recipient& r = m.recipient;
        report.target = !r.channel.isEmpty() ? r.channel : (!r.owners.isEmpty() ? r.owners.first() : r.teams.value(0));
        if (!r.channel.isEmpty())
            report.url = settings.webhookFor(r.channel);
        if (report.url.isEmpty()) {
            report.result.error = r.channel.isEmpty() ? QStringLiteral("no channel declared; tell the owner directly")
                                                      : QStringLiteral("no webhook configured for this channel");
            out.append(report);
            continue;
        }
        report.sent = true;
        report.result = postWebhook(report.url, toJsonBytes(m.payload, false), settings.delivery);
        IncidentEvent event;
        event.incidentId = incidentId;
        event.at = QDateTime::currentDateTimeUtc();
        event.actor = actor;
        event.type = QStringLiteral("notified");
        event.newValue = report.target;
        event.comment = report.result.ok ? QStringLiteral("delivered (HTTP %1, %2 attempt%3)")
                                               .arg(report.result.httpStatus)
                                               .arg(report.result.attempts)
                                               .arg(report.result.attempts == 1 ? QString() : QStringLiteral("s"))
                                         : QStringLiteral("failed: ") + report.result.error;
        store.appendEvent(event);
        out.append(report);
    }
    return out;
}

} // namespace sightline
