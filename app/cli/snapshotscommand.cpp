#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "store/workspace.h"

#include <nlohmann/json.hpp>

namespace sightline::cli {

namespace {
std::string isoOrEmpty(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs).toStdString() : std::string();
}
} // namespace

int runSnapshots(const QStringList& args)
{
    CommandParser parser(QStringLiteral("snapshots"), QStringLiteral("[--json] WORKSPACE"),
                         QStringLiteral("Lists what was imported into WORKSPACE, oldest first: each snapshot's id,\n"
                                        "capture time (data time), import time, format, sources, counts and path.\n"
                                        "The workspace must exist; it is opened read-only."));
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print a JSON array of snapshot objects.")}});
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
    QList<SnapshotInfo> snapshots;
    try {
        snapshots = workspace->snapshots();
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(positional.first(), e.message()));
        return ExitCode::WorkspaceProblem;
    }

    if (*format == u"json") {
        auto array = nlohmann::json::array();
        for (const auto& s : std::as_const(snapshots)) {
            nlohmann::json sources = nlohmann::json::array();
            for (const auto& source : s.sources)
                sources.push_back(source.toStdString());
            const std::string captured = isoOrEmpty(s.capturedAt);
            array.push_back({{"id", s.id},
                             {"format", s.format.toStdString()},
                             {"path", s.sourcePath.toStdString()},
                             {"content_hash", s.contentHash.toStdString()},
                             {"captured_at", captured.empty() ? nlohmann::json() : nlohmann::json(captured)},
                             {"imported_at", isoOrEmpty(s.importedAt)},
                             {"sources", sources},
                             {"assets", s.assetCount},
                             {"edges", s.edgeCount},
                             {"columns", s.columnCount},
                             {"observations", s.observationCount}});
        }
        writeOut(QByteArray::fromStdString(array.dump(2)) + '\n');
        return ExitCode::Ok;
    }
    if (snapshots.isEmpty()) {
        writeOut(QStringLiteral("Nothing imported into %1 yet.\n").arg(positional.first()));
        return ExitCode::Ok;
    }
    QList<QStringList> rows;
    rows.append({QStringLiteral("ID"), QStringLiteral("CAPTURED"), QStringLiteral("FORMAT"), QStringLiteral("SOURCES"),
                 QStringLiteral("ASSETS"), QStringLiteral("EDGES"), QStringLiteral("OBSERVATIONS"),
                 QStringLiteral("PATH")});
    for (const auto& s : std::as_const(snapshots)) {
        rows.append({QString::number(s.id),
                     s.capturedAt.isValid() ? s.capturedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                            : QStringLiteral("-"),
                     s.format, s.sources.join(u' '), QString::number(s.assetCount), QString::number(s.edgeCount),
                     QString::number(s.observationCount), s.sourcePath});
    }
    writeOut(formatTable(rows) + plural(snapshots.size(), QStringLiteral("snapshot")) + u'\n');
    return ExitCode::Ok;
}

} // namespace sightline::cli
