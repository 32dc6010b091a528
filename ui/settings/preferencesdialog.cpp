#include "preferencesdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sightline::ui {

PreferencesDialog::PreferencesDialog(AppSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_theme(new QComboBox(this))
    , m_upstream(new QSpinBox(this))
    , m_downstream(new QSpinBox(this))
    , m_grouping(new QComboBox(this))
    , m_displayName(new QLineEdit(this))
    , m_webhooks(new QTableWidget(0, 2, this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("preferences"));
    setWindowTitle(tr("Preferences"));
    resize(560, 480);

    m_theme->addItem(tr("Follow the desktop"), themeModeName(ThemeMode::System));
    m_theme->addItem(tr("Light"), themeModeName(ThemeMode::Light));
    m_theme->addItem(tr("Dark"), themeModeName(ThemeMode::Dark));
    m_theme->setCurrentIndex(m_theme->findData(themeModeName(settings.theme())));
    for (QSpinBox* box : {m_upstream, m_downstream}) {
        box->setRange(0, 99);
        box->setSpecialValueText(tr("none"));
    }
    m_upstream->setValue(settings.upstreamDepth());
    m_downstream->setValue(settings.downstreamDepth());
    m_grouping->addItem(tr("Dataset"), QStringLiteral("dataset"));
    m_grouping->addItem(tr("Platform"), QStringLiteral("platform"));
    m_grouping->addItem(tr("Owner"), QStringLiteral("owner"));
    m_grouping->addItem(tr("Team"), QStringLiteral("team"));
    m_grouping->setCurrentIndex(m_grouping->findData(settings.grouping()));
    m_displayName->setText(settings.displayName());
    m_displayName->setToolTip(tr("Shown on incident timelines for your changes and comments"));

    m_webhooks->setHorizontalHeaderLabels({tr("Channel"), tr("Incoming-webhook URL")});
    m_webhooks->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_webhooks->verticalHeader()->hide();
    const auto urls = settings.webhooks();
    for (auto it = urls.begin(); it != urls.end(); ++it) {
        const int row = m_webhooks->rowCount();
        m_webhooks->insertRow(row);
        m_webhooks->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_webhooks->setItem(row, 1, new QTableWidgetItem(it.value()));
    }
    auto* add = new QPushButton(tr("&Add Channel"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_webhooks->rowCount();
        m_webhooks->insertRow(row);
        m_webhooks->setItem(row, 0, new QTableWidgetItem(QStringLiteral("#")));
        m_webhooks->setItem(row, 1, new QTableWidgetItem(QStringLiteral("https://hooks.slack.com/services/")));
        m_webhooks->editItem(m_webhooks->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_webhooks->currentRow() >= 0)
            m_webhooks->removeRow(m_webhooks->currentRow());
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Default &upstream depth:"), m_upstream);
    form->addRow(tr("Default &downstream depth:"), m_downstream);
    form->addRow(tr("&Group large graphs by:"), m_grouping);
    form->addRow(tr("Your &name:"), m_displayName);

    auto* hookButtons = new QHBoxLayout;
    hookButtons->addWidget(add);
    hookButtons->addWidget(remove);
    hookButtons->addStretch(1);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d1242f"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Slack webhooks (sending is always explicit):"), this));
    layout->addWidget(m_webhooks);
    layout->addLayout(hookButtons);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString PreferencesDialog::webhookProblem(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return tr("not a valid URL");
    if (url.scheme() == u"https")
        return {};
    const QHostAddress address(url.host());
    const bool loopback = url.host() == u"localhost" || (!address.isNull() && address.isLoopback());
    if (url.scheme() == u"http" && loopback)
        return {};
    return tr("only https:// URLs are allowed (plain http only to this machine)");
}

void PreferencesDialog::accept()
{
    QMap<QString, QString> urls;
    for (int row = 0; row < m_webhooks->rowCount(); ++row) {
        const QString channel = m_webhooks->item(row, 0) ? m_webhooks->item(row, 0)->text().trimmed() : QString();
        const QString url = m_webhooks->item(row, 1) ? m_webhooks->item(row, 1)->text().trimmed() : QString();
        if (channel.isEmpty() && url.isEmpty())
            continue;
        const QString problem = channel.isEmpty() ? tr("a channel name is missing") : webhookProblem(url);
        if (!problem.isEmpty()) {
            m_error->setText(
                tr("Webhook for %1: %2.").arg(channel.isEmpty() ? tr("row %1").arg(row + 1) : channel, problem));
            m_error->show();
            m_webhooks->setCurrentCell(row, 1);
            return;
        }
        urls.insert(channel, url);
    }
    const ThemeMode theme = themeModeFromName(m_theme->currentData().toString());
    m_settings.setTheme(theme);
    m_settings.setUpstreamDepth(m_upstream->value());
    m_settings.setDownstreamDepth(m_downstream->value());
    m_settings.setGrouping(m_grouping->currentData().toString());
    m_settings.setDisplayName(m_displayName->text());
    m_settings.setWebhooks(urls);
    applyTheme(theme);
    QDialog::accept();
}

} // namespace sightline::ui
