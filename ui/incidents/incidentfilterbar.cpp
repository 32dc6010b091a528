#include "incidentfilterbar.h"

#include "incidentqueuemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {
enum StatusChoice
{
    NeedsAttention = -1,
    AnyStatus = -2,
};

QString withCount(const QString& label, int count)
{
    return QStringLiteral("%1 (%2)").arg(label).arg(count);
}
} // namespace

IncidentFilterBar::IncidentFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_searchDelay(new QTimer(this))
{
    // Two rows (search, then the filters) so that the queue stays narrow enough for the detail
    // page beside it.
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("incidentSearch"));
    m_search->setPlaceholderText(tr("Search incidents: asset, team, owner, assignee, text… (/)"));
    m_search->setClearButtonEnabled(true);
    rows->addWidget(m_search);
    m_combos = new QHBoxLayout;
    rows->addLayout(m_combos);

    m_status = addCombo(tr("Status"), QStringLiteral("statusFilter"));
    m_status->setMinimumContentsLength(20); // "Needs attention (1234)"
    m_status->addItem(tr("Needs attention"), int(NeedsAttention));
    m_status->addItem(tr("All statuses"), int(AnyStatus));
    for (IncidentStatus s : allStatuses())
        m_status->addItem(statusLabel(s), int(s));
    m_severity = addCombo(tr("Severity"), QStringLiteral("severityFilter"));
    m_severity->addItem(tr("Any severity"), 0);
    for (Severity s : {Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4})
        m_severity->addItem(severityName(s), int(s));
    m_kind = addCombo(tr("Kind"), QStringLiteral("kindFilter"));
    m_kind->addItem(tr("Any kind"), -1);
    for (IncidentKind k : {IncidentKind::Freshness, IncidentKind::Volume, IncidentKind::Schema,
                           IncidentKind::Distribution, IncidentKind::Test})
        m_kind->addItem(kindLabel(k), int(k));
    m_team = addCombo(tr("Team"), QStringLiteral("teamFilter"));
    m_platform = addCombo(tr("Platform"), QStringLiteral("platformFilter"));
    m_time = addCombo(tr("Time"), QStringLiteral("timeFilter"));
    m_time->addItem(tr("Any time"), 0);
    m_time->addItem(tr("Last 24 h"), 1);
    m_time->addItem(tr("Last 7 days"), 7);
    m_time->addItem(tr("Last 30 days"), 30);
    m_group = addCombo(tr("Group"), QStringLiteral("groupingChoice"));
    m_group->addItem(tr("No grouping"), int(IncidentQueueProxy::Grouping::None));
    m_group->addItem(tr("By root cause"), int(IncidentQueueProxy::Grouping::RootCause));
    m_group->addItem(tr("By team"), int(IncidentQueueProxy::Grouping::Team));
    m_group->addItem(tr("By asset"), int(IncidentQueueProxy::Grouping::Asset));
    m_combos->addStretch(1);
    setChoices({}, {}, {});

    for (QComboBox* box : {m_status, m_severity, m_kind, m_team, m_platform, m_time})
        connect(box, &QComboBox::activated, this, &IncidentFilterBar::filterChanged);
    connect(m_group, &QComboBox::activated, this, &IncidentFilterBar::groupingChanged);
    // Typing refilters after a short pause, not on every key.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(120);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &IncidentFilterBar::filterChanged);
}

QComboBox* IncidentFilterBar::addCombo(const QString& label, const QString& objectName)
{
    auto* box = new QComboBox(this);
    box->setObjectName(objectName);
    box->setToolTip(label);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(10);
    m_combos->addWidget(box);
    return box;
}

void IncidentFilterBar::setChoices(const QStringList& teams, const QStringList& platforms, const QDateTime& dataTime)
{
    m_dataTime = dataTime;
    const QString team = m_team->currentData().toString();
    m_team->clear();
    m_team->addItem(tr("Any team"), QString());
    for (const QString& t : teams)
        m_team->addItem(t, t);
    m_team->setCurrentIndex(std::max(0, m_team->findData(team)));
    const QString platform = m_platform->currentData().toString();
    m_platform->clear();
    m_platform->addItem(tr("Any platform"), QString());
    for (const QString& p : platforms)
        m_platform->addItem(p, p);
    m_platform->setCurrentIndex(std::max(0, m_platform->findData(platform)));
}

void IncidentFilterBar::setCounts(const QueueCounts& counts)
{
    int unresolved = 0;
    int all = 0;
    for (auto it = counts.status.cbegin(); it != counts.status.cend(); ++it) {
        all += it.value();
        if (!isResolved(it.key()))
            unresolved += it.value();
    }
    m_status->setItemText(0, withCount(tr("Needs attention"), unresolved));
    m_status->setItemText(1, withCount(tr("All statuses"), all));
    for (int i = 2; i < m_status->count(); ++i) {
        const auto s = IncidentStatus(m_status->itemData(i).toInt());
        m_status->setItemText(i, withCount(statusLabel(s), counts.status.value(s)));
    }
    for (int i = 1; i < m_severity->count(); ++i) {
        const auto s = Severity(m_severity->itemData(i).toInt());
        m_severity->setItemText(i, withCount(severityName(s), counts.severity.value(s)));
    }
    for (int i = 1; i < m_kind->count(); ++i) {
        const auto k = IncidentKind(m_kind->itemData(i).toInt());
        m_kind->setItemText(i, withCount(kindLabel(k), counts.kind.value(k)));
    }
    for (int i = 1; i < m_team->count(); ++i) {
        const QString t = m_team->itemData(i).toString();
        m_team->setItemText(i, withCount(t, counts.team.value(t)));
    }
    for (int i = 1; i < m_platform->count(); ++i) {
        const QString p = m_platform->itemData(i).toString();
        m_platform->setItemText(i, withCount(p, counts.platform.value(p)));
    }
}

QueueFilter IncidentFilterBar::filter() const
{
    QueueFilter f;
    const int status = m_status->currentData().toInt();
    if (status == NeedsAttention)
        f = QueueFilter::needsAttention();
    else if (status != AnyStatus)
        f.statuses = {IncidentStatus(status)};
    if (const int s = m_severity->currentData().toInt())
        f.severities = {Severity(s)};
    if (const int k = m_kind->currentData().toInt(); k >= 0)
        f.kinds = {IncidentKind(k)};
    f.team = m_team->currentData().toString();
    f.platform = m_platform->currentData().toString();
    if (const int days = m_time->currentData().toInt(); days > 0 && m_dataTime.isValid()) {
        f.from = days == 1 ? m_dataTime.addSecs(-24 * 3600) : m_dataTime.addDays(-days);
    }
    f.text = m_search->text();
    return f;
}

IncidentQueueProxy::Grouping IncidentFilterBar::grouping() const
{
    return IncidentQueueProxy::Grouping(m_group->currentData().toInt());
}

} // namespace sightline::ui
