#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"
#include "selection.h"

#include "export/assetjson.h"
#include "incidents/incidentstore.h"
#include "notify/blockkit.h"
#include "notify/delivery.h"
#include "notify/notifysettings.h"
#include "routing/routing.h"
#include "store/workspace.h"

#include <QFileInfo>

namespace sightline::cli {

namespace {

nlohmann::json messagesToJson(const QList<ChannelMessage>& messages)
{
    auto list = nlohmann::json::array();
    for (const auto& m : messages) {
        auto owners = nlohmann::json::array();
        for (const auto& o : m.recipient.owners)
            owners.push_back(o.toStdString());
        auto teams = nlohmann::json::array();
        for (const auto& t : m.recipient.teams)
            teams.push_back(t.toStdString());
        list.push_back({{"channel",
                         m.recipient.channel.isEmpty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(m.recipient.channel.toStdString())},
                        {"owners", owners},
                        {"teams", teams},
                        {"payload", m.payload}});
    }
    return list;
}

} // namespace

int runNotify(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("notify"), QStringLiteral("[--dry-run] [--config FILE] [--actor NAME] WORKSPACE ID"),
        QStringLiteral("Tells everyone who must hear about incident ID: the owners and channels of its asset\n"
                       "and of everything downstream. One Slack Block Kit message per channel (a follow-up\n"
                       "when the incident is resolved). With --dry-run, prints the messages as a JSON array\n"
                       "of {\"channel\", \"owners\", \"teams\", \"payload\"} and sends nothing. Without it, posts\n"
                       "each message to the channel's incoming webhook from the settings file (see\n"
                       "docs/cli.md) and records every send on the incident's timeline. Downstream\n"
                       "dashboards with no owner or channel are listed on stderr.\n"
                       "Exit code 2 when a configured webhook could not be reached."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Print the messages; send nothing."));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Webhook settings file (default: %1).").arg(NotifySettings::defaultPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption actor(QStringLiteral("actor"),
                                   QStringLiteral("Who sends, for the timeline (default: $USER)."),
                                   QStringLiteral("NAME"));
    parser.addOption(dryRun);
    parser.addOption(config);
    parser.addOption(actor);
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    parser.addPositional(QStringLiteral("ID"), QStringLiteral("Incident id."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() != 2)
        return parser.usageError(positional.size() < 2
                                     ? QStringLiteral("missing WORKSPACE or ID")
                                     : QStringLiteral("unexpected argument '%1'").arg(positional.at(2)));
    bool okId = false;
    const qint64 id = positional.at(1).toLongLong(&okId);
    if (!okId || id <= 0)
        return parser.usageError(QStringLiteral("ID must be a positive number, not '%1'").arg(positional.at(1)));

    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(positional.at(0), &exitCode);
    if (!workspace)
        return exitCode;
    if (!parser.isSet(dryRun)) {
        // Sending records events: reopen for writing.
        try {
            workspace = Workspace::open(positional.at(0), Workspace::OpenMode::ReadWrite);
        } catch (const WorkspaceError& e) {
            printError(e.message());
            return ExitCode::WorkspaceProblem;
        }
    }
    const auto graph = loadGraph(*workspace, positional.at(0), &exitCode);
    if (!graph)
        return exitCode;
    try {
        IncidentStore store(workspace->db());
        const auto incident = store.incident(id);
        if (!incident) {
            printError(QStringLiteral("%1: no incident %2").arg(positional.at(0)).arg(id));
            return ExitCode::BadInput;
        }
        const QString settingsPath = parser.isSet(config) ? parser.value(config) : NotifySettings::defaultPath();
        if (parser.isSet(config) && !QFileInfo(settingsPath).isFile()) {
            printError(QStringLiteral("%1: no such settings file").arg(settingsPath));
            return ExitCode::BadInput;
        }
        const NotifySettings settings = NotifySettings::load(settingsPath);
        const auto index = graph->indexOf(incident->assetKey);
        const Routing routing = routeIncident(*graph, index);
        for (const auto& gap : routing.gaps) {
            printWarning(QStringLiteral("downstream %1 %2 has no %3: nobody will be told")
                             .arg(kindName(gap.asset.kind), gap.asset.key,
                                  gap.noOwner && gap.noChannel
                                      ? QStringLiteral("owner or channel")
                                      : (gap.noOwner ? QStringLiteral("owner") : QStringLiteral("channel"))));
        }
        MessageContext context;
        context.dataTime = workspace->dataTime();
        context.link = settings.linkFor(id, routing.asset.url);
        if (isResolved(incident->status)) {
            for (const auto& e : store.events(id)) {
                if (e.type == u"status" && statusFromName(e.newValue) && isResolved(*statusFromName(e.newValue))) {
                    context.resolvedAt = e.at;
                    context.resolvedBy = e.actor;
                    context.resolution = e.comment;
                }
            }
        }
        const auto messages = buildMessages(*incident, routing, context);
        if (messages.isEmpty())
            printWarning(QStringLiteral("nobody to tell: neither the asset nor anything downstream has an owner, "
                                        "team or channel"));
        if (parser.isSet(dryRun)) {
            writeOut(toJsonBytes(messagesToJson(messages)) + '\n');
            return ExitCode::Ok;
        }
        QString who = parser.value(actor);
        if (who.isEmpty())
            who = qEnvironmentVariable("USER", QStringLiteral("sightline"));
        const auto reports = deliverMessages(store, id, messages, settings, who);
        QString out;
        for (const auto& r : reports) {
            if (r.sent && r.result.ok) {
                out += QStringLiteral("sent to %1 (HTTP %2, %3)\n")
                           .arg(r.target)
                           .arg(r.result.httpStatus)
                           .arg(plural(r.result.attempts, QStringLiteral("attempt")));
            } else if (r.sent) {
                printError(QStringLiteral("could not notify %1: %2").arg(r.target, r.result.error));
                exitCode = ExitCode::BadInput;
            } else {
                out += QStringLiteral("not sent to %1: %2\n").arg(r.target, r.result.error);
            }
        }
        writeOut(out);
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(positional.at(0), e.message()));
        return ExitCode::WorkspaceProblem;
    }
    return exitCode;
}

} // namespace sightline::cli
