#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"
#include "selection.h"

#include "export/assetjson.h"
#include "export/impactexport.h"
#include "lineage/impact.h"
#include "store/workspace.h"

namespace sightline::cli {

namespace {

QString impactToText(const Impact& impact)
{
    const Asset& a = impact.asset;
    QString out = QStringLiteral("Impact of %1 (%2, %3): %4 downstream\n")
                      .arg(a.key, kindName(a.kind), a.platform.isEmpty() ? QStringLiteral("-") : a.platform,
                           plural(impact.downstream.size(), QStringLiteral("asset")));
    if (impact.downstream.isEmpty())
        return out + QStringLiteral("Nothing downstream.\n");
    for (const auto& [kind, group] : impact.byKind()) {
        out += QStringLiteral("\n%1 (%2)\n").arg(kindName(kind)).arg(group.size());
        QList<QStringList> rows;
        rows.append({QStringLiteral("DIST"), QStringLiteral("KEY"), QStringLiteral("PLATFORM"), QStringLiteral("OWNER"),
                     QStringLiteral("TEAM"), QStringLiteral("CHANNEL")});
        for (const auto& d : group) {
            rows.append({QString::number(d.distance), d.asset.key, d.asset.platform, d.asset.owner, d.asset.team,
                         d.asset.channel});
        }
        out += formatTable(rows);
    }
    out += u'\n';
    out += impact.channels.isEmpty() ? QStringLiteral("Channels to notify: none declared.\n")
                                     : QStringLiteral("Channels to notify: %1\n").arg(impact.channels.join(u", "));
    if (!impact.unowned.isEmpty()) {
        out += QStringLiteral("Without an owner (%1): %2\n")
                   .arg(impact.unowned.size())
                   .arg(impact.unowned.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace

int runImpact(const QStringList& args)
{
    CommandParser parser(
        QStringLiteral("impact"), QStringLiteral("[--json | --csv] [-o FILE] WORKSPACE ASSET"),
        QStringLiteral("Everything downstream of ASSET, each with its distance, owner, team and alert\n"
                       "channel, grouped by kind; the distinct channels to notify; and the downstream\n"
                       "assets nobody owns. ASSET is a key or a unique name, as for 'lineage'.\n"
                       "Output: a table (default), JSON (--json) or CSV (--csv), ordered by\n"
                       "distance, then key."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the result to FILE instead of stdout."),
                                    QStringLiteral("FILE"));
    parser.addOption(output);
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"),
                        QStringLiteral("Print {\"asset\", \"downstream\", \"channels\", "
                                       "\"unowned\"} as JSON.")},
                       {QStringLiteral("csv"), QStringLiteral("Print one CSV row per downstream asset.")}});
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

    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(positional.at(0), &exitCode);
    if (!workspace)
        return exitCode;
    const auto graph = loadGraph(*workspace, positional.at(0), &exitCode);
    if (!graph)
        return exitCode;
    const auto index = resolveAsset(*graph, positional.at(1), positional.at(0), &exitCode);
    if (!index)
        return exitCode;

    const Impact impact = computeImpact(*graph, *index);
    QByteArray bytes;
    if (*format == u"json")
        bytes = toJsonBytes(impactToJson(impact));
    else if (*format == u"csv")
        bytes = impactToCsv(impact);
    else
        bytes = impactToText(impact).toUtf8();
    writeResult(bytes, parser.value(output), &exitCode);
    return exitCode;
}

} // namespace sightline::cli
