#include "cli.h"

#include "commands.h"
#include "console.h"
#include "exitcode.h"

#include "sightline/buildconfig.h"

#include <QApplication>
#include <QCoreApplication>

#include <QFileInfo>
#include <memory>

#include <algorithm>
#include <vector>

namespace sightline::cli {

namespace {

struct Command
{
    const char* name;
    const char* synopsis;
    const char* summary;
    int (*run)(const QStringList&);
};

const Command kCommands[] = {
    {"import", "WORKSPACE PATH...", "import metadata files or folders (a workspace is created if missing)", runImport},
    {"assets", "WORKSPACE [--select SELECTOR]", "list the assets of a workspace (or those a selector selects)",
     runAssets},
    {"lineage", "WORKSPACE ASSET|SELECTOR", "show an asset's neighbourhood, or the assets a selector selects",
     runLineage},
    {"impact", "WORKSPACE ASSET", "everything downstream of an asset, and whom to notify", runImpact},
    {"snapshots", "WORKSPACE", "list what was imported, when and from where", runSnapshots},
    {"detect", "WORKSPACE [--json]", "run the detectors and print the new incidents", runDetect},
    {"incidents", "WORKSPACE [--status S] [--kind K]", "list the incidents of a workspace", runIncidents},
    {"incident", "WORKSPACE ID [--status S] [--comment TEXT] [--assignee NAME]", "triage one incident from a script",
     runIncident},
    {"notify", "WORKSPACE ID", "Slack messages to everyone an incident concerns", runNotify},
    {"report", "WORKSPACE --incident ID|--period 7d", "incident, health or ownership-gap report (html, pdf, md, csv)",
     runReport},
    {"restore", "WORKSPACE [--backup FILE]", "continue from a backup of a damaged workspace, in a new file",
     runRestore},
};

const Command* findCommand(QStringView name)
{
    for (const auto& c : kCommands) {
        if (name == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}

bool isHelpFlag(QStringView arg)
{
    return arg == u"--help" || arg == u"-h" || arg == u"-help" || arg == u"-?";
}

bool isVersionFlag(QStringView arg)
{
    return arg == u"--version" || arg == u"-v" || arg == u"-version";
}

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] = std::min({above + 1, row[size_t(j) - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

// The command a mistyped word was probably meant to be, if any. A word that names an existing file
// or looks like a path is a workspace for the GUI, never a typo.
const Command* nearMiss(const QString& word)
{
    if (word.size() < 3 || word.startsWith(u'-') || word.contains(u'/') || word.contains(u'.')
        || QFileInfo::exists(word))
        return nullptr;
    for (const auto& c : kCommands) {
        if (editDistance(word.toLower(), QString::fromLatin1(c.name)) <= 2)
            return &c;
    }
    return nullptr;
}

QString globalHelp()
{
    QString text = QStringLiteral("Usage: sightline [WORKSPACE] [--demo]          open the desktop application\n"
                                  "       sightline COMMAND [OPTIONS] ARGUMENTS   work headless\n"
                                  "       sightline help COMMAND | COMMAND --help\n"
                                  "\n"
                                  "Sightline: data-incident triage on metadata snapshots (dbt manifests, ...).\n"
                                  "\n"
                                  "Commands:\n");
    QList<QStringList> rows;
    for (const auto& c : kCommands) {
        rows.append({QStringLiteral("  ") + QLatin1String(c.name) + u' ' + QLatin1String(c.synopsis),
                     QLatin1String(c.summary)});
    }
    const QString table = formatTable(rows);
    text += table;
    text += QStringLiteral("\n"
                           "Options:\n"
                           "  -h, --help     show this help and exit\n"
                           "  -v, --version  show the version and exit\n"
                           "\n"
                           "Exit codes:\n"
                           "  0  ok (also: nothing new to import)\n"
                           "  1  usage error (unknown command or option, missing argument)\n"
                           "  2  bad input (unreadable, unrecognised or malformed file; unknown or ambiguous asset)\n"
                           "  3  workspace problem (missing, not a workspace, newer version, locked, damaged)\n");
    return text;
}

} // namespace

bool wantsCommandLine(int argc, char** argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    return findCommand(first) || first == u"help" || isHelpFlag(first) || isVersionFlag(first) || nearMiss(first);
}

namespace {
// lineage --format svg|png|pdf and report --format pdf paint: they need a QApplication, which
// runs headless on the offscreen platform. Every other command stays a QCoreApplication.
bool needsGui(int argc, char** argv)
{
    if (argc < 2 || (qstrcmp(argv[1], "lineage") != 0 && qstrcmp(argv[1], "report") != 0))
        return false;
    bool drawn = false;
    bool output = false;
    for (int i = 2; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        const QByteArray next = i + 1 < argc ? QByteArray(argv[i + 1]) : QByteArray();
        for (const char* format : {"svg", "png", "pdf"}) {
            if (arg == QByteArray("--format=") + format || (arg == "--format" && next == format))
                drawn = true;
        }
        output = output || arg == "-o" || arg == "--output" || arg.startsWith("--output=");
    }
    // Without -o the command stops at a usage error before drawing anything.
    return drawn && output;
}
} // namespace

int run(int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> application;
    if (needsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("sightline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIGHTLINE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty()) {
        writeOut(globalHelp());
        return ExitCode::Ok;
    }
    const QString first = args.takeFirst();
    if (isVersionFlag(first)) {
        writeOut(QStringLiteral("sightline %1\n").arg(QStringLiteral(SIGHTLINE_VERSION)));
        return ExitCode::Ok;
    }
    if (isHelpFlag(first) || first == u"help") {
        if (args.isEmpty()) {
            writeOut(globalHelp());
            return ExitCode::Ok;
        }
        if (const auto* command = findCommand(args.first()))
            return command->run({QStringLiteral("--help")});
        printError(QStringLiteral("help: no command '%1' (commands: import, assets, lineage, impact, snapshots, "
                                  "detect, incidents, incident, notify, report, restore)")
                       .arg(args.first()));
        return ExitCode::Usage;
    }
    if (const auto* command = findCommand(first))
        return command->run(args);
    if (const auto* guess = nearMiss(first)) {
        printError(QStringLiteral("unknown command '%1'; did you mean '%2'? (see 'sightline --help')")
                       .arg(first, QLatin1String(guess->name)));
        return ExitCode::Usage;
    }
    printError(QStringLiteral("unknown command '%1' (see 'sightline --help')").arg(first));
    return ExitCode::Usage;
}

} // namespace sightline::cli
