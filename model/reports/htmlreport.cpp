#include "htmlreport.h"

#include "notify/blockkit.h"
#include "reports/escape.h"
#include "reports/svgfigures.h"

#include <QRegularExpression>

namespace sightline::report {

namespace {

constexpr qsizetype kListed = 20;
constexpr double kFigureWidth = 600; // CSS pixels: the text width of an A4 page with 15 mm margins // assets named per
                                     // recipient; a report is read, not searched

constexpr auto kStyle =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;color:#222;margin:24px;max-width:960px}"
    "h1{font-size:16pt;margin:0 0 4px 0}h2{font-size:12pt;margin:18px 0 6px 0;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;"
    "vertical-align:top;overflow-wrap:anywhere}th{background:#f2f2f2}.meta{color:#555}.gap{color:#b71c1c}"
    "code{font-family:'DejaVu Sans Mono',monospace;font-size:9pt}";

// Builds one HTML document; every piece of input goes through v().
class Writer
{
public:
    explicit Writer(const HtmlOptions& options)
        : m_options(options)
    {
    }

    QString v(const QString& value) const
    {
        return html(m_options.breakLongWords ? breakable(value) : value);
    }
    void raw(const QString& s)
    {
        m_out += s;
    }
    void begin(const QString& title)
    {
        m_out += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                                "style-src 'unsafe-inline'\">"
                                "<title>%1</title><style>%2</style></head><body>\n")
                     .arg(html(title), QString::fromLatin1(kStyle));
    }
    void h1(const QString& text)
    {
        m_out += QStringLiteral("<h1>%1</h1>\n").arg(v(text));
    }
    void h2(const QString& text)
    {
        m_out += QStringLiteral("<h2>%1</h2>\n").arg(html(text));
    }
    void p(const QString& escaped, const QString& cls = {})
    {
        m_out += cls.isEmpty() ? QStringLiteral("<p>%1</p>\n").arg(escaped)
                               : QStringLiteral("<p class=\"%1\">%2</p>\n").arg(cls, escaped);
    }
    // cells are escaped already
    void table(const QStringList& headers, const QList<QStringList>& rows)
    {
        m_out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><tr>");
        for (const auto& h : headers)
            m_out += QStringLiteral("<th>%1</th>").arg(html(h));
        m_out += QStringLiteral("</tr>\n");
        for (const auto& row : rows) {
            m_out += QStringLiteral("<tr>");
            for (const auto& cell : row)
                m_out += QStringLiteral("<td>%1</td>").arg(cell);
            m_out += QStringLiteral("</tr>\n");
        }
        m_out += QStringLiteral("</table>\n");
    }
    void figure(const QString& svg)
    {
        if (svg.isEmpty())
            return;
        if (m_options.inlineFigures) {
            m_out += QStringLiteral("<div class=\"figure\">") + svg + QStringLiteral("</div>\n");
        } else {
            // The page renderer sizes images by these attributes: fit the text width of A4.
            static const QRegularExpression size(QStringLiteral("width=\"([0-9.]+)\" height=\"([0-9.]+)\""));
            const auto match = size.match(svg);
            double w = match.hasMatch() ? match.captured(1).toDouble() : kFigureWidth;
            double h = match.hasMatch() ? match.captured(2).toDouble() : kFigureWidth / 3;
            if (w > kFigureWidth) {
                h *= kFigureWidth / w;
                w = kFigureWidth;
            }
            m_out += QStringLiteral("<p><img src=\"figure:%1\" width=\"%2\" height=\"%3\"></p>\n")
                         .arg(m_figures.size())
                         .arg(qRound(w))
                         .arg(qRound(h));
            m_figures.append(svg);
        }
    }
    HtmlReport end()
    {
        m_out += QStringLiteral("</body></html>\n");
        return {m_out, m_figures};
    }

private:
    HtmlOptions m_options;
    QString m_out;
    QStringList m_figures;
};

QString orDash(const QString& escaped)
{
    return escaped.isEmpty() ? QStringLiteral("&#8212;") : escaped;
}

QString value(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'g', 12) : QStringLiteral("&#8212;");
}

QString title(const Incident& i, const Asset& a)
{
    return QStringLiteral("%1 %2 incident on %3")
        .arg(severityName(i.severity), incidentKindName(i.kind), a.name.isEmpty() ? i.assetKey : a.name);
}

QString duration(qint64 ms)
{
    return ms < 0 ? QStringLiteral("&#8212;") : humanDuration(ms);
}

} // namespace

