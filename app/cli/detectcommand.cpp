#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"
#include "incidenttable.h"

#include "detect/detection.h"
#include "export/assetjson.h"
#include "export/incidentjson.h"
#include "store/sqlite.h"
#include "store/workspace.h"

namespace sightline::cli {

int runDetect(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("detect"), QStringLiteral("[--json] WORKSPACE"),
        QStringLiteral("Runs the freshness, volume, schema, distribution and external-result detectors over\n"
                       "WORKSPACE's history and stores the incidents they find; prints the new ones.\n"
                       "Running it again on the same data finds nothing new."));
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print the new incidents as a JSON array.")}});
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

    const QString path = positional.first();
    int exitCode = ExitCode::Ok;
    // Checks (missing, folder, not a workspace) without writing, then the writable connection.
    if (!openExistingWorkspace(path, &exitCode))
        return exitCode;
    DetectionReport report;
    try {
        auto workspace = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        report = runDetection(*workspace);
    } catch (const WorkspaceError& e) {
        printError(e.message());
        return ExitCode::WorkspaceProblem;
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(path, e.message()));
        return ExitCode::WorkspaceProblem;
    }

    if (*format == u"json") {
        writeOut(toJsonBytes(incidentsToJson(report.newIncidents)));
        return ExitCode::Ok;
    }
    QString text = QStringLiteral("Checked %1: %2 (%3 already known).\n")
                       .arg(plural(report.assetsChecked, QStringLiteral("asset")),
                            plural(report.newIncidents.size(), QStringLiteral("new incident")),
                            QString::number(report.existingIncidents));
    if (!report.silent.isEmpty())
        text += QStringLiteral("%1 too little history to judge yet (cold start).\n")
                    .arg(plural(report.silent.size(), QStringLiteral("series has"), QStringLiteral("series have")));
    if (!report.newIncidents.isEmpty())
        text += u'\n' + incidentTable(report.newIncidents);
    writeOut(text);
    return ExitCode::Ok;
}

} // namespace sightline::cli
