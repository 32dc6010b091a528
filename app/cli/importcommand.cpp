#include "commandparser.h"
#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "export/assetjson.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <csignal>

namespace sightline::cli {

namespace {

std::atomic<bool> g_interrupted = false;

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

std::string utf8(const QString& s)
{
    return s.toUtf8().toStdString();
}

nlohmann::json textOrNull(const QString& s)
{
    if (s.isEmpty())
        return nullptr;
    return utf8(s);
}

nlohmann::json reportToJson(const QString& workspacePath, const ImportReport& report, const WorkspaceCounts& counts)
{
    auto files = nlohmann::json::array();
    int assets = 0, edges = 0, columns = 0, warnings = 0;
    for (const auto& f : report.files) {
        auto warningList = nlohmann::json::array();
        for (const auto& w : f.warnings)
            warningList.push_back(utf8(w));
        files.push_back({{"path", utf8(f.path)},
                         {"format", textOrNull(f.format)},
                         {"format_name", textOrNull(f.formatName)},
                         {"version", textOrNull(f.version)},
                         {"assets", f.assets},
                         {"edges", f.edges},
                         {"columns", f.columns},
                         {"warnings", std::move(warningList)},
                         {"skipped", textOrNull(f.skipped)}});
        assets += f.assets;
        edges += f.edges;
        columns += f.columns;
        warnings += int(f.warnings.size());
    }
    auto snapshots = nlohmann::json::array();
    for (auto id : report.snapshotIds)
        snapshots.push_back(id);
    const bool nothingNew = report.outcome == ImportReport::Outcome::NothingNew;
    return {{"workspace", utf8(workspacePath)},
            {"outcome", nothingNew ? "nothing_new" : "imported"},
            {"snapshots", std::move(snapshots)},
            {"duplicates", report.duplicates},
            {"files", std::move(files)},
            {"totals", {{"assets", assets}, {"edges", edges}, {"columns", columns}, {"warnings", warnings}}},
            {"workspace_counts",
             {{"assets", counts.assets},
              {"retired_assets", counts.retiredAssets},
              {"edges", counts.edges},
              {"snapshots", counts.snapshots}}}};
}

void removeWorkspaceFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

constexpr qsizetype kWarningsShown = 10;

QString reportToText(const QString& workspacePath, const ImportReport& report, const WorkspaceCounts& counts)
{
    QString out;
    for (const auto& f : report.files) {
        out += f.path + QStringLiteral(": ");
        if (!f.skipped.isEmpty()) {
            out += QStringLiteral("skipped, ") + f.skipped + u'\n';
            continue;
        }
        out += f.formatName;
        if (!f.version.isEmpty())
            out += u' ' + f.version;
        out += QStringLiteral(": %1, %2, %3")
                   .arg(plural(f.assets, QStringLiteral("asset")), plural(f.edges, QStringLiteral("edge")),
                        plural(f.columns, QStringLiteral("column")));
        if (!f.warnings.isEmpty())
            out += QStringLiteral(", ") + plural(f.warnings.size(), QStringLiteral("warning"));
        out += u'\n';
        for (qsizetype i = 0; i < std::min(f.warnings.size(), kWarningsShown); ++i)
            out += QStringLiteral("  warning: ") + f.warnings[i] + u'\n';
        if (f.warnings.size() > kWarningsShown)
            out +=
                QStringLiteral("  ... and %1 more (all of them with --json)\n").arg(f.warnings.size() - kWarningsShown);
    }
    const QString totals =
        QStringLiteral("%1, %2 from %3")
            .arg(plural(counts.assets, QStringLiteral("asset")), plural(counts.edges, QStringLiteral("edge")),
                 plural(counts.snapshots, QStringLiteral("snapshot")));
    if (report.outcome == ImportReport::Outcome::NothingNew) {
        out +=
            QStringLiteral("Nothing new to import: %1 already holds this content (%2).\n").arg(workspacePath, totals);
    } else {
        out += QStringLiteral("Imported %1 into %2; it now holds %3.\n")
                   .arg(plural(report.snapshotIds.size(), QStringLiteral("snapshot")), workspacePath, totals);
    }
    return out;
}

} // namespace

int runImport(const QStringList& args)
{
    CommandParser parser(QStringLiteral("import"), QStringLiteral("[--json] WORKSPACE PATH..."),
                         QStringLiteral("Imports metadata files into WORKSPACE, creating it if it does not exist.\n"
                                        "Each PATH is one snapshot: a file, or a folder of files captured together.\n"
                                        "Formats are recognised by content. The import is one transaction: it lands\n"
                                        "whole or not at all. Importing identical content again changes nothing\n"
                                        "and exits 0. Progress is shown on stderr when it is a terminal."));
    parser.addFormats({{QStringLiteral("text"), QString()},
                       {QStringLiteral("json"), QStringLiteral("Print the import report as JSON on stdout.")}});
    parser.addPositional(QStringLiteral("WORKSPACE"), QStringLiteral("Workspace file (*.sightline)."));
    parser.addPositional(QStringLiteral("PATH"), QStringLiteral("Files or folders to import."),
                         QStringLiteral("PATH..."));
    if (auto stop = parser.parse(args))
        return *stop;
    QStringList positional = parser.positional();
    if (positional.size() < 2)
        return parser.usageError(positional.isEmpty() ? QStringLiteral("missing WORKSPACE and PATH")
                                                      : QStringLiteral("missing PATH to import"));
    const auto format = parser.format();
    if (!format)
        return ExitCode::Usage;
    const QString workspacePath = positional.takeFirst();

    // The workspace is checked first, so that a wrong WORKSPACE argument (say, the manifest given
    // twice) is reported as what it is and nothing is written to it.
    if (QFileInfo(workspacePath).isDir()) {
        printError(QStringLiteral("%1: is a folder, not a workspace file").arg(workspacePath));
        return ExitCode::WorkspaceProblem;
    }
    const bool existed = QFileInfo::exists(workspacePath);
    if (existed) {
        try {
            auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::ReadWrite);
            // Taking the write lock once (waiting as long as an import would) reports a workspace
            // that another process keeps busy as such, before any input is read.
            workspace->db().exec("BEGIN IMMEDIATE");
            workspace->db().exec("ROLLBACK");
        } catch (const WorkspaceError& e) {
            printError(e.message());
            return ExitCode::WorkspaceProblem;
        } catch (const sql::Error& e) {
            const int primary = e.code() & 0xff;
            const bool busy = primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
            printError(busy ? QStringLiteral("%1: workspace is busy (locked by another process)").arg(workspacePath)
                            : QStringLiteral("%1: %2").arg(workspacePath, e.message()));
            return ExitCode::WorkspaceProblem;
        }
    }

