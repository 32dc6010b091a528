#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "store/snapshotremoval.h"
#include "store/sqlite.h"
#include "store/workspace.h"

#include <nlohmann/json.hpp>

namespace sightline::cli {

namespace {
std::string isoOrEmpty(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs).toStdString() : std::string();
}

int removeSnapshot(const QString& path, qint64 id, bool json)
{
    int exitCode = ExitCode::Ok;
    // Checks (missing, folder, not a workspace) first, then the writable connection.
    if (!openExistingWorkspace(path, &exitCode))
        return exitCode;
    SnapshotRemoval removed;
    try {
        auto workspace = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        removed = sightline::removeSnapshot(workspace->db(), id);
    } catch (const WorkspaceError& e) {
        printError(e.message());
        return ExitCode::WorkspaceProblem;
    } catch (const UnknownSnapshotError&) {
        printError(QStringLiteral("%1: no snapshot with id %2 (see 'sightline snapshots %1')").arg(path).arg(id));
        return ExitCode::BadInput;
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(path, e.message()));
        return ExitCode::WorkspaceProblem;
    }
    if (json) {
        const nlohmann::json object = {{"removed", removed.snapshotId},
                                       {"observations", removed.observations},
                                       {"run_results", removed.runResults},
                                       {"schema_versions", removed.schemaVersions},
                                       {"column_edges", removed.columnEdges},
                                       {"assets", removed.assets},
                                       {"edges", removed.edges},
                                       {"unretired_assets", removed.unretiredAssets},
                                       {"unretired_edges", removed.unretiredEdges}};
        writeOut(QByteArray::fromStdString(object.dump(2)) + '\n');
        return ExitCode::Ok;
    }
    writeOut(QStringLiteral("Removed snapshot %1: %2, %3, %4, %5, %6, %7; %8 and %9 current again.\n")
                 .arg(QString::number(removed.snapshotId), plural(removed.assets, QStringLiteral("asset")),
                      plural(removed.edges, QStringLiteral("edge")),
                      plural(removed.observations, QStringLiteral("observation")),
                      plural(removed.runResults, QStringLiteral("run result")),
                      plural(removed.schemaVersions, QStringLiteral("schema version")),
                      plural(removed.columnEdges, QStringLiteral("column edge")),
                      plural(removed.unretiredAssets, QStringLiteral("retired asset")),
                      plural(removed.unretiredEdges, QStringLiteral("retired edge"))));
    return ExitCode::Ok;
}
} // namespace

int runSnapshots(const QStringList& args)
{
    CommandParser parser(QStringLiteral("snapshots"), QStringLiteral("[--json] [--remove ID] WORKSPACE"),
                         QStringLiteral("Lists what was imported into WORKSPACE, oldest first: each snapshot's id,\n"
                                        "capture time (data time), import time, format, sources, counts and path.\n"
                                        "The workspace must exist; it is opened read-only unless --remove is given."));
    const QCommandLineOption remove(
        QStringLiteral("remove"), QStringLiteral("Remove snapshot ID and what only it contributed (see docs/cli.md)."),
        QStringLiteral("ID"));
    parser.addOption(remove);
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
    if (parser.isSet(remove)) {
        bool ok = false;
        const qint64 id = parser.value(remove).toLongLong(&ok);
        if (!ok || id <= 0)
            return parser.usageError(
                QStringLiteral("--remove expects a snapshot id, not '%1'").arg(parser.value(remove)));
        return removeSnapshot(positional.first(), id, *format == u"json");
    }

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
