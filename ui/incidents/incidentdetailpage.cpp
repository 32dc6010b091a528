#include "incidentdetailpage.h"

#include "incidentqueuemodel.h"

#include "charts/assethistoryview.h"
#include "detect/feedback.h"
#include "incidents/severity.h"
#include "store/workspace.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sightline::ui {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString number(double value)
{
    return QLocale::c().toString(value, 'g', 10);
}

QString when(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QStringLiteral("-");
}

QString assetLink(const Asset& asset)
{
    const QString label = asset.name.isEmpty() ? asset.key : asset.name;
    return QStringLiteral("<a href=\"asset:%1\">%2</a>")
        .arg(QString::fromLatin1(QUrl::toPercentEncoding(asset.key)), esc(label));
}

QString expectedVsObserved(const Incident& i)
{
    QString expected;
    if (i.expectedLow && i.expectedHigh)
        expected = QObject::tr("expected %1 – %2").arg(number(*i.expectedLow), number(*i.expectedHigh));
    else if (i.expectedLow)
        expected = QObject::tr("expected at least %1").arg(number(*i.expectedLow));
    else if (i.expectedHigh)
        expected = QObject::tr("expected at most %1").arg(number(*i.expectedHigh));
    QString observed;
    if (i.observed)
        observed = QObject::tr("observed %1").arg(number(*i.observed));
    else if (!i.observedText.isEmpty())
        observed = QObject::tr("observed %1").arg(i.observedText);
    QStringList parts;
    for (const QString& p : {expected, observed}) {
        if (!p.isEmpty())
            parts.append(p);
    }
    if (i.score)
        parts.append(QObject::tr("score %1").arg(number(*i.score)));
    if (!i.direction.isEmpty())
        parts.append(i.direction);
    return parts.join(QStringLiteral(", "));
}

QString eventText(const IncidentEvent& e)
{
    const QString from = e.oldValue.isEmpty() ? QObject::tr("none") : e.oldValue;
    const QString to = e.newValue.isEmpty() ? QObject::tr("none") : e.newValue;
    QString what;
    if (e.type == QLatin1String("detected"))
        what = QObject::tr("detected");
    else if (e.type == QLatin1String("comment"))
        what = QObject::tr("commented");
    else if (e.type == QLatin1String("comment_retracted"))
        what = QObject::tr("retracted a comment");
    else if (e.type == QLatin1String("status") || e.type == QLatin1String("assignee")
             || e.type == QLatin1String("severity") || e.type == QLatin1String("snooze")
             || e.type == QLatin1String("group"))
        what = QObject::tr("%1: %2 → %3").arg(e.type, from, to);
    else
        what = e.newValue.isEmpty() ? e.type : QObject::tr("%1: %2").arg(e.type, e.newValue);
    QString html = QStringLiteral("<b>%1</b>").arg(esc(what));
    if (!e.comment.isEmpty())
        html += QStringLiteral(" — %1").arg(esc(e.comment));
    return html;
}

struct Loaded
{
    std::optional<IncidentDetail> detail;
    QList<CauseCandidate> causes;
};

