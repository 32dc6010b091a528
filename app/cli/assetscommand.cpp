#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "export/assetjson.h"
#include "store/workspace.h"

namespace sightline::cli {

int runAssets(const QStringList& args)
{
    CommandParser parser(QStringLiteral("assets"), QStringLiteral("[--json] WORKSPACE"),
                         QStringLiteral("Lists the current assets of WORKSPACE, sorted by key: a table of key, kind,\n"
                                        "platform and owner, or with --json an array of asset objects\n"
                                        "(see docs/cli.md). The workspace must exist; it is opened read-only."));
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print a JSON array of asset objects.")}});
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

    int exitCode = ExitCode::Ok;
    auto workspace = openExistingWorkspace(positional.first(), &exitCode);
    if (!workspace)
        return exitCode;
    QList<Asset> assets;
    try {
        assets = workspace->assets();
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(positional.first(), e.message()));
        return ExitCode::WorkspaceProblem;
    }

    if (*format == u"json") {
        writeAssetsJson(assets, [](const QByteArray& chunk) { writeOut(chunk); });
        return ExitCode::Ok;
    }
    if (assets.isEmpty()) {
        writeOut(
            QStringLiteral("No assets in %1 (add some with 'sightline import %1 FILE').\n").arg(positional.first()));
        return ExitCode::Ok;
    }
    // Workspace::assets() is ordered by key already (SQLite's byte order, as the JSON).
    QList<QStringList> rows;
    rows.reserve(assets.size() + 1);
    rows.append({QStringLiteral("KEY"), QStringLiteral("KIND"), QStringLiteral("PLATFORM"), QStringLiteral("OWNER")});
    for (const auto& a : std::as_const(assets))
        rows.append({a.key, kindName(a.kind), a.platform, a.owner});
    writeOut(formatTable(rows) + plural(assets.size(), QStringLiteral("asset")) + u'\n');
    return ExitCode::Ok;
}

} // namespace sightline::cli
