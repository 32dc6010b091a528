#include "ownershipreport.h"

#include "reports/escape.h"

namespace sightline::report {

namespace {

constexpr qsizetype kSilentListed = 200; // the full list is in the CSV

QString problem(const RoutingGap& g)
{
    if (g.noOwner && g.noChannel)
        return QStringLiteral("no_owner_or_channel");
    return g.noOwner ? QStringLiteral("no_owner") : QStringLiteral("no_channel");
}

QString percent(int part, int total)
{
    return total == 0 ? QStringLiteral("-") : QStringLiteral("%1 %").arg(qRound(100.0 * part / total));
}

QString cell(const QString& s, bool breakLong)
{
    return html(breakLong ? breakable(s) : s);
}

} // namespace

HtmlReport ownershipReportHtml(const OwnershipGapReport& r, const HtmlOptions& options)
{
    const bool br = options.breakLongWords;
    QString out = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>Ownership gaps</title><style>"
        "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:10pt;margin:24px;max-width:960px}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;"
        "overflow-wrap:anywhere}th{background:#f2f2f2}</style></head><body>\n<h1>Ownership gaps</h1>\n");
    out += QStringLiteral("<p>%1 assets: %2 with an owner (%3), %4 with an alert channel (%5).</p>\n")
               .arg(r.assets)
               .arg(r.withOwner)
               .arg(percent(r.withOwner, r.assets))
               .arg(r.withChannel)
               .arg(percent(r.withChannel, r.assets));
    out +=
        QStringLiteral("<h2>By kind</h2>\n<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>Kind</th>"
                       "<th>Assets</th><th>With owner</th><th>With channel</th></tr>\n");
    for (const auto& k : r.byKind) {
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                   .arg(kindName(k.kind))
                   .arg(k.total)
                   .arg(percent(k.withOwner, k.total), percent(k.withChannel, k.total));
    }
    out += QStringLiteral("</table>\n<h2>Dashboards and other consumers nobody will hear about</h2>\n");
    if (r.consumers.isEmpty()) {
        out += QStringLiteral("<p>None: every consumer has an owner and a channel.</p>\n");
    } else {
        out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>Key</th><th>Name</th>"
                              "<th>Kind</th><th>Missing</th></tr>\n");
        for (const auto& g : r.consumers) {
            out +=
                QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>\n")
                    .arg(cell(g.asset.key, br), cell(g.asset.name, br), kindName(g.asset.kind),
                         g.noOwner && g.noChannel ? QStringLiteral("owner and channel")
                                                  : (g.noOwner ? QStringLiteral("owner") : QStringLiteral("channel")));
        }
        out += QStringLiteral("</table>\n");
    }
    out += QStringLiteral("<h2>Silent assets</h2>\n<p>%1 assets where an incident would reach no channel: neither they "
                          "nor anything downstream declares one.</p>\n")
               .arg(r.silent.size());
    if (!r.silent.isEmpty()) {
        QStringList keys;
        for (const auto& k : r.silent.mid(0, kSilentListed))
            keys.append(cell(k, br));
        out += QStringLiteral("<p>") + keys.join(QStringLiteral(", "));
        if (r.silent.size() > kSilentListed)
            out += QStringLiteral(" and %1 more").arg(r.silent.size() - kSilentListed);
        out += QStringLiteral("</p>\n");
    }
    out += QStringLiteral("</body></html>\n");
    return {out, {}};
}

QString ownershipReportMarkdown(const OwnershipGapReport& r)
{
    QString out =
        QStringLiteral("# Ownership gaps\n\n%1 assets: %2 with an owner (%3), %4 with an alert channel (%5).\n\n")
            .arg(r.assets)
            .arg(r.withOwner)
            .arg(percent(r.withOwner, r.assets))
            .arg(r.withChannel)
            .arg(percent(r.withChannel, r.assets));
    out += QStringLiteral("## By kind\n\n| Kind | Assets | With owner | With channel |\n| --- | --- | --- | --- |\n");
    for (const auto& k : r.byKind) {
        out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                   .arg(kindName(k.kind))
                   .arg(k.total)
                   .arg(percent(k.withOwner, k.total), percent(k.withChannel, k.total));
    }
    out += QStringLiteral("\n## Dashboards and other consumers nobody will hear about\n\n");
    if (r.consumers.isEmpty())
        out += QStringLiteral("None.\n");
    for (const auto& g : r.consumers)
        out += QStringLiteral("- %1 (%2): %3\n").arg(markdown(g.asset.key), kindName(g.asset.kind), problem(g));
    out += QStringLiteral("\n## Silent assets\n\n%1 assets where an incident would reach no channel.\n")
               .arg(r.silent.size());
    for (const auto& k : r.silent.mid(0, kSilentListed))
        out += QStringLiteral("- %1\n").arg(markdown(k));
    return out;
}

QByteArray ownershipReportCsv(const OwnershipGapReport& r)
{
    QString out = QStringLiteral("kind,key,name,problem\r\n");
    for (const auto& g : r.consumers) {
        out +=
            QStringList {kindName(g.asset.kind), csvField(g.asset.key), csvField(g.asset.name), problem(g)}.join(u',')
            + QStringLiteral("\r\n");
    }
    for (const auto& k : r.silent)
        out += QStringLiteral(",%1,,silent\r\n").arg(csvField(k));
    return out.toUtf8();
}

} // namespace sightline::report
