#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "export/assetjson.h"
#include "export/lineageexport.h"
#include "export/lineageexporter.h"
#include "lineage/assetlookup.h"
#include "lineage/lineagegraph.h"
#include "selection.h"
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

QString selectionToText(const QString& selector, const LineageSelection& selection)
{
    qsizetype selected = 0, up = 0, down = 0;
    for (const auto& node : selection.nodes) {
        selected += node.role == LineageNode::Role::Focus;
        up += node.role == LineageNode::Role::Upstream;
        down += node.role == LineageNode::Role::Downstream;
    }
    QString out = QStringLiteral("Selection %1: %2\n").arg(selector, plural(selected, QStringLiteral("asset")));
    if (selection.nodes.isEmpty())
        return out + QStringLiteral("Nothing matches.\n");
    out += u'\n';
    QList<QStringList> rows;
    rows.append({QStringLiteral("ROLE"), QStringLiteral("DIST"), QStringLiteral("KEY"), QStringLiteral("KIND"),
                 QStringLiteral("PLATFORM"), QStringLiteral("OWNER")});
    for (const auto& node : selection.nodes) {
        rows.append({node.role == LineageNode::Role::Focus ? QStringLiteral("selected") : roleName(node.role),
                     QString::number(node.distance), node.asset.key, kindName(node.asset.kind), node.asset.platform,
                     node.asset.owner});
    }
    out += formatTable(rows);
    if (!selection.edges.isEmpty()) {
        out += QStringLiteral("\nEdges (upstream -> downstream):\n");
        for (const auto& edge : selection.edges)
            out += QStringLiteral("  %1 -> %2\n").arg(edge.from, edge.to);
    }
    out += QStringLiteral("\n%1 selected, %2 upstream, %3 downstream, %4\n")
               .arg(selected)
               .arg(up)
               .arg(down)
               .arg(plural(selection.edges.size(), QStringLiteral("edge")));
    return out;
}

} // namespace

