#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"
#include "selection.h"

#include "reports/htmlreport.h"
#include "reports/ownershipreport.h"
#include "reports/pdfreport.h"
#include "reports/reportdata.h"
#include "reports/textreports.h"
#include "routing/routing.h"
#include "store/workspace.h"

#include <QRegularExpression>

namespace sightline::cli {

namespace {

// "7d", "24h", "2w", "90m": a period back from data time.
std::optional<qint64> parsePeriod(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})([mhdw])$"));
    const auto match = pattern.match(text.trimmed().toLower());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 n = match.captured(1).toLongLong();
    if (n <= 0)
        return std::nullopt;
    const QChar unit = match.captured(2).at(0);
    const qint64 minute = 60 * 1000;
    const qint64 factor = unit == u'm' ? minute
        : unit == u'h'                 ? 60 * minute
        : unit == u'd'                 ? 1440 * minute
                                       : 10080 * minute;
    return n * factor;
}

} // namespace

int runReport(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("report"),
        QStringLiteral("(--incident ID | --period 7d | --ownership) --format html|pdf|md|csv -o FILE WORKSPACE"),
        QStringLiteral("A report for stakeholders. --incident: summary, timeline, chart, impacted\n"
                       "dashboards and owners, root cause, status and next update. --period: the\n"
                       "health of the estate over the last N minutes (m), hours (h), days (d) or\n"
                       "weeks (w) of DATA time (up to the newest capture): incidents by team and\n"
                       "kind, open vs resolved, time to acknowledge and resolve, most affected\n"
                       "dashboards. --ownership: the ownership gaps of the whole estate (coverage\n"
                       "per kind, dashboards nobody owns or has a channel for, assets whose\n"
                       "incidents would reach no channel). HTML is self-contained (no script, no\n"
                       "remote resource)."));
    const QCommandLineOption incident(QStringLiteral("incident"), QStringLiteral("Report on one incident."),
                                      QStringLiteral("ID"));
    const QCommandLineOption period(QStringLiteral("period"), QStringLiteral("Health report over a period, e.g. 7d."),
                                    QStringLiteral("PERIOD"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the report to FILE (stdout for html, md, csv if omitted)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption ownership(QStringLiteral("ownership"),
                                       QStringLiteral("Ownership-gap report of the whole estate."));
    parser.addOption(incident);
    parser.addOption(ownership);
    parser.addOption(period);
    parser.addOption(output);
    parser.addFormats({{QStringLiteral("html"), QString()},
                       {QStringLiteral("pdf"), QStringLiteral("Write a PDF (needs -o).")},
                       {QStringLiteral("md"), QStringLiteral("Write Markdown.")},
                       {QStringLiteral("csv"), QStringLiteral("Write CSV.")}});
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() != 1)
        return parser.usageError(positional.isEmpty()
                                     ? QStringLiteral("missing WORKSPACE")
                                     : QStringLiteral("unexpected argument '%1'").arg(positional.at(1)));
    const auto format = parser.format();
    if (!format)
        return ExitCode::Usage;
    if (int(parser.isSet(incident)) + int(parser.isSet(period)) + int(parser.isSet(ownership)) != 1)
        return parser.usageError(QStringLiteral("give exactly one of --incident ID, --period PERIOD and --ownership"));
    if (*format == u"pdf" && parser.value(output).isEmpty())
        return parser.usageError(QStringLiteral("--format pdf needs -o FILE"));
    qint64 id = 0;
    std::optional<qint64> span;
    if (parser.isSet(incident)) {
        bool ok = false;
        id = parser.value(incident).toLongLong(&ok);
        if (!ok || id <= 0)
            return parser.usageError(QStringLiteral("--incident must be a positive number"));
    } else if (parser.isSet(period)) {
        span = parsePeriod(parser.value(period));
        if (!span)
            return parser.usageError(
                QStringLiteral("--period '%1': expected a number and m, h, d or w, e.g. 7d").arg(parser.value(period)));
    }

    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(positional.at(0), &exitCode);
    if (!workspace)
        return exitCode;
    const auto graph = loadGraph(*workspace, positional.at(0), &exitCode);
    if (!graph)
        return exitCode;
    const bool pdf = *format == u"pdf";
    report::HtmlOptions htmlOptions;
    htmlOptions.inlineFigures = !pdf;
    htmlOptions.breakLongWords = pdf;
    QByteArray bytes;
    report::HtmlReport html;
    QString title;
    try {
        if (id > 0) {
            const auto data = collectIncidentReport(*workspace, *graph, id);
            if (!data) {
                printError(QStringLiteral("%1: no incident %2").arg(positional.at(0)).arg(id));
                return ExitCode::BadInput;
            }
            title = QStringLiteral("Incident #%1").arg(id);
            if (*format == u"md")
                bytes = report::incidentReportMarkdown(*data).toUtf8();
            else if (*format == u"csv")
                bytes = report::incidentReportCsv(*data);
            else
                html = report::incidentReportHtml(*data, htmlOptions);
        } else if (!span) {
            const auto gaps = ownershipGaps(*graph);
            title = QStringLiteral("Ownership gaps");
            if (*format == u"md")
                bytes = report::ownershipReportMarkdown(gaps).toUtf8();
            else if (*format == u"csv")
                bytes = report::ownershipReportCsv(gaps);
            else
                html = report::ownershipReportHtml(gaps, htmlOptions);
        } else {
            const QDateTime to = workspace->dataTime();
            if (!to.isValid()) {
                printError(QStringLiteral("%1: the workspace has no captures yet").arg(positional.at(0)));
                return ExitCode::BadInput;
            }
            // [newest capture - period, newest capture], both ends included.
            const auto data = collectHealthReport(*workspace, *graph, to.addMSecs(-*span), to.addMSecs(1));
            title = QStringLiteral("Data health");
            if (*format == u"md")
                bytes = report::healthReportMarkdown(data).toUtf8();
            else if (*format == u"csv")
                bytes = report::healthReportCsv(data);
            else
                html = report::healthReportHtml(data, htmlOptions);
        }
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(positional.at(0), e.message()));
        return ExitCode::WorkspaceProblem;
    }
    if (pdf) {
        QString error;
        if (!ui::writeReportPdf(html, parser.value(output), title, &error)) {
            printError(error);
            return ExitCode::BadInput;
        }
        return ExitCode::Ok;
    }
    if (*format == u"html")
        bytes = html.html.toUtf8();
    writeResult(bytes, parser.value(output), &exitCode);
    return exitCode;
}

} // namespace sightline::cli
