#include "svgfigures.h"

#include "layout/layout.h"
#include "reports/escape.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace sightline::report {

namespace {

constexpr int kFontPx = 11;
constexpr double kCharPx = 6.4; // average advance of an 11 px sans-serif character
constexpr int kLabelChars = 30;

QString num(double v)
{
    return QString::number(v, 'f', 1);
}

QString header(int width, int height)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" viewBox=\"0 0 %1 %2\" "
                          "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"%3\">")
        .arg(width)
        .arg(height)
        .arg(kFontPx);
}

QString shortNumber(double v)
{
    const double a = std::abs(v);
    if (a >= 1e9)
        return QString::number(v / 1e9, 'g', 3) + u'G';
    if (a >= 1e6)
        return QString::number(v / 1e6, 'g', 3) + u'M';
    if (a >= 1e4)
        return QString::number(v / 1e3, 'g', 3) + u'k';
    return QString::number(v, 'g', 4);
}

QString text(double x, double y, const QString& label, const QString& anchor = QStringLiteral("start"),
             const QString& fill = QStringLiteral("#333"))
{
    return QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"%3\" fill=\"%4\">%5</text>")
        .arg(num(x), num(y), anchor, fill, html(label));
}

} // namespace

QString seriesChartSvg(const ReportSeries& series, const Incident& incident, int width, int height)
{
    if (series.points.size() < 2)
        return {};
    const double left = 56, right = 12, top = 12, bottom = 28;
    const double plotW = width - left - right;
    const double plotH = height - top - bottom;
    qint64 t0 = series.points.first().first;
    qint64 t1 = series.points.last().first;
    double lo = series.points.first().second;
    double hi = lo;
    for (const auto& [t, v] : series.points) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (incident.expectedLow) {
        lo = std::min(lo, *incident.expectedLow);
        hi = std::max(hi, *incident.expectedLow);
    }
    if (incident.expectedHigh) {
        lo = std::min(lo, *incident.expectedHigh);
        hi = std::max(hi, *incident.expectedHigh);
    }
    if (incident.windowStart.isValid())
        t0 = std::min(t0, incident.windowStart.toMSecsSinceEpoch());
    if (incident.windowEnd.isValid())
        t1 = std::max(t1, incident.windowEnd.toMSecsSinceEpoch());
    if (hi <= lo)
        hi = lo + 1;
    if (t1 <= t0)
        t1 = t0 + 1;
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    auto x = [&](qint64 t) { return left + plotW * double(t - t0) / double(t1 - t0); };
    auto y = [&](double v) { return top + plotH * (1.0 - (v - lo) / (hi - lo)); };

    QString svg = header(width, height);
    svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#fafafa\" stroke=\"#ddd\"/>")
               .arg(num(left), num(top), num(plotW), num(plotH));
    // The window and the band the detector expected in it.
    if (incident.windowStart.isValid() && incident.windowEnd.isValid()) {
        const double wx0 = x(incident.windowStart.toMSecsSinceEpoch());
        const double wx1 = std::max(wx0 + 2, x(incident.windowEnd.toMSecsSinceEpoch()));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#fde2e1\"/>")
                   .arg(num(wx0), num(top), num(wx1 - wx0), num(plotH));
        if (incident.expectedLow && incident.expectedHigh) {
            const double by0 = y(*incident.expectedHigh);
            const double by1 = y(*incident.expectedLow);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#cfe3f7\" "
                                  "fill-opacity=\"0.8\"/>")
                       .arg(num(left), num(by0), num(plotW), num(std::max(1.0, by1 - by0)));
        }
    }
    for (int i = 0; i <= 4; ++i) {
        const double v = lo + (hi - lo) * i / 4.0;
        svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#eee\"/>")
                   .arg(num(left), num(y(v)), num(left + plotW));
        svg += text(left - 4, y(v) + 4, shortNumber(v), QStringLiteral("end"));
    }
    svg += text(left, height - 8, QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")));
    svg +=
        text(left + plotW, height - 8,
             QDateTime::fromMSecsSinceEpoch(t1, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd")), QStringLiteral("end"));
    QString path;
    for (const auto& [t, v] : series.points)
        path += QStringLiteral("%1%2,%3 ").arg(QChar(path.isEmpty() ? u'M' : u'L')).arg(num(x(t)), num(y(v)));
    svg += QStringLiteral("<path d=\"%1\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"/>").arg(path.trimmed());
    if (incident.observed && incident.windowEnd.isValid()) {
        svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"4\" fill=\"#c62828\"/>")
                   .arg(num(x(incident.windowEnd.toMSecsSinceEpoch())), num(y(*incident.observed)));
    }
    const QString label =
        series.column.isEmpty() ? series.metric : series.metric + QStringLiteral(" of ") + series.column;
    svg += text(left + 6, top + 14, elide(label, 60));
    svg += QStringLiteral("</svg>");
    return svg;
}

QString barChartSvg(const QList<std::pair<QString, int>>& bars, int width)
{
    if (bars.isEmpty())
        return {};
    const int row = 20;
    const double labelW = 200;
    const int height = int(bars.size()) * row + 8;
    int max = 1;
    for (const auto& b : bars)
        max = std::max(max, b.second);
    QString svg = header(width, height);
    const double barMax = width - labelW - 50;
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const double y = 4 + double(i) * row;
        const double w = barMax * bars[i].second / max;
        svg += text(labelW - 6, y + 14, elide(bars[i].first, kLabelChars), QStringLiteral("end"));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"14\" fill=\"#1f5fa8\"/>")
                   .arg(num(labelW), num(y + 3), num(std::max(1.0, w)));
        svg += text(labelW + w + 4, y + 14, QString::number(bars[i].second));
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

QString perDayChartSvg(const QList<std::pair<QDate, int>>& days, int width, int height)
{
    if (days.isEmpty())
        return {};
    const double left = 36, bottom = 22, top = 8;
    const double plotH = height - top - bottom;
    const double slot = (width - left - 8) / double(days.size());
    int max = 1;
    for (const auto& d : days)
        max = std::max(max, d.second);
    QString svg = header(width, height);
    svg += text(left - 4, top + 10, QString::number(max), QStringLiteral("end"));
    svg += text(left - 4, top + plotH, QStringLiteral("0"), QStringLiteral("end"));
    const int labelEvery = std::max(1, int(std::ceil(days.size() * 70.0 / (width - left))));
    for (qsizetype i = 0; i < days.size(); ++i) {
        const double h = plotH * days[i].second / max;
        const double x = left + slot * double(i);
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"#1f5fa8\"/>")
                   .arg(num(x + 1), num(top + plotH - h), num(std::max(1.0, slot - 2)), num(h));
        if (i % labelEvery == 0)
            svg += text(x + 1, height - 6, days[i].first.toString(QStringLiteral("MM-dd")));
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

QString lineageSvg(const LineageSelection& selection, const QStringList& misbehaving)
{
    if (selection.nodes.isEmpty())
        return {};
    LayoutRequest request;
    QHash<QString, int> indexOf;
    QStringList labels;
    for (const auto& n : selection.nodes) {
        const QString label = elide(n.asset.name.isEmpty() ? n.asset.key : n.asset.name, kLabelChars);
        indexOf.insert(n.asset.key, int(labels.size()));
        labels.append(label);
        const double w = std::max(80.0, label.size() * kCharPx + 20);
        request.nodeSizes.append(QSizeF(w, 34));
    }
    for (const auto& e : selection.edges)
        request.edges.append({indexOf.value(e.from), indexOf.value(e.to)});
    request.rankSeparation = 40;
    const LayoutResult result = layout(request);
    if (!result.ok())
        return {};
    const QSet<QString> bad(misbehaving.cbegin(), misbehaving.cend());
    const QRectF b = result.bounds.adjusted(-6, -6, 6, 6);
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                                 "viewBox=\"%3 %4 %1 %2\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
                                 "font-size=\"%5\">")
                      .arg(num(b.width()), num(b.height()), num(b.left()), num(b.top()))
                      .arg(kFontPx);
    for (const auto& route : result.edges) {
        if (route.points.isEmpty())
            continue;
        QString d = QStringLiteral("M%1,%2").arg(num(route.points[0].x()), num(route.points[0].y()));
        for (qsizetype i = 1; i + 2 < route.points.size(); i += 3) {
            d += QStringLiteral(" C%1,%2 %3,%4 %5,%6")
                     .arg(num(route.points[i].x()), num(route.points[i].y()), num(route.points[i + 1].x()),
                          num(route.points[i + 1].y()), num(route.points[i + 2].x()), num(route.points[i + 2].y()));
        }
        if (route.hasArrow)
            d += QStringLiteral(" L%1,%2").arg(num(route.arrowTip.x()), num(route.arrowTip.y()));
        svg += QStringLiteral("<path d=\"%1\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\"/>").arg(d);
    }
    for (qsizetype i = 0; i < selection.nodes.size(); ++i) {
        const auto& n = selection.nodes[i];
        const QRectF r = result.nodes[i];
        const bool focus = n.role == LineageNode::Role::Focus;
        const bool isBad = bad.contains(n.asset.key);
        const QString fill =
            focus ? QStringLiteral("#fde2e1") : (isBad ? QStringLiteral("#fff3cd") : QStringLiteral("#fff"));
        const QString stroke = focus || isBad ? QStringLiteral("#c62828") : QStringLiteral("#999");
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"4\" fill=\"%5\" stroke=\"%6\"/>")
                   .arg(num(r.x()), num(r.y()), num(r.width()), num(r.height()), fill, stroke);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#222\">%3</text>")
                   .arg(num(r.center().x()), num(r.center().y() - 2), html(labels[i]));
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#777\" font-size=\"9\">%3</text>")
                   .arg(num(r.center().x()), num(r.center().y() + 10), html(kindName(n.asset.kind)));
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

} // namespace sightline::report