bool askConfirm(QWidget* parent, const QString& question)
{
    return QMessageBox::question(parent, QObject::tr("Train as new normal"), question,
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

} // namespace

IncidentDetailPage::IncidentDetailPage(QWidget* parent)
    : QWidget(parent)
    , m_job(this)
    , m_trainJob(this)
    , m_confirm(askConfirm)
    , m_title(new QLabel(this))
    , m_chartSlot(new QFrame(this))
    , m_chartLayout(new QVBoxLayout(m_chartSlot))
    , m_chartText(new QLabel(m_chartSlot))
    , m_browser(new QTextBrowser(this))
    , m_chart(new AssetHistoryView(m_chartSlot))
    , m_causes(new QTreeWidget(this))
    , m_notify(new QPushButton(tr("&Notify…"), this))
    , m_train(new QPushButton(tr("&Train as new normal from here…"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title->setObjectName(QStringLiteral("incidentTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    layout->addWidget(m_title);
    auto* header = new QHBoxLayout;
    m_notify->setObjectName(QStringLiteral("notifyButton"));
    m_notify->setToolTip(tr("Who must hear about it, their messages, and sending (n in the queue)"));
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_train->setToolTip(tr("The asset's detectors learn only from the incident's window on: the new level is normal"));
    for (QPushButton* b : {m_notify, m_train}) {
        b->setEnabled(false);
        b->setAutoDefault(false);
        header->addWidget(b);
    }
    header->addStretch(1);
    layout->addLayout(header);
    connect(m_notify, &QPushButton::clicked, this, [this] {
        if (m_id > 0)
            Q_EMIT notifyRequested(m_id);
    });
    connect(m_train, &QPushButton::clicked, this, &IncidentDetailPage::trainAsNewNormal);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    m_chartSlot->setObjectName(QStringLiteral("incidentChartSlot"));
    static_cast<QFrame*>(m_chartSlot)->setFrameShape(QFrame::StyledPanel);
    m_chartSlot->setMinimumHeight(72);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chartText->setWordWrap(true);
    m_chartText->setTextFormat(Qt::PlainText);
    m_chartText->setAlignment(Qt::AlignCenter);
    m_chartText->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_chartLayout->addWidget(m_chartText);
    m_chart->setObjectName(QStringLiteral("incidentChart"));
    m_chart->setMinimumHeight(260);
    m_chartLayout->addWidget(m_chart, 1);
    splitter->addWidget(m_chartSlot);

    auto* causesBox = new QWidget(splitter);
    auto* causesLayout = new QVBoxLayout(causesBox);
    causesLayout->setContentsMargins(0, 0, 0, 0);
    auto* causesLabel = new QLabel(tr("<b>Likely root causes upstream</b> (click to focus the asset)"), causesBox);
    causesLayout->addWidget(causesLabel);
    m_causes->setObjectName(QStringLiteral("rootCauses"));
    m_causes->setColumnCount(3);
    m_causes->setHeaderLabels({tr("Candidate / evidence"), tr("Up"), tr("Score")});
    m_causes->header()->setStretchLastSection(false);
    m_causes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_causes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_causes->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_causes->setWordWrap(true);
    m_causes->setRootIsDecorated(true);
    m_causes->setUniformRowHeights(false);
    causesLayout->addWidget(m_causes, 1);
    connect(m_causes, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        while (item->parent())
            item = item->parent();
        const QString key = item->data(0, Qt::UserRole).toString();
        if (!key.isEmpty())
            Q_EMIT assetActivated(key);
    });
    splitter->addWidget(causesBox);

    m_browser->setObjectName(QStringLiteral("incidentDetail"));
    m_browser->setOpenLinks(false);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 3);
    splitter->setSizes({340, 140, 340});
    layout->addWidget(splitter, 1);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        const QString target = url.toString(QUrl::FullyDecoded);
        if (target.startsWith(u"asset:"))
            Q_EMIT assetActivated(target.mid(6));
        else if (target.startsWith(u"incident:"))
            Q_EMIT incidentActivated(target.mid(9).toLongLong());
    });
    m_title->setText(tr("No incident selected"));
}

void IncidentDetailPage::setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph)
{
    m_path = path;
    m_graph = std::move(graph);
    m_id = 0;
    m_job.discard();
    m_chart->setWorkspace(path);
    m_chart->clear();
    m_chartIncident = 0;
    showCauses({});
    m_notify->setEnabled(false);
    m_train->setEnabled(false);
    m_title->setText(tr("No incident selected"));
    m_browser->clear();
}

