#pragma once

#include "theme/theme.h"

#include <QByteArray>
#include <QMap>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace sightline::ui {

// Typed access to the user's settings (QSettings: ~/.config/sightline/sightline.conf on Linux).
// Every setter writes through at once. Construct one where needed: instances share the file.
class AppSettings
{
public:
    AppSettings();
    // For tests: a settings file of its own.
    explicit AppSettings(const QString& iniPath);

    static constexpr int kMaxRecent = 10;

    // Most recent first, without duplicates; files that no longer exist are left out.
    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString& path);
    void clearRecentWorkspaces();
    QString lastWorkspace() const;

    ThemeMode theme() const;
    void setTheme(ThemeMode mode);

    int upstreamDepth() const; // default 2
    void setUpstreamDepth(int depth);
    int downstreamDepth() const; // default 2
    void setDownstreamDepth(int depth);
    // How the lineage overview collapses large graphs: "dataset", "platform", "owner" or "team".
    QString grouping() const;
    void setGrouping(const QString& grouping);

    // Incoming-webhook URL per alert channel (e.g. "#data-alerts"); empty when not configured.
    // Kept in the notification settings file the command line's `notify` reads too
    // (NotifySettings::defaultPath(); beside the settings file for a test instance).
    QMap<QString, QString> webhooks() const;
    QString webhookUrl(const QString& channel) const;
    void setWebhooks(const QMap<QString, QString>& urls);

    // The name the incident timeline shows for this user's actions; defaults to the OS user.
    QString displayName() const;
    void setDisplayName(const QString& name);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

    QString fileName() const
    {
        return m_settings.fileName();
    }

private:
    mutable QSettings m_settings;
    QString m_notifyPath;
};

} // namespace sightline::ui
