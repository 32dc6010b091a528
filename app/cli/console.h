#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace sightline::cli {

// Everything the command line prints goes through here: results to stdout as UTF-8, every error
// as one line "sightline: ..." on stderr.
void writeOut(const QByteArray& utf8);
void writeOut(const QString& text);
void printError(const QString& message);
void printWarning(const QString& message);
bool stderrIsTerminal();

// A plain-text table: rows[0] is the header; columns padded to their widest cell and separated
// by two spaces; trailing blanks trimmed. Empty cells print as "-".
QString formatTable(const QList<QStringList>& rows);

// "1 asset" / "3 assets".
QString plural(qsizetype n, const QString& singular, const QString& pluralForm = {});

// Progress on one stderr line, redrawn in place (only call when stderrIsTerminal()), throttled.
class ProgressLine
{
public:
    void update(qint64 done, qint64 total, const QString& label);
    void clear();

private:
    qint64 m_lastDrawMs = -1;
    bool m_shown = false;
};

} // namespace sightline::cli