void IncidentDetailPage::showIncident(qint64 id)
{
    m_id = id;
    if (id <= 0 || m_path.isEmpty() || !m_graph) {
        m_job.discard();
        m_title->setText(tr("No incident selected"));
        m_chartText->clear();
        m_browser->clear();
        m_chart->clear();
        m_chartIncident = 0;
        showCauses({});
        m_notify->setEnabled(false);
        m_train->setEnabled(false);
        return;
    }
    m_job.start(
        [path = m_path, graph = m_graph, id](const JobTracker::CancelPredicate&) -> Loaded {
            Loaded out;
            try {
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
                out.detail = loadIncidentDetail(*ws, *graph, id);
                if (out.detail)
                    out.causes = rankCauses(*ws, *graph, out.detail->incident);
            } catch (const std::exception&) {
                out.detail.reset();
            }
            return out;
        },
        [this, id](const Loaded& result) {
            if (!result.detail) {
                m_title->setText(tr("Incident %1 could not be read").arg(id));
                m_browser->clear();
                showCauses({});
                return;
            }
            setDetail(*result.detail);
            showCauses(result.causes);
            Q_EMIT loaded(id);
        });
}

void IncidentDetailPage::reload()
{
    showIncident(m_id);
}

void IncidentDetailPage::setDetail(const IncidentDetail& detail)
{
    const Incident& i = detail.incident;
    const bool newIncident = m_id != i.id || m_title->text().isEmpty();
    m_id = i.id;
    m_title->setText(tr("#%1 · %2 · %3 on %4")
                         .arg(i.id)
                         .arg(severityName(i.severity), kindLabel(i.kind),
                              detail.asset.name.isEmpty() ? i.assetKey : detail.asset.name));
    m_incident = i;
    m_notify->setEnabled(true);
    m_train->setEnabled(true);
    const QString text = expectedVsObserved(i);
    m_chartText->setText(text.isEmpty() ? tr("(no series for this incident)")
                                        : tr("%1\nwindow %2 → %3").arg(text, when(i.windowStart), when(i.windowEnd)));
    const QPoint scroll(m_browser->horizontalScrollBar()->value(), m_browser->verticalScrollBar()->value());
    m_html = renderHtml(detail);
    m_browser->setHtml(m_html);
    if (!newIncident) {
        m_browser->horizontalScrollBar()->setValue(scroll.x());
        m_browser->verticalScrollBar()->setValue(scroll.y());
    }
    if (m_chartIncident != i.id && !m_path.isEmpty()) {
        m_chartIncident = i.id;
        m_chart->showIncident(i.assetKey, i.id);
    }
    Q_EMIT chartRequested(i);
}

void IncidentDetailPage::showCauses(const QList<CauseCandidate>& causes)
{
    m_causeList = causes;
    m_causes->clear();
    if (causes.isEmpty()) {
        auto* none = new QTreeWidgetItem(m_causes, {tr("Nothing upstream misbehaved before it.")});
        none->setFlags(Qt::ItemIsEnabled);
        none->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
        return;
    }
    for (const CauseCandidate& c : causes) {
        const QString name = c.asset.name.isEmpty() ? c.asset.key : c.asset.name;
        auto* item = new QTreeWidgetItem(m_causes);
        item->setText(0, c.demotedBecause.isEmpty() ? name : tr("%1 — probably a symptom too").arg(name));
        item->setToolTip(0, c.demotedBecause.isEmpty() ? c.asset.key : c.demotedBecause);
        item->setText(1, QString::number(c.distance));
        item->setText(2, QLocale::c().toString(c.score, 'f', 2));
        item->setData(0, Qt::UserRole, c.asset.key);
        QFont bold = item->font(0);
        bold.setBold(c.demotedBecause.isEmpty());
        item->setFont(0, bold);
        for (const CauseEvidence& e : c.evidence) {
            auto* child = new QTreeWidgetItem(item, {QStringLiteral("%1 · %2").arg(when(e.at), e.text)});
            child->setToolTip(0, e.text);
        }
    }
    m_causes->expandToDepth(0);
    if (QTreeWidgetItem* first = m_causes->topLevelItem(0))
        first->setExpanded(true);
}

void IncidentDetailPage::setConfirm(Confirm confirm)
{
    m_confirm = std::move(confirm);
}

