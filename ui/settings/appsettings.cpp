#include "appsettings.h"

#include "notify/notifysettings.h"

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

AppSettings::AppSettings()
    : m_notifyPath(NotifySettings::defaultPath())
{
}

AppSettings::AppSettings(const QString& iniPath)
    : m_settings(iniPath, QSettings::IniFormat)
    , m_notifyPath(QFileInfo(iniPath).dir().filePath(QStringLiteral("notify.ini")))
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
    QMap<QString, QString> urls;
    const NotifySettings notify = NotifySettings::load(m_notifyPath);
    for (auto it = notify.webhooks.begin(); it != notify.webhooks.end(); ++it)
        urls.insert(QStringLiteral("#") + it.key(), it.value().toString());
    return urls;
}

QString AppSettings::webhookUrl(const QString& channel) const
{
    return NotifySettings::load(m_notifyPath).webhookFor(channel).toString();
}

void AppSettings::setWebhooks(const QMap<QString, QString>& urls)
{
    // The file also holds link and delivery settings: only the webhooks group is replaced.
    QSettings file(m_notifyPath, QSettings::IniFormat);
    file.remove(kWebhooks);
    file.beginGroup(kWebhooks);
    for (auto it = urls.begin(); it != urls.end(); ++it) {
        QString channel = it.key().trimmed();
        if (channel.startsWith(u'#'))
            channel.remove(0, 1);
        if (!channel.isEmpty() && !it.value().trimmed().isEmpty())
            file.setValue(channel, it.value().trimmed());
    }
    file.endGroup();
    file.sync();
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
