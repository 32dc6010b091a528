#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"
#include "incidenttable.h"

#include "export/assetjson.h"
#include "export/incidentjson.h"
#include "incidents/incidentstore.h"
#include "store/sqlite.h"
#include "store/workspace.h"

namespace sightline::cli {

int runIncidents(const QStringList& args)
{
    CommandParser parser(QStringLiteral("incidents"), QStringLiteral("[--json] [--status S] [--kind K] WORKSPACE"),
                         QStringLiteral("Lists the incidents stored in WORKSPACE, newest detection first.\n"
                                        "The workspace is opened read-only."));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("Only incidents in status S (open, acknowledged, investigating, "
                                                   "fixed, expected, no_action_needed, false_positive); "
                                                   "comma-separated or repeated for several."),
                                    QStringLiteral("S"));
    const QCommandLineOption kind(
        QStringLiteral("kind"),
        QStringLiteral("Only incidents of kind K (freshness, volume, schema, distribution, test)."),
        QStringLiteral("K"));
    parser.addOption(status);
    parser.addOption(kind);
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print a JSON array of incident objects.")}});
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.isEmpty())
        return parser.usageError(QStringLiteral("missing WORKSPACE"));
    if (positional.size() > 1)
        return parser.usageError(QStringLiteral("unexpected argument '%1'").arg(positional.at(1)));
    const auto format = parser.format();
    if (!format)
        return ExitCode::Usage;

    IncidentFilter filter;
    for (const QString& value : parser.parser().values(status)) {
        for (const QString& name : value.split(u',', Qt::SkipEmptyParts)) {
            const auto s = statusFromName(name.trimmed());
            if (!s)
                return parser.usageError(QStringLiteral("unknown status '%1'").arg(name));
            filter.statuses.append(*s);
        }
    }
    for (const QString& value : parser.parser().values(kind)) {
        for (const QString& name : value.split(u',', Qt::SkipEmptyParts)) {
            const auto k = incidentKindFromName(name.trimmed());
            if (!k)
                return parser.usageError(QStringLiteral("unknown kind '%1'").arg(name));
            filter.kinds.append(*k);
        }
    }

    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(positional.first(), &exitCode);
    if (!workspace)
        return exitCode;
    QList<Incident> incidents;
    try {
        incidents = IncidentStore(workspace->db()).incidents(filter);
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(positional.first(), e.message()));
        return ExitCode::WorkspaceProblem;
    }
    if (*format == u"json") {
        writeOut(toJsonBytes(incidentsToJson(incidents)));
        return ExitCode::Ok;
    }
    if (incidents.isEmpty()) {
        writeOut(QStringLiteral("No incidents.\n"));
        return ExitCode::Ok;
    }
    writeOut(incidentTable(incidents) + plural(incidents.size(), QStringLiteral("incident")) + u'\n');
    return ExitCode::Ok;
}

} // namespace sightline::cli
