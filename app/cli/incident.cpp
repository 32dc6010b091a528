#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "incidents/incidentstore.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QFileInfo>

namespace sightline::cli {

namespace {

QString statusNames()
{
    QStringList names;
    for (IncidentStatus s : allStatuses())
        names.append(statusName(s));
    return names.join(QStringLiteral(", "));
}

QString describe(const Incident& i)
{
    QString line = QStringLiteral("incident %1 (%2): %3, %4")
                       .arg(i.id)
                       .arg(i.assetKey, statusName(i.status), severityName(i.severity));
    if (!i.assignee.isEmpty())
        line += QStringLiteral(", assigned to %1").arg(i.assignee);
    return line + u'\n';
}

} // namespace

int runIncident(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("incident"),
        QStringLiteral(
            "WORKSPACE ID [--status S] [--comment TEXT] [--assignee NAME] [--severity SEV-n] [--actor NAME]"),
        QStringLiteral("Scripted triage of one incident: change its status, assignee or severity and/or add\n"
                       "a comment. Every change is one event on the incident's timeline, committed at once;\n"
                       "all changes of one call land together or not at all. Resolving (fixed, expected,\n"
                       "no_action_needed, false_positive) needs a reason: --comment. Without a change, prints\n"
                       "the incident. Exit 2 for an unknown incident or a change the workflow refuses."));
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("New status: %1.").arg(statusNames()),
                                    QStringLiteral("S"));
    const QCommandLineOption comment(QStringLiteral("comment"),
                                     QStringLiteral("A comment; the reason when --status resolves."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption assignee(QStringLiteral("assignee"),
                                      QStringLiteral("Assign to NAME (an empty NAME unassigns)."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption severity(QStringLiteral("severity"), QStringLiteral("SEV-1 (worst) ... SEV-4."),
                                      QStringLiteral("SEV"));
    const QCommandLineOption actor(QStringLiteral("actor"),
                                   QStringLiteral("Who is acting, for the timeline (default: the OS user name)."),
                                   QStringLiteral("NAME"));
    for (const auto& option : {status, comment, assignee, severity, actor})
        parser.addOption(option);
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    parser.addPositional(QStringLiteral("ID"), QStringLiteral("Incident id (as 'sightline incidents' lists it)."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() < 2)
        return parser.usageError(positional.isEmpty() ? QStringLiteral("missing WORKSPACE and ID")
                                                      : QStringLiteral("missing ID"));
    if (positional.size() > 2)
        return parser.usageError(QStringLiteral("unexpected argument '%1'").arg(positional.at(2)));
    bool numeric = false;
    const qint64 id = positional.at(1).toLongLong(&numeric);
    if (!numeric || id <= 0)
        return parser.usageError(QStringLiteral("ID must be a positive number, not '%1'").arg(positional.at(1)));
    std::optional<IncidentStatus> newStatus;
    if (parser.isSet(status)) {
        newStatus = statusFromName(parser.value(status));
        if (!newStatus)
            return parser.usageError(
                QStringLiteral("unknown status '%1' (one of %2)").arg(parser.value(status), statusNames()));
    }
    std::optional<Severity> newSeverity;
    if (parser.isSet(severity)) {
        newSeverity = severityFromName(parser.value(severity).toUpper());
        if (!newSeverity)
            return parser.usageError(
                QStringLiteral("unknown severity '%1' (SEV-1 ... SEV-4)").arg(parser.value(severity)));
    }

    const QString path = positional.at(0);
    if (!QFileInfo(path).isFile()) {
        printError(QStringLiteral("%1: no such workspace").arg(path));
        return ExitCode::WorkspaceProblem;
    }
    std::unique_ptr<Workspace> ws;
    try {
        ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
    } catch (const WorkspaceError& e) {
        printError(e.message());
        return ExitCode::WorkspaceProblem;
    }
    try {
        IncidentWorkflow workflow(ws->db(), parser.value(actor));
        const bool resolving = newStatus && isResolved(*newStatus);
        workflow.bulk({id}, [&](qint64 incident) {
            QList<qint64> events;
            if (newStatus)
                events += workflow.setStatus(incident, *newStatus, resolving ? parser.value(comment) : QString());
            if (parser.isSet(assignee))
                events += workflow.assign(incident, parser.value(assignee));
            if (newSeverity)
                events += workflow.setSeverity(incident, *newSeverity);
            if (parser.isSet(comment) && !resolving)
                events += workflow.comment(incident, parser.value(comment));
            return events;
        });
        const auto incident = IncidentStore(ws->db()).incident(id);
        if (!incident)
            throw WorkflowError(WorkflowError::Reason::UnknownIncident, QStringLiteral("no incident %1").arg(id));
        writeOut(describe(*incident));
        return ExitCode::Ok;
    } catch (const WorkflowError& e) {
        printError(e.message());
        return ExitCode::BadInput;
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(path, e.message()));
        return ExitCode::WorkspaceProblem;
    }
}

} // namespace sightline::cli
