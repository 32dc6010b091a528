#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace sightline::cli {

// QCommandLineParser for one sub-command, with the command line's own help and error handling:
// help goes to stdout (exit 0), a usage error is one line on stderr (exit 1). Never calls exit().
class CommandParser
{
public:
    // synopsis: the arguments after "sightline NAME", e.g. "[--json] WORKSPACE PATH...".
    CommandParser(QString name, QString synopsis, QString description);

    void addOption(const QCommandLineOption& option);
    // Output formats: the first is the default ("text"); every other one gets a shorthand flag
    // (--json, --dot) besides --format NAME. Pairs of (name, help for the flag).
    void addFormats(const QList<std::pair<QString, QString>>& formats);
    // The chosen format after parse(); nullopt after reporting a usage error (unknown name, or
    // flags that disagree).
    std::optional<QString> format() const;
    void addPositional(const QString& name, const QString& description, const QString& syntax = {});

    // args: everything after the command name. Returns an exit code when the caller must stop
    // (help printed, or a usage error reported), nothing when it should go on.
    std::optional<int> parse(const QStringList& args);
    // Reports a usage error about this command; returns the usage exit code.
    int usageError(const QString& message) const;

    QString helpText() const;
    const QCommandLineParser& parser() const
    {
        return m_parser;
    }
    QStringList positional() const
    {
        return m_parser.positionalArguments();
    }
    bool isSet(const QCommandLineOption& option) const
    {
        return m_parser.isSet(option);
    }
    QString value(const QCommandLineOption& option) const
    {
        return m_parser.value(option);
    }

private:
    QString m_name;
    QString m_synopsis;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
    QCommandLineOption m_format;
    QStringList m_formats;
    QList<QCommandLineOption> m_formatFlags; // for m_formats[1...]
};

} // namespace sightline::cli