    if (!existed && !QFileInfo(workspacePath).absoluteDir().exists()) {
        printError(QStringLiteral("%1: cannot create the workspace: folder %2 does not exist")
                       .arg(workspacePath, QFileInfo(workspacePath).absolutePath()));
        return ExitCode::WorkspaceProblem;
    }

    for (const auto& path : std::as_const(positional)) {
        if (!QFileInfo::exists(path)) {
            printError(QStringLiteral("%1: no such file or folder").arg(path));
            return ExitCode::BadInput;
        }
    }

    ImporterRegistry registry;
    const QStringList pluginProblems = registry.loadPlugins();
    if (registry.importers().isEmpty()) {
        printError(QStringLiteral("no importer plugins could be loaded from %1; the installation is incomplete%2")
                       .arg(ImporterRegistry::defaultPluginDir(),
                            pluginProblems.isEmpty()
                                ? QString()
                                : QStringLiteral(" (") + pluginProblems.join(QStringLiteral("; ")) + u')'));
        return ExitCode::BadInput;
    }
    for (const auto& message : pluginProblems)
        printWarning(message);

    ProgressLine progressLine;
    ImportRunner::Progress progress;
    if (stderrIsTerminal()) {
        progress = [&progressLine](qint64 done, qint64 total, const QString& file) {
            progressLine.update(done, total, file);
        };
    }
    g_interrupted = false;
    auto* previousHandler = std::signal(SIGINT, onInterrupt);
    ImportReport report;
    WorkspaceCounts counts;
    try {
        report = ImportRunner(registry).run(workspacePath, positional, progress, [] { return g_interrupted.load(); });
        progressLine.clear();
        std::signal(SIGINT, previousHandler);
        if (report.outcome == ImportReport::Outcome::Failed || report.outcome == ImportReport::Outcome::Cancelled) {
            // "As it was" for a workspace that did not exist means: still no file.
            if (!existed)
                removeWorkspaceFiles(workspacePath);
            printError(report.error);
            return report.outcome == ImportReport::Outcome::Failed ? ExitCode::BadInput : ExitCode::Interrupted;
        }
        // Read-write so that closing this last connection checkpoints the WAL into the file.
        counts = Workspace::open(workspacePath, Workspace::OpenMode::ReadWrite)->counts();
    } catch (const WorkspaceError& e) {
        progressLine.clear();
        std::signal(SIGINT, previousHandler);
        printError(e.message());
        return ExitCode::WorkspaceProblem;
    } catch (const std::exception& e) {
        // An importer let something other than ImportError escape: still bad input, still rolled back.
        progressLine.clear();
        std::signal(SIGINT, previousHandler);
        if (!existed)
            removeWorkspaceFiles(workspacePath);
        printError(QStringLiteral("import failed: %1").arg(QString::fromUtf8(e.what())));
        return ExitCode::BadInput;
    }

    if (*format == u"json")
        writeOut(toJsonBytes(reportToJson(workspacePath, report, counts)));
    else
        writeOut(reportToText(workspacePath, report, counts));
    return ExitCode::Ok;
}

} // namespace sightline::cli