void IncidentDetailPage::trainAsNewNormal()
{
    if (m_id <= 0 || m_path.isEmpty() || m_trainJob.isRunning())
        return;
    const Incident incident = m_incident;
    const QDateTime since = incident.windowStart.isValid() ? incident.windowStart : incident.detectedAt;
    const QString question =
        tr("From %1 on, treat what %2 does as normal? Its detectors forget the history before that and learn the "
           "new level from there; incidents it would have raised on the old level stop.")
            .arg(when(since), incident.assetKey);
    if (!m_confirm || !m_confirm(this, question))
        return;
    m_train->setEnabled(false);
    m_trainJob.start(
        [path = m_path, key = incident.assetKey, since](const JobTracker::CancelPredicate&) -> QString {
            try {
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                auto stmt = ws->db().prepare("SELECT id FROM asset WHERE key = ?1");
                stmt.bind(1, key);
                if (!stmt.step())
                    return QObject::tr("%1 is not in the workspace.").arg(key);
                sightline::trainAsNewNormal(ws->db(), stmt.int64(0), QString(), QString(), since);
                return {};
            } catch (const std::exception& e) {
                return QString::fromUtf8(e.what());
            }
        },
        [this, key = incident.assetKey, since](const QString& error) {
            m_train->setEnabled(m_id > 0);
            if (error.isEmpty())
                Q_EMIT trained(true,
                               tr("%1 learns from %2 on: run detection to judge the new level.").arg(key, when(since)));
            else
                Q_EMIT trained(false, tr("Could not restart the baseline: %1").arg(error));
        });
}

QString IncidentDetailPage::text() const
{
    return m_browser->toPlainText();
}

void IncidentDetailPage::setChartWidget(QWidget* chart)
{
    m_chartText->hide();
    m_chartLayout->addWidget(chart);
}

