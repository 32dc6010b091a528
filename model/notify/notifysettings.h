#pragma once

#include "notify/webhook.h"

#include <QHash>
#include <QString>
#include <QUrl>

namespace sightline {

// Where messages may be sent. Read from an INI file (QSettings IniFormat):
//
//   [webhooks]
//   data-finance-alerts=https://hooks.slack.com/services/T000/B000/XXXX
//   pricing-alerts=https://hooks.slack.com/services/T000/B001/YYYY
//   [links]
//   incident=https://sightline.example.com/incidents/{id}
//   [delivery]
//   timeout_ms=10000
//   attempts=3
//   backoff_ms=1000
//
// Channel keys are the channel without its leading '#' (INI treats '#' as a comment). The file
// is $SIGHTLINE_NOTIFY_CONFIG if set, else notify.ini in the per-user config folder
// (QStandardPaths::AppConfigLocation, ~/.config/sightline/notify.ini on Linux). Webhook URLs are
// secrets: they live there, never in a workspace or a report.
struct NotifySettings
{
    QHash<QString, QUrl> webhooks; // channel without '#' -> URL
    QString incidentLink; // template with {id}; empty: link to the asset's URL instead
    WebhookOptions delivery;

    static QString defaultPath();
    // A missing file gives empty settings (nothing can be sent, dry runs still work).
    static NotifySettings load(const QString& path);

    // The URL for a channel ("#x" or "x"), or an empty URL.
    QUrl webhookFor(const QString& channel) const;
    QString linkFor(qint64 incidentId, const QString& assetUrl) const;
};

} // namespace sightline
