#include "notifysettings.h"

#include <QSettings>
#include <QStandardPaths>

namespace sightline {

namespace {
QString channelKey(const QString& channel)
{
    QString key = channel.trimmed();
    if (key.startsWith(u'#'))
        key.remove(0, 1);
    return key.toLower();
}
} // namespace

QString NotifySettings::defaultPath()
{
    const QString fromEnv = qEnvironmentVariable("SIGHTLINE_NOTIFY_CONFIG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/notify.ini");
}

NotifySettings NotifySettings::load(const QString& path)
{
    NotifySettings out;
    QSettings ini(path, QSettings::IniFormat);
    ini.beginGroup(QStringLiteral("webhooks"));
    for (const QString& key : ini.childKeys())
        out.webhooks.insert(channelKey(key), QUrl(ini.value(key).toString().trimmed(), QUrl::StrictMode));
    ini.endGroup();
    out.incidentLink = ini.value(QStringLiteral("links/incident")).toString().trimmed();
    out.delivery.timeoutMs =
        std::clamp(ini.value(QStringLiteral("delivery/timeout_ms"), out.delivery.timeoutMs).toInt(), 100, 120'000);
    out.delivery.maxAttempts =
        std::clamp(ini.value(QStringLiteral("delivery/attempts"), out.delivery.maxAttempts).toInt(), 1, 10);
    out.delivery.initialBackoffMs =
        std::clamp(ini.value(QStringLiteral("delivery/backoff_ms"), out.delivery.initialBackoffMs).toInt(), 0, 60'000);
    return out;
}

QUrl NotifySettings::webhookFor(const QString& channel) const
{
    return webhooks.value(channelKey(channel));
}

QString NotifySettings::linkFor(qint64 incidentId, const QString& assetUrl) const
{
    if (incidentLink.isEmpty())
        return assetUrl;
    QString link = incidentLink;
    return link.replace(QStringLiteral("{id}"), QString::number(incidentId));
}

} // namespace sightline