QString IncidentDetailPage::renderHtml(const IncidentDetail& detail)
{
    const Incident& i = detail.incident;
    QString h;
    h += QStringLiteral("<p style='font-size:large'>%1</p>").arg(esc(i.explanation));
    h += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    const auto row = [&h](const QString& label, const QString& valueHtml) {
        h += QStringLiteral("<tr><td style='color:#666;padding-right:12px'>%1</td><td>%2</td></tr>")
                 .arg(esc(label), valueHtml);
    };
    row(tr("Status"), QStringLiteral("<b>%1</b>").arg(esc(statusLabel(i.status))));
    {
        const Severity suggested = suggestSeverity(detail.impact);
        row(tr("Severity"),
            esc(suggested == i.severity
                    ? tr("%1 (as suggested: %2)").arg(severityName(i.severity), severityReason(detail.impact))
                    : tr("%1 (suggested %2: %3)")
                          .arg(severityName(i.severity), severityName(suggested), severityReason(detail.impact))));
    }
    row(tr("Asset"),
        QStringLiteral("%1 <span style='color:#666'>%2</span>").arg(assetLink(detail.asset), esc(i.assetKey)));
    if (!i.column.isEmpty())
        row(tr("Column"), esc(i.column));
    row(tr("Owner / team"), esc(QStringList {detail.asset.owner, detail.asset.team}.join(QStringLiteral(" / "))));
    row(tr("Detector"), esc(i.detector));
    row(tr("Detected"), esc(when(i.detectedAt)));
    row(tr("Expected vs observed"), esc(expectedVsObserved(i)));
    if (i.trainingStart.isValid())
        row(tr("Learned from"), esc(QStringLiteral("%1 → %2").arg(when(i.trainingStart), when(i.trainingEnd))));
    row(tr("Assignee"), esc(i.assignee.isEmpty() ? tr("nobody") : i.assignee));
    if (i.snoozedUntil.isValid())
        row(tr("Snoozed until"), esc(when(i.snoozedUntil)));
    row(tr("Time to acknowledge"), esc(formatDuration(detail.times.toAcknowledgeMs)));
    row(tr("Time to resolve"), esc(formatDuration(detail.times.toResolveMs)));
    h += QStringLiteral("</table>");

    if (i.groupId > 0) {
        h += QStringLiteral("<h3>%1</h3><ul>")
                 .arg(esc(tr("Group %1: %2 other incidents").arg(i.groupId).arg(detail.grouped.size())));
        for (const Incident& g : detail.grouped)
            h += QStringLiteral("<li><a href='incident:%1'>#%1</a> %2 · %3</li>")
                     .arg(g.id)
                     .arg(esc(g.assetKey), esc(statusLabel(g.status)));
        h += QStringLiteral("</ul>");
    }

    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Upstream: what misbehaved there")));
    if (detail.upstream.isEmpty()) {
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("No incidents on the %1 upstream assets checked.").arg(detail.upstreamChecked)));
    } else {
        h += QStringLiteral("<ul>");
        for (const auto& up : detail.upstream) {
            h += QStringLiteral("<li>%1 <span style='color:#666'>(%2 up)</span>%3<ul>")
                     .arg(assetLink(up.asset))
                     .arg(up.distance)
                     .arg(up.earlier ? QStringLiteral(" — <b>%1</b>").arg(esc(tr("earlier: a candidate cause")))
                                     : QString());
            for (const Incident& u : up.incidents.mid(0, 5))
                h += QStringLiteral("<li><a href='incident:%1'>#%1</a> %2 %3, %4 — %5</li>")
                         .arg(u.id)
                         .arg(esc(severityName(u.severity)), esc(kindLabel(u.kind)), esc(when(u.detectedAt)),
                              esc(statusLabel(u.status)));
            h += QStringLiteral("</ul></li>");
        }
        h += QStringLiteral("</ul>");
    }
    if (detail.upstreamChecked < detail.upstreamTotal)
        h += QStringLiteral("<p style='color:#666'>%1</p>")
                 .arg(esc(tr("Checked the %1 nearest of %2 upstream assets.")
                              .arg(detail.upstreamChecked)
                              .arg(detail.upstreamTotal)));

    const Impact& impact = detail.impact;
    h +=
        QStringLiteral("<h3>%1</h3>")
            .arg(esc(impact.downstream.size() == 1 ? tr("Downstream impact: 1 asset")
                                                   : tr("Downstream impact: %1 assets").arg(impact.downstream.size())));
    if (!impact.downstream.isEmpty()) {
        QStringList kinds;
        for (const auto& [kind, group] : impact.byKind())
            kinds.append(QStringLiteral("%1 %2").arg(group.size()).arg(kindName(kind)));
        h += QStringLiteral("<p>%1</p><ul>").arg(esc(kinds.join(QStringLiteral(", "))));
        int shown = 0;
        for (const auto& d : impact.downstream) {
            if (d.asset.kind != AssetKind::Dashboard && d.asset.kind != AssetKind::Look && d.distance > 1)
                continue;
            if (++shown > 25)
                break;
            h += QStringLiteral("<li>%1 <span style='color:#666'>%2, %3 down, %4</span></li>")
                     .arg(assetLink(d.asset), esc(kindName(d.asset.kind)))
                     .arg(d.distance)
                     .arg(esc(d.asset.owner.isEmpty() ? tr("no owner") : d.asset.owner));
        }
        h += QStringLiteral("</ul>");
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(impact.channels.isEmpty()
                              ? tr("Channels to notify: none declared.")
                              : tr("Channels to notify: %1").arg(impact.channels.join(QStringLiteral(", ")))));
        if (!impact.unowned.isEmpty())
            h += QStringLiteral("<p>%1</p>")
                     .arg(esc(tr("%1 downstream assets have no owner.").arg(impact.unowned.size())));
    }

    h += QStringLiteral("<h3>%1</h3><table cellspacing='0' cellpadding='3'>").arg(esc(tr("Timeline")));
    for (auto it = detail.events.crbegin(); it != detail.events.crend(); ++it) {
        h += QStringLiteral("<tr><td style='color:#666;white-space:nowrap'>%1</td><td "
                            "style='white-space:nowrap'>%2</td><td>%3</td></tr>")
                 .arg(esc(when(it->at)), esc(it->actor), eventText(*it));
    }
    h += QStringLiteral("</table>");
    return h;
}

} // namespace sightline::ui
