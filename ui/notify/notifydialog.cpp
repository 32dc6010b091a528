#include "notifydialog.h"

#include "incidents/incidentstore.h"
#include "lineage/lineagegraph.h"
#include "routing/routing.h"
#include "store/workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sightline::ui {

struct NotifyDialog::Loaded
{
    QString error;
    NotifySettings settings;
    Routing routing;
    QList<ChannelMessage> messages;
};

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString recipientName(const Recipient& r)
{
    if (!r.channel.isEmpty())
        return r.channel;
    if (!r.owners.isEmpty())
        return r.owners.join(QStringLiteral(", "));
    return r.teams.join(QStringLiteral(", "));
}

} // namespace

NotifyDialog::NotifyDialog(const QString& workspacePath, std::shared_ptr<const LineageGraph> graph, qint64 incidentId,
                           const QString& actor, QWidget* parent)
    : QDialog(parent)
    , m_path(workspacePath)
    , m_graph(std::move(graph))
    , m_id(incidentId)
    , m_actor(actor)
    , m_loadJob(this)
    , m_sendJob(this)
    , m_routingView(new QTextBrowser(this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
{
    setObjectName(QStringLiteral("notifyDialog"));
    setWindowTitle(tr("Notify about incident #%1").arg(incidentId));
    resize(900, 640);
    m_routingView->setObjectName(QStringLiteral("notifyRouting"));
    m_routingView->setOpenLinks(false);
    m_tabs->setObjectName(QStringLiteral("notifyMessages"));
    m_status->setObjectName(QStringLiteral("notifyStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Working out who must hear about it…"));
    m_send->setObjectName(QStringLiteral("notifySend"));
    m_send->setEnabled(false);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto* who = new QLabel(tr("<b>1. Who will hear about it</b>"), top);
    topLayout->addWidget(who);
    topLayout->addWidget(m_routingView, 1);
    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(new QLabel(tr("<b>2. The message each one gets</b> (Slack Block Kit JSON)"), bottom));
    bottomLayout->addWidget(m_tabs, 1);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({170, 430});

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    m_send->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &NotifyDialog::send);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    load();
}

void NotifyDialog::load()
{
    m_loadJob.start(
        [path = m_path, graph = m_graph, id = m_id](const JobTracker::CancelPredicate&) {
            Loaded out;
            try {
                out.settings = NotifySettings::load(NotifySettings::defaultPath());
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
                IncidentStore store(ws->db());
                const auto incident = store.incident(id);
                if (!incident) {
                    out.error = QObject::tr("There is no incident %1.").arg(id);
                    return out;
                }
                out.routing = routeIncident(*graph, graph->indexOf(incident->assetKey));
                MessageContext context;
                context.dataTime = ws->dataTime();
                context.link = out.settings.linkFor(id, out.routing.asset.url);
                out.messages = buildMessages(*incident, out.routing, context);
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this](const Loaded& loaded) {
            showLoaded(loaded);
            Q_EMIT this->loaded();
        });
}

void NotifyDialog::showLoaded(const Loaded& loaded)
{
    if (!loaded.error.isEmpty()) {
        m_status->setText(tr("Cannot prepare the messages: %1").arg(loaded.error));
        return;
    }
    m_settings = loaded.settings;
    m_routing = loaded.routing;
    m_messages = loaded.messages;
    m_routingView->setHtml(routingHtml());

    m_tabs->clear();
    m_results.clear();
    for (int i = 0; i < m_messages.size(); ++i) {
        const ChannelMessage& message = m_messages.at(i);
        auto* page = new QWidget(m_tabs);
        auto* pageLayout = new QVBoxLayout(page);
        auto* json = new QPlainTextEdit(page);
        json->setObjectName(QStringLiteral("messageJson"));
        json->setReadOnly(true);
        json->setLineWrapMode(QPlainTextEdit::NoWrap);
        json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        json->setPlainText(messageJson(message));
        pageLayout->addWidget(json, 1);
        auto* row = new QHBoxLayout;
        const QUrl url =
            message.recipient.channel.isEmpty() ? QUrl() : m_settings.webhookFor(message.recipient.channel);
        auto* result = new QLabel(page);
        result->setObjectName(QStringLiteral("messageResult"));
        result->setWordWrap(true);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (message.recipient.channel.isEmpty())
            result->setText(
                tr("No channel: tell %1 directly (copy the message).").arg(recipientName(message.recipient)));
        else if (url.isEmpty())
            result->setText(tr("No webhook configured for %1 in %2: copy the message, or add one to send it.")
                                .arg(message.recipient.channel, NotifySettings::defaultPath()));
        else if (const QString problem = webhookUrlProblem(url); !problem.isEmpty())
            result->setText(tr("The webhook for %1 cannot be used: %2").arg(message.recipient.channel, problem));
        else
            result->setText(tr("Will be posted to the configured webhook (%1).").arg(url.host()));
        row->addWidget(result, 1);
        auto* copy = new QPushButton(tr("&Copy"), page);
        copy->setObjectName(QStringLiteral("copyMessage"));
        copy->setAutoDefault(false);
        connect(copy, &QPushButton::clicked, this, [this, i] { copyMessage(i); });
        row->addWidget(copy);
        pageLayout->addLayout(row);
        m_results.append(result);
        m_tabs->addTab(page, recipientName(message.recipient));
    }

    const QStringList sendable = sendableChannels();
    m_send->setEnabled(!sendable.isEmpty());
    if (m_messages.isEmpty())
        m_status->setText(tr("Nobody to notify: neither the asset nor anything downstream has an owner or a channel."));
    else if (sendable.isEmpty())
        m_status->setText(tr("%n message(s) ready to copy. No channel has a webhook configured, so nothing can be "
                             "sent from here.",
                             nullptr, int(m_messages.size())));
    else
        m_status->setText(tr("%n message(s) ready. Send posts to: %1. Nothing is sent until you press Send.", nullptr,
                             int(m_messages.size()))
                              .arg(sendable.join(QStringLiteral(", "))));
}

QString NotifyDialog::routingHtml() const
{
    QString h;
    h += QStringLiteral("<p>%1</p>")
             .arg(esc(tr("An incident on %1 reaches %2 downstream assets.")
                          .arg(m_routing.asset.name.isEmpty() ? m_routing.asset.key : m_routing.asset.name)
                          .arg(m_routing.downstreamCount)));
    h += QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    for (const Recipient& r : m_routing.recipients) {
        const QUrl url = r.channel.isEmpty() ? QUrl() : m_settings.webhookFor(r.channel);
        QStringList because;
        for (const auto& b : r.assets.mid(0, 4))
            because.append(
                b.distance == 0
                    ? tr("owns %1 (the incident's asset)").arg(b.name.isEmpty() ? b.key : b.name)
                    : tr("%1 (%2, %3 down)").arg(b.name.isEmpty() ? b.key : b.name, kindName(b.kind)).arg(b.distance));
        if (r.assets.size() > 4)
            because.append(tr("and %1 more").arg(r.assets.size() - 4));
        const QString who = QStringList {r.owners.join(QStringLiteral(", ")), r.teams.join(QStringLiteral(", "))}
                                .filter(QRegularExpression(QStringLiteral(".")))
                                .join(QStringLiteral(" · "));
        h += QStringLiteral("<tr><td style='white-space:nowrap'><b>%1</b></td><td style='color:#666'>%2</td>"
                            "<td>%3</td><td style='color:#666'>%4</td></tr>")
                 .arg(esc(r.channel.isEmpty() ? tr("(no channel)") : r.channel), esc(who),
                      esc(because.join(QStringLiteral("; "))),
                      esc(r.channel.isEmpty() ? tr("tell directly")
                              : url.isEmpty() ? tr("copy only")
                                              : tr("webhook")));
    }
    h += QStringLiteral("</table>");
    if (!m_routing.gaps.isEmpty()) {
        h +=
            QStringLiteral("<p style='color:#b00020'><b>%1</b></p><ul>")
                .arg(esc(tr("%n downstream consumer(s) nobody will hear about:", nullptr, int(m_routing.gaps.size()))));
        for (const RoutingGap& gap : m_routing.gaps) {
            QStringList missing;
            if (gap.noOwner)
                missing.append(tr("no owner"));
            if (gap.noChannel)
                missing.append(tr("no channel"));
            h += QStringLiteral("<li style='color:#b00020'>%1 <span style='color:#666'>%2, %3 down — %4</span></li>")
                     .arg(esc(gap.asset.name.isEmpty() ? gap.asset.key : gap.asset.name), esc(kindName(gap.asset.kind)))
                     .arg(gap.distance)
                     .arg(esc(missing.join(QStringLiteral(", "))));
        }
        h += QStringLiteral("</ul>");
    }
    return h;
}

QString NotifyDialog::routingText() const
{
    return m_routingView->toPlainText();
}

QStringList NotifyDialog::sendableChannels() const
{
    QStringList out;
    for (const ChannelMessage& m : m_messages) {
        if (m.recipient.channel.isEmpty())
            continue;
        const QUrl url = m_settings.webhookFor(m.recipient.channel);
        if (!url.isEmpty() && webhookUrlProblem(url).isEmpty())
            out.append(m.recipient.channel);
    }
    return out;
}

QString NotifyDialog::messageJson(const ChannelMessage& message)
{
    return QString::fromStdString(message.payload.dump(2));
}

void NotifyDialog::copyMessage(int index)
{
    if (index < 0 || index >= m_messages.size())
        return;
    QApplication::clipboard()->setText(messageJson(m_messages.at(index)));
    m_status->setText(tr("Copied the message for %1.").arg(recipientName(m_messages.at(index).recipient)));
}

void NotifyDialog::send()
{
    if (m_sendJob.isRunning() || sendableChannels().isEmpty())
        return;
    m_send->setEnabled(false);
    m_status->setText(tr("Sending…"));
    for (int i = 0; i < m_results.size(); ++i) {
        if (sendableChannels().contains(m_messages.at(i).recipient.channel))
            m_results.at(i)->setText(tr("Sending…"));
    }
    m_sendJob.start(
        [path = m_path, id = m_id, messages = m_messages, settings = m_settings,
         actor = m_actor](const JobTracker::CancelPredicate&) -> std::pair<QList<DeliveryReport>, QString> {
            try {
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                IncidentStore store(ws->db());
                return {deliverMessages(store, id, messages, settings, actor), QString()};
            } catch (const std::exception& e) {
                return {{}, QString::fromUtf8(e.what())};
            }
        },
        [this](const std::pair<QList<DeliveryReport>, QString>& result) {
            if (!result.second.isEmpty()) {
                m_status->setText(tr("Nothing was sent: %1").arg(result.second));
                m_send->setEnabled(true);
                return;
            }
            showReports(result.first);
            Q_EMIT sent(result.first);
        });
}

void NotifyDialog::showReports(const QList<DeliveryReport>& reports)
{
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < reports.size() && i < m_results.size(); ++i) {
        const DeliveryReport& r = reports.at(i);
        if (!r.sent)
            continue;
        if (r.result.ok) {
            ++ok;
            m_results.at(i)->setText(tr("✔ Delivered to %1 (HTTP %2).").arg(r.target).arg(r.result.httpStatus));
            m_results.at(i)->setStyleSheet(QStringLiteral("color: #1b7f3b"));
        } else {
            ++failed;
            m_results.at(i)->setText(tr("✘ Not delivered to %1 after %n attempt(s): %2", nullptr, r.result.attempts)
                                         .arg(r.target, r.result.error));
            m_results.at(i)->setStyleSheet(QStringLiteral("color: #b00020"));
        }
    }
    m_status->setText(
        failed == 0
            ? tr("Delivered to %n channel(s); recorded on the incident's timeline.", nullptr, ok)
            : tr("Delivered to %1, failed for %2; every attempt is on the incident's timeline.").arg(ok).arg(failed));
    m_send->setText(tr("Send &again"));
    m_send->setEnabled(true);
}

} // namespace sightline::ui
