#include "console.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

namespace sightline::cli {

void writeOut(const QByteArray& utf8)
{
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

void writeOut(const QString& text)
{
    writeOut(text.toUtf8());
}

void printError(const QString& message)
{
    // One line, whatever the message holds: a file name with a newline must not split it.
    QString line = message;
    line.replace(u'\n', u' ');
    const QByteArray bytes = QStringLiteral("sightline: %1\n").arg(line).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void printWarning(const QString& message)
{
    printError(QStringLiteral("warning: ") + message);
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

QString formatTable(const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size())
            widths.resize(row.size(), 0);
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], std::max<qsizetype>(row[c].size(), 1));
    }
    QString out;
    for (const auto& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c) {
            const QString cell = row[c].isEmpty() ? QStringLiteral("-") : row[c];
            line += cell;
            if (c + 1 < row.size())
                line += QString(widths[c] - cell.size() + 2, u' ');
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

QString plural(qsizetype n, const QString& singular, const QString& pluralForm)
{
    const QString word = n == 1 ? singular : (pluralForm.isEmpty() ? singular + u's' : pluralForm);
    return QString::number(n) + u' ' + word;
}

void ProgressLine::update(qint64 done, qint64 total, const QString& label)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastDrawMs >= 0 && now - m_lastDrawMs < 100 && done < total)
        return;
    m_lastDrawMs = now;
    const int percent = total > 0 ? int(std::clamp<qint64>(done * 100 / total, 0, 100)) : 100;
    const QString name = label.isEmpty() ? QString() : QFileInfo(label).fileName();
    // \r and "erase line" keep it on one line; a terminal is guaranteed by the caller.
    const QByteArray bytes = QStringLiteral("\r\x1b[Kimporting %1%2%")
                                 .arg(name.isEmpty() ? QString() : name + QStringLiteral("  "))
                                 .arg(percent)
                                 .toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
    m_shown = true;
}

void ProgressLine::clear()
{
    if (!m_shown)
        return;
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_shown = false;
}

} // namespace sightline::cli
