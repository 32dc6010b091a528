#include "commandparser.h"

#include "console.h"
#include "exitcode.h"

namespace sightline::cli {

CommandParser::CommandParser(QString name, QString synopsis, QString description)
    : m_name(std::move(name))
    , m_synopsis(std::move(synopsis))
    , m_help(QStringList {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."))
    , m_format(QStringLiteral("format"), QString(), QStringLiteral("FORMAT"))
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.addOption(m_help);
}

void CommandParser::addOption(const QCommandLineOption& option)
{
    m_parser.addOption(option);
}

void CommandParser::addFormats(const QList<std::pair<QString, QString>>& formats)
{
    for (const auto& [name, help] : formats)
        m_formats.append(name);
    m_format.setDescription(QStringLiteral("Output format: %1 (default %2).")
                                .arg(m_formats.join(QStringLiteral(", ")), m_formats.constFirst()));
    m_parser.addOption(m_format);
    for (qsizetype i = 1; i < formats.size(); ++i) {
        m_formatFlags.append(QCommandLineOption(formats[i].first, formats[i].second));
        m_parser.addOption(m_formatFlags.constLast());
    }
}

std::optional<QString> CommandParser::format() const
{
    QString chosen;
    QString chosenBy;
    auto choose = [&](const QString& name, const QString& by) {
        if (!chosen.isEmpty() && chosen != name) {
            usageError(QStringLiteral("%1 and %2 ask for different outputs").arg(chosenBy, by));
            return false;
        }
        chosen = name;
        chosenBy = by;
        return true;
    };
    for (qsizetype i = 0; i < m_formatFlags.size(); ++i) {
        if (m_parser.isSet(m_formatFlags[i]) && !choose(m_formats[i + 1], QStringLiteral("--") + m_formats[i + 1]))
            return std::nullopt;
    }
    if (m_parser.isSet(m_format)) {
        const QString name = m_parser.value(m_format).toLower();
        if (!m_formats.contains(name)) {
            usageError(QStringLiteral("--format wants one of %1, not '%2'")
                           .arg(m_formats.join(QStringLiteral(", ")), m_parser.value(m_format)));
            return std::nullopt;
        }
        if (!choose(name, QStringLiteral("--format ") + name))
            return std::nullopt;
    }
    return chosen.isEmpty() ? m_formats.value(0) : chosen;
}

void CommandParser::addPositional(const QString& name, const QString& description, const QString& syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

std::optional<int> CommandParser::parse(const QStringList& args)
{
    // QCommandLineParser expects the program name first.
    QStringList full = args;
    full.prepend(QStringLiteral("sightline"));
    if (!m_parser.parse(full))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        writeOut(helpText());
        return ExitCode::Ok;
    }
    return std::nullopt;
}

int CommandParser::usageError(const QString& message) const
{
    QString text = message;
    while (text.endsWith(u'.') || text.endsWith(u'\n'))
        text.chop(1);
    printError(QStringLiteral("%1: %2 (see 'sightline %1 --help')").arg(m_name, text));
    return ExitCode::Usage;
}

QString CommandParser::helpText() const
{
    // Qt's text starts with "Usage: <argv[0]> [options] ..."; ours names the command instead.
    QString text = m_parser.helpText();
    const qsizetype firstBreak = text.indexOf(u'\n');
    text = QStringLiteral("Usage: sightline %1 %2").arg(m_name, m_synopsis) + text.mid(firstBreak);
    text += QStringLiteral(
        "\nExit codes: 0 ok, 1 usage error, 2 bad input (unreadable, unrecognised or malformed file; unknown asset),\n"
        "3 workspace problem (missing, not a workspace, newer version, locked).\n");
    return text;
}

} // namespace sightline::cli