HtmlReport incidentReportHtml(const IncidentReportData& d, const HtmlOptions& options)
{
    Writer w(options);
    const Incident& i = d.incident;
    w.begin(QStringLiteral("Incident #%1: ").arg(i.id) + title(i, d.asset));
    w.h1(QStringLiteral("Incident #%1: ").arg(i.id) + title(i, d.asset));
    QString meta =
        QStringLiteral("Status <b>%1</b> &#183; %2 &#183; assignee %3 &#183; detected %4")
            .arg(statusName(i.status), severityName(i.severity),
                 i.assignee.isEmpty() ? QStringLiteral("nobody yet") : w.v(i.assignee), humanTime(i.detectedAt));
    if (d.nextUpdate.isValid())
        meta += QStringLiteral(" &#183; next update by %1").arg(humanTime(d.nextUpdate));
    w.p(meta, QStringLiteral("meta"));

    w.h2(QStringLiteral("Summary"));
    w.p(w.v(i.explanation));
    w.table({QStringLiteral("Field"), QStringLiteral("Value")},
            {
                {QStringLiteral("Asset"),
                 QStringLiteral("<code>%1</code>").arg(w.v(d.asset.key.isEmpty() ? i.assetKey : d.asset.key))},
                {QStringLiteral("Kind / platform"),
                 w.v(kindName(d.asset.kind)) + QStringLiteral(" / ") + orDash(w.v(d.asset.platform))},
                {QStringLiteral("Owner / team"),
                 orDash(w.v(d.asset.owner)) + QStringLiteral(" / ") + orDash(w.v(d.asset.team))},
                {QStringLiteral("Channel"), orDash(w.v(d.asset.channel))},
                {QStringLiteral("Column"), orDash(w.v(i.column))},
                {QStringLiteral("Detector"), w.v(i.detector)},
                {QStringLiteral("Window"), humanTime(i.windowStart) + QStringLiteral(" to ") + humanTime(i.windowEnd)},
                {QStringLiteral("Expected"), value(i.expectedLow) + QStringLiteral(" to ") + value(i.expectedHigh)},
                {QStringLiteral("Observed"), i.observedText.isEmpty() ? value(i.observed) : w.v(i.observedText)},
                {QStringLiteral("Score"), value(i.score)},
                {QStringLiteral("Data as of"), humanTime(d.dataTime)},
            });
    if (!d.groupExplanation.isEmpty())
        w.p(QStringLiteral("<b>Grouped:</b> ") + w.v(d.groupExplanation));

    w.h2(QStringLiteral("Chart"));
    const QString chart = seriesChartSvg(d.series, i);
    if (chart.isEmpty())
        w.p(QStringLiteral("No history of this metric in the workspace."), QStringLiteral("meta"));
    else
        w.figure(chart);

    w.h2(QStringLiteral("Root cause"));
    if (d.causes.isEmpty()) {
        w.p(QStringLiteral("Nothing upstream misbehaved before this incident."), QStringLiteral("meta"));
    } else {
        QList<QStringList> rows;
        for (const auto& c : d.causes) {
            QStringList evidence;
            for (const auto& e : c.evidence)
                evidence.append(w.v(e.text));
            if (!c.demotedBecause.isEmpty())
                evidence.append(QStringLiteral("<i>%1</i>").arg(w.v(c.demotedBecause)));
            rows.append({QStringLiteral("<code>%1</code>").arg(w.v(c.asset.key)), QString::number(c.distance),
                         QString::number(c.score, 'f', 2), evidence.join(QStringLiteral("<br>"))});
        }
        w.table({QStringLiteral("Candidate"), QStringLiteral("Steps up"), QStringLiteral("Score"),
                 QStringLiteral("Evidence")},
                rows);
    }

    w.h2(QStringLiteral("Impacted dashboards and owners"));
    w.p(QStringLiteral("%1 assets downstream, %2 of them dashboards or other consumers.")
            .arg(d.routing.downstreamCount)
            .arg(d.routing.consumers.size()));
    if (!d.routing.recipients.isEmpty()) {
        QList<QStringList> rows;
        for (const auto& r : d.routing.recipients) {
            QStringList assets;
            for (const auto& a : r.assets) {
                if (assets.size() == kListed) {
                    assets.append(QStringLiteral("and %1 more").arg(r.assets.size() - kListed));
                    break;
                }
                assets.append(w.v(a.name.isEmpty() ? a.key : a.name) + QStringLiteral(" (%1)").arg(kindName(a.kind)));
            }
            rows.append({orDash(w.v(r.channel)), orDash(w.v(r.owners.join(QStringLiteral(", ")))),
                         orDash(w.v(r.teams.join(QStringLiteral(", ")))), assets.join(QStringLiteral(", "))});
        }
        w.table({QStringLiteral("Channel"), QStringLiteral("Owners"), QStringLiteral("Teams"),
                 QStringLiteral("Because of")},
                rows);
    }
    if (!d.routing.gaps.isEmpty()) {
        QList<QStringList> rows;
        for (const auto& g : d.routing.gaps) {
            if (rows.size() == kListed * 5) {
                rows.append({QStringLiteral("and %1 more").arg(d.routing.gaps.size() - rows.size()), {}, {}});
                break;
            }
            QStringList missing;
            if (g.noOwner)
                missing.append(QStringLiteral("owner"));
            if (g.noChannel)
                missing.append(QStringLiteral("channel"));
            rows.append({QStringLiteral("<code>%1</code>").arg(w.v(g.asset.key)), w.v(kindName(g.asset.kind)),
                         QStringLiteral("<span class=\"gap\">no %1</span>").arg(missing.join(QStringLiteral(" or ")))});
        }
        w.p(QStringLiteral("<b>Nobody will be told about these:</b>"));
        w.table({QStringLiteral("Consumer"), QStringLiteral("Kind"), QStringLiteral("Missing")}, rows);
    }

    w.h2(QStringLiteral("Lineage"));
    QStringList misbehaving;
    for (const auto& c : d.causes)
        misbehaving.append(c.asset.key);
    w.figure(lineageSvg(d.lineage, misbehaving));

    w.h2(QStringLiteral("Timeline"));
    QList<QStringList> rows;
    for (const auto& e : d.timeline) {
        QString what = w.v(e.type);
        if (!e.oldValue.isEmpty() || !e.newValue.isEmpty())
            what += QStringLiteral(": %1 &#8594; %2").arg(orDash(w.v(e.oldValue)), orDash(w.v(e.newValue)));
        rows.append({humanTime(e.at), w.v(e.actor), what, w.v(e.comment)});
    }
    w.table({QStringLiteral("When"), QStringLiteral("Who"), QStringLiteral("What"), QStringLiteral("Comment")}, rows);
    w.p(QStringLiteral("Generated by Sightline from workspace data as of %1.").arg(humanTime(d.dataTime)),
        QStringLiteral("meta"));
    return w.end();
}