int runLineage(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("lineage"),
        QStringLiteral("[--upstream N] [--downstream N] [--exclude SELECTOR] [--format FORMAT] [-o FILE] WORKSPACE "
                       "ASSET|SELECTOR"),
        QStringLiteral("Shows ASSET with its upstream and downstream neighbourhood: the assets within\n"
                       "the given number of steps and every edge among them. ASSET is an asset key\n"
                       "(see 'sightline assets'); if no key matches, a unique asset name is accepted\n"
                       "(case-insensitive). Output: a table (default), JSON (--json) or a Graphviz\n"
                       "DOT digraph (--dot). Nodes come focus first, then upstream, then downstream,\n"
                       "each by distance and key; edges by (from, to).\n"
                       "\n"
                       "Anything else is a dbt-style selector ('+orders', 'stg_*+1', 'tag:pii,kind:model',\n"
                       "'@raw.shop.orders', 'owner:ana team:growth'; see docs/cli.md): then the output\n"
                       "is the selected assets (role focus) and the edges among them, widened by\n"
                       "--upstream/--downstream only when those are given."));
    const QCommandLineOption upstream(QStringLiteral("upstream"),
                                      QStringLiteral("Upstream depth: a number of steps, or 'all' (default 1)."),
                                      QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption downstream(QStringLiteral("downstream"),
                                        QStringLiteral("Downstream depth: a number of steps, or 'all' (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption exclude(QStringLiteral("exclude"),
                                     QStringLiteral("Leave out what this selector selects (selector mode)."),
                                     QStringLiteral("SELECTOR"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the result to FILE instead of stdout."),
                                    QStringLiteral("FILE"));
    parser.addOption(upstream);
    parser.addOption(downstream);
    parser.addOption(exclude);
    parser.addOption(output);
    parser.addFormats(
        {{QStringLiteral("text"), QString()},
         {QStringLiteral("json"), QStringLiteral("Print {\"nodes\": [...], \"edges\": [...]} as JSON.")},
         {QStringLiteral("dot"), QStringLiteral("Print a Graphviz DOT digraph.")},
         {QStringLiteral("svg"), QStringLiteral("Draw an asset's neighbourhood as SVG (needs -o FILE).")},
         {QStringLiteral("png"), QStringLiteral("Draw an asset's neighbourhood as PNG (needs -o FILE).")},
         {QStringLiteral("pdf"), QStringLiteral("Draw an asset's neighbourhood as PDF (needs -o FILE).")}});
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    parser.addPositional(QStringLiteral("ASSET"), QStringLiteral("Asset key, or a unique asset name, or a selector."));
    if (auto stop = parser.parse(args))
        return *stop;
    const QStringList positional = parser.positional();
    if (positional.size() < 2)
        return parser.usageError(positional.isEmpty() ? QStringLiteral("missing WORKSPACE and ASSET")
                                                      : QStringLiteral("missing ASSET (or SELECTOR)"));
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
    std::optional<Selector> excluded;
    if (parser.isSet(exclude)) {
        excluded = parseSelector(parser.value(exclude), QStringLiteral("--exclude"), &exitCode);
        if (!excluded)
            return exitCode;
    }
    const bool drawing = *format == u"svg" || *format == u"png" || *format == u"pdf";
    if (drawing && parser.value(output).isEmpty())
        return parser.usageError(QStringLiteral("--format %1 writes a file: give -o FILE").arg(*format));
    auto workspace = openExistingWorkspace(workspacePath, &exitCode);
    if (!workspace)
        return exitCode;
    const auto graph = loadGraph(*workspace, workspacePath, &exitCode);
    if (!graph)
        return exitCode;

    // An exact key or unique name is the focus of a neighbourhood, as it always was; a name shared
    // by several assets stays an error rather than silently selecting them all.
    LineageSelection selection;
    bool focused = false;
    const AssetLookup found = lookupAsset(graph->assets(), query);
    if (found.outcome == AssetLookup::Outcome::Found && !excluded) {
        if (drawing) {
            // Drawn by the same exporter as the GUI's File > Export Lineage, under the offscreen
            // platform the command line starts for these formats.
            ui::LineageExportRequest request;
            request.graph = graph;
            request.focus = graph->asset(LineageGraph::Index(found.index)).key;
            request.upstreamDepth = *upDepth;
            request.downstreamDepth = *downDepth;
            ui::lineageExportFormatFromName(*format, &request.format);
            request.outputPath = parser.value(output);
            QString error;
            if (!ui::exportLineage(request, &error)) {
                printError(error);
                return ExitCode::BadInput;
            }
            return ExitCode::Ok;
        }
        selection = selectLineage(*graph, LineageGraph::Index(found.index), *upDepth, *downDepth);
        focused = true;
    } else {
        if (drawing) {
            printError(QStringLiteral("--format %1 draws one asset's neighbourhood; '%2' is not a single asset "
                                      "(use --format json or dot for a selector)")
                           .arg(*format, query));
            return ExitCode::BadInput;
        }
        const auto selector = parseSelector(query, QStringLiteral("selector"), &exitCode);
        if (!selector)
            return exitCode;
        if (selector->isSingleName() && !excluded) {
            resolveAsset(*graph, query, workspacePath, &exitCode);
            return exitCode;
        }
        const auto chosen =
            selectAssets(*graph, *selector, excluded ? &*excluded : nullptr, selectorContext(*workspace));
        selection = selectLineageSet(*graph, chosen, parser.isSet(upstream) ? *upDepth : 0,
                                     parser.isSet(downstream) ? *downDepth : 0);
    }

    QByteArray bytes;
    if (*format == u"json")
        bytes = toJsonBytes(lineageToJson(selection));
    else if (*format == u"dot")
        bytes = lineageToDot(selection);
    else
        bytes = (focused ? lineageToText(selection) : selectionToText(query, selection)).toUtf8();
    writeResult(bytes, parser.value(output), &exitCode);
    return exitCode;
}

} // namespace sightline::cli
