#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "export/assetjson.h"
#include "export/lineageexport.h"
#include "lineage/assetlookup.h"
#include "lineage/lineagegraph.h"
#include "store/workspace.h"

namespace sightline::cli {

namespace {

// "all" (unlimited) or a non-negative number; nullopt when malformed.
std::optional<int> parseDepth(const QString& text)
{
    if (text.compare(QStringLiteral("all"), Qt::CaseInsensitive) == 0)
        return -1;
    bool ok = false;
    const int depth = text.toInt(&ok);
    if (!ok || depth < 0)
        return std::nullopt;
    return depth;
}

QString depthText(int depth)
{
    return depth < 0 ? QStringLiteral("all levels") : plural(depth, QStringLiteral("level"));
}

QString lineageToText(const LineageSelection& selection)
{
    const auto& focus = selection.nodes.first().asset;
    QString out =
        QStringLiteral("Lineage of %1 (%2, %3): %4 up, %5 down\n")
            .arg(focus.key, kindName(focus.kind), focus.platform.isEmpty() ? QStringLiteral("-") : focus.platform,
                 depthText(selection.upstreamDepth), depthText(selection.downstreamDepth));
    QStringList people;
    if (!focus.owner.isEmpty())
        people.append(QStringLiteral("owner ") + focus.owner);
    if (!focus.team.isEmpty())
        people.append(QStringLiteral("team ") + focus.team);
    if (!focus.channel.isEmpty())
        people.append(QStringLiteral("channel ") + focus.channel);
    out += people.isEmpty() ? QStringLiteral("No owner, team or channel declared.\n")
                            : people.join(QStringLiteral(", ")) + u'\n';
    out += u'\n';

    QList<QStringList> rows;
    rows.append({QStringLiteral("ROLE"), QStringLiteral("DIST"), QStringLiteral("KEY"), QStringLiteral("KIND"),
                 QStringLiteral("PLATFORM"), QStringLiteral("OWNER")});
    for (const auto& node : selection.nodes) {
        rows.append({roleName(node.role), QString::number(node.distance), node.asset.key, kindName(node.asset.kind),
                     node.asset.platform, node.asset.owner});
    }
    out += formatTable(rows);
    if (!selection.edges.isEmpty()) {
        out += QStringLiteral("\nEdges (upstream -> downstream):\n");
        for (const auto& edge : selection.edges)
            out += QStringLiteral("  %1 -> %2\n").arg(edge.from, edge.to);
    }
    qsizetype up = 0, down = 0;
    for (const auto& node : selection.nodes) {
        up += node.role == LineageNode::Role::Upstream;
        down += node.role == LineageNode::Role::Downstream;
    }
    out += QStringLiteral("\n%1 upstream, %2 downstream, %3\n")
               .arg(up)
               .arg(down)
               .arg(plural(selection.edges.size(), QStringLiteral("edge")));
    return out;
}

} // namespace

int runLineage(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("lineage"), QStringLiteral("[--upstream N] [--downstream N] [--json | --dot] WORKSPACE ASSET"),
        QStringLiteral("Shows ASSET with its upstream and downstream neighbourhood: the assets within\n"
                       "the given number of steps and every edge among them. ASSET is an asset key\n"
                       "(see 'sightline assets'); if no key matches, a unique asset name is accepted\n"
                       "(case-insensitive). Output: a table (default), JSON (--json) or a Graphviz\n"
                       "DOT digraph (--dot). Nodes come focus first, then upstream, then downstream,\n"
                       "each by distance and key; edges by (from, to)."));
    const QCommandLineOption upstream(QStringLiteral("upstream"),
                                      QStringLiteral("Upstream depth: a number of steps, or 'all' (default 1)."),
                                      QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption downstream(QStringLiteral("downstream"),
                                        QStringLiteral("Downstream depth: a number of steps, or 'all' (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    parser.addOption(upstream);
    parser.addOption(downstream);
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print {\"nodes\": [...], \"edges\": [...]} as JSON.")},
                       {QStringLiteral("dot"), QStringLiteral("Print a Graphviz DOT digraph.")}});
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    parser.addPositional(QStringLiteral("ASSET"), QStringLiteral("Asset key, or a unique asset name."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() < 2)
        return parser.usageError(positional.isEmpty() ? QStringLiteral("missing WORKSPACE and ASSET")
                                                      : QStringLiteral("missing ASSET"));
    if (positional.size() > 2)
        return parser.usageError(QStringLiteral("unexpected argument '%1'").arg(positional.at(2)));
    const auto format = parser.format();
    if (!format)
        return ExitCode::Usage;
    const auto upDepth = parseDepth(parser.value(upstream));
    if (!upDepth)
        return parser.usageError(
            QStringLiteral("--upstream wants a number of steps or 'all', not '%1'").arg(parser.value(upstream)));
    const auto downDepth = parseDepth(parser.value(downstream));
    if (!downDepth) {
        return parser.usageError(
            QStringLiteral("--downstream wants a number of steps or 'all', not '%1'").arg(parser.value(downstream)));
    }

    const QString& workspacePath = positional.at(0);
    const QString& query = positional.at(1);
    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(workspacePath, &exitCode);
    if (!workspace)
        return exitCode;
    QList<Asset> assets;
    QList<Edge> edges;
    try {
        assets = workspace->assets();
        edges = workspace->edges();
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(workspacePath, e.message()));
        return ExitCode::WorkspaceProblem;
    }

    const AssetLookup found = lookupAsset(assets, query);
    if (found.outcome == AssetLookup::Outcome::Ambiguous) {
        printError(QStringLiteral("'%1' names %2 assets; give one of their keys: %3")
                       .arg(query)
                       .arg(found.candidates.size())
                       .arg(found.candidates.join(QStringLiteral(", "))));
        return ExitCode::BadInput;
    }
    if (found.outcome == AssetLookup::Outcome::NotFound) {
        if (found.candidates.isEmpty()) {
            printError(
                QStringLiteral("no asset '%1' in %2 (list them with 'sightline assets %2')").arg(query, workspacePath));
        } else {
            printError(QStringLiteral("no asset '%1' in %2; did you mean: %3")
                           .arg(query, workspacePath, found.candidates.join(QStringLiteral(", "))));
        }
        return ExitCode::BadInput;
    }

    const QString focusKey = assets[found.index].key;
    const LineageGraph graph(std::move(assets), edges);
    const auto selection = selectLineage(graph, graph.indexOf(focusKey), *upDepth, *downDepth);
    if (*format == u"json")
        writeOut(toJsonBytes(lineageToJson(selection)));
    else if (*format == u"dot")
        writeOut(lineageToDot(selection));
    else
        writeOut(lineageToText(selection));
    return ExitCode::Ok;
}

} // namespace sightline::cli