HtmlReport healthReportHtml(const HealthReportData& d, const HtmlOptions& options)
{
    Writer w(options);
    const QString heading = QStringLiteral("Data health %1 to %2").arg(humanTime(d.from), humanTime(d.to));
    w.begin(heading);
    w.h1(heading);
    w.p(QStringLiteral("Incidents: %1 (%2 open, %3 resolved). Median time to acknowledge %4, to resolve %5.")
            .arg(d.total)
            .arg(d.open)
            .arg(d.resolved)
            .arg(duration(d.medianAckMs), duration(d.medianResolveMs)),
        QStringLiteral("meta"));

    w.h2(QStringLiteral("Incidents per day"));
    w.figure(perDayChartSvg(d.perDay));
    w.h2(QStringLiteral("By kind"));
    w.figure(barChartSvg(d.byKind));

    w.h2(QStringLiteral("By team and kind"));
    QList<QStringList> rows;
    for (const auto& c : d.byTeamKind)
        rows.append({w.v(c.team), w.v(c.kind), QString::number(c.total), QString::number(c.open)});
    w.table({QStringLiteral("Team"), QStringLiteral("Kind"), QStringLiteral("Incidents"), QStringLiteral("Open")},
            rows);

    w.h2(QStringLiteral("Time to acknowledge and resolve"));
    rows.clear();
    for (const auto& t : d.timesByTeam)
        rows.append({w.v(t.team), duration(t.medianAckMs), duration(t.medianResolveMs)});
    w.table({QStringLiteral("Team"), QStringLiteral("Median to acknowledge"), QStringLiteral("Median to resolve")},
            rows);

    w.h2(QStringLiteral("Most affected dashboards"));
    if (d.mostAffected.isEmpty()) {
        w.p(QStringLiteral("No dashboard or other consumer is downstream of an incident."), QStringLiteral("meta"));
    } else {
        rows.clear();
        for (const auto& a : d.mostAffected) {
            rows.append({QStringLiteral("<code>%1</code>").arg(w.v(a.asset.key)), w.v(a.asset.name),
                         orDash(w.v(a.asset.owner)), QString::number(a.incidents)});
        }
        w.table({QStringLiteral("Consumer"), QStringLiteral("Name"), QStringLiteral("Owner"),
                 QStringLiteral("Incidents upstream")},
                rows);
    }
    w.p(QStringLiteral("Periods are in data time. Generated by Sightline."), QStringLiteral("meta"));
    return w.end();
}

} // namespace sightline::report
