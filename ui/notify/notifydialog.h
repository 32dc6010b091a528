#pragma once

#include "jobs/jobtracker.h"
#include "notify/blockkit.h"
#include "notify/delivery.h"
#include "notify/notifysettings.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace sightline {
class LineageGraph;
}

namespace sightline::ui {

// "Notify…" for one incident: first who will hear about it and why (and the downstream
// dashboards nobody would hear about), then each recipient's Block Kit message, previewed and
// copyable. Sending is explicit, only to channels with a webhook in the notify settings
// (NotifySettings::defaultPath()), and runs on a worker thread; the result per channel is shown
// and every attempt lands on the incident's timeline.
class NotifyDialog : public QDialog
{
    Q_OBJECT
public:
    NotifyDialog(const QString& workspacePath, std::shared_ptr<const LineageGraph> graph, qint64 incidentId,
                 const QString& actor, QWidget* parent = nullptr);

    bool isLoading() const
    {
        return m_loadJob.isRunning();
    }
    bool isSending() const
    {
        return m_sendJob.isRunning();
    }
    const QList<ChannelMessage>& messages() const
    {
        return m_messages;
    }
    const Routing& routing() const
    {
        return m_routing;
    }
    // Channels the Send button would post to.
    QStringList sendableChannels() const;
    QString routingText() const;
    QPushButton* sendButton() const
    {
        return m_send;
    }
    QTabWidget* messageTabs() const
    {
        return m_tabs;
    }
    // The pretty-printed JSON of message i, as previewed and copied.
    static QString messageJson(const ChannelMessage& message);

    void send();
    void copyMessage(int index);

Q_SIGNALS:
    void loaded();
    // Delivery ended; reports per message (in messages() order, unsent ones too).
    void sent(const QList<sightline::DeliveryReport>& reports);

private:
    struct Loaded;
    void load();
    void showLoaded(const Loaded& loaded);
    void showReports(const QList<DeliveryReport>& reports);
    QString routingHtml() const;

    QString m_path;
    std::shared_ptr<const LineageGraph> m_graph;
    qint64 m_id;
    QString m_actor;
    JobTracker m_loadJob;
    JobTracker m_sendJob;
    NotifySettings m_settings;
    Routing m_routing;
    QList<ChannelMessage> m_messages;
    QTextBrowser* m_routingView;
    QTabWidget* m_tabs;
    QList<QLabel*> m_results; // one per message tab
    QLabel* m_status;
    QPushButton* m_send;
};

} // namespace sightline::ui
