#include "appsettings.h"

#include <QDir>
#include <QFileInfo>

namespace sightline::ui {

namespace {
const QString kRecent = QStringLiteral("recentWorkspaces");
const QString kLast = QStringLiteral("lastWorkspace");
const QString kTheme = QStringLiteral("theme");
const QString kUpstream = QStringLiteral("lineage/upstreamDepth");
const QString kDownstream = QStringLiteral("lineage/downstreamDepth");
const QString kGrouping = QStringLiteral("lineage/grouping");
const QString kWebhooks = QStringLiteral("webhooks");
const QString kDisplayName = QStringLiteral("displayName");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");

int clampDepth(int depth)
{
    return std::clamp(depth, 0, 99);
}
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString& iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
{
}

QStringList AppSettings::recentWorkspaces() const
{
    QStringList existing;
    for (const QString& path : m_settings.value(kRecent).toStringList()) {
        if (QFileInfo::exists(path))
            existing.append(path);
    }
    return existing;
}

void AppSettings::addRecentWorkspace(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = m_settings.value(kRecent).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecent)
        list.removeLast();
    m_settings.setValue(kRecent, list);
    m_settings.setValue(kLast, absolute);
}

void AppSettings::clearRecentWorkspaces()
{
    m_settings.remove(kRecent);
}

QString AppSettings::lastWorkspace() const
{
    return m_settings.value(kLast).toString();
}

ThemeMode AppSettings::theme() const
{
    return themeModeFromName(m_settings.value(kTheme).toString());
}

void AppSettings::setTheme(ThemeMode mode)
{
    m_settings.setValue(kTheme, themeModeName(mode));
}

int AppSettings::upstreamDepth() const
{
    return clampDepth(m_settings.value(kUpstream, 2).toInt());
}

void AppSettings::setUpstreamDepth(int depth)
{
    m_settings.setValue(kUpstream, clampDepth(depth));
}

int AppSettings::downstreamDepth() const
{
    return clampDepth(m_settings.value(kDownstream, 2).toInt());
}

void AppSettings::setDownstreamDepth(int depth)
{
    m_settings.setValue(kDownstream, clampDepth(depth));
}

QString AppSettings::grouping() const
{
    const QString value = m_settings.value(kGrouping).toString();
    for (const char* known : {"dataset", "platform", "owner", "team"}) {
        if (value == QLatin1String(known))
            return value;
    }
    return QStringLiteral("dataset");
}

void AppSettings::setGrouping(const QString& grouping)
{
    m_settings.setValue(kGrouping, grouping);
}

QMap<QString, QString> AppSettings::webhooks() const
{
    // A list of [channel, url] pairs rather than one key per channel: channel names carry
    // characters ('#', '/') that settings keys do not keep.
    QMap<QString, QString> urls;
    const QVariantList pairs = m_settings.value(kWebhooks).toList();
    for (const QVariant& pair : pairs) {
        const QStringList p = pair.toStringList();
        if (p.size() == 2 && !p.at(0).isEmpty() && !p.at(1).isEmpty())
            urls.insert(p.at(0), p.at(1));
    }
    return urls;
}

QString AppSettings::webhookUrl(const QString& channel) const
{
    return webhooks().value(channel);
}

void AppSettings::setWebhooks(const QMap<QString, QString>& urls)
{
    QVariantList pairs;
    for (auto it = urls.begin(); it != urls.end(); ++it) {
        if (!it.key().trimmed().isEmpty() && !it.value().trimmed().isEmpty())
            pairs.append(QStringList {it.key().trimmed(), it.value().trimmed()});
    }
    m_settings.setValue(kWebhooks, pairs);
}

QString AppSettings::displayName() const
{
    const QString name = m_settings.value(kDisplayName).toString().trimmed();
    if (!name.isEmpty())
        return name;
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QDir::home().dirName() : user;
}

void AppSettings::setDisplayName(const QString& name)
{
    m_settings.setValue(kDisplayName, name.trimmed());
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(kState).toByteArray();
}

void AppSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    m_settings.setValue(kGeometry, geometry);
    m_settings.setValue(kState, state);
}

} // namespace sightline::ui
