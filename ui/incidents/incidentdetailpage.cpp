#include "incidentdetailpage.h"

#include "incidentqueuemodel.h"
#include "incidents/severity.h"
#include "store/workspace.h"

#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QTextBrowser>
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

} // namespace

IncidentDetailPage::IncidentDetailPage(QWidget* parent)
    : QWidget(parent)
    , m_job(this)
    , m_title(new QLabel(this))
    , m_chartSlot(new QFrame(this))
    , m_chartLayout(new QVBoxLayout(m_chartSlot))
    , m_chartText(new QLabel(m_chartSlot))
    , m_browser(new QTextBrowser(this))
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

    m_chartSlot->setObjectName(QStringLiteral("incidentChartSlot"));
    static_cast<QFrame*>(m_chartSlot)->setFrameShape(QFrame::StyledPanel);
    m_chartSlot->setMinimumHeight(72);
    m_chartText->setWordWrap(true);
    m_chartText->setTextFormat(Qt::PlainText);
    m_chartText->setAlignment(Qt::AlignCenter);
    m_chartLayout->addWidget(m_chartText);
    layout->addWidget(m_chartSlot);

    m_browser->setObjectName(QStringLiteral("incidentDetail"));
    m_browser->setOpenLinks(false);
    layout->addWidget(m_browser, 1);
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
        return;
    }
    m_job.start(
        [path = m_path, graph = m_graph, id](const JobTracker::CancelPredicate&) -> std::optional<IncidentDetail> {
            try {
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
                return loadIncidentDetail(*ws, *graph, id);
            } catch (const std::exception&) {
                return std::nullopt;
            }
        },
        [this, id](const std::optional<IncidentDetail>& detail) {
            if (!detail) {
                m_title->setText(tr("Incident %1 could not be read").arg(id));
                m_browser->clear();
                return;
            }
            setDetail(*detail);
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
    Q_EMIT chartRequested(i);
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
