#include "lookerrefs.h"

#include "core/asset.h"

#include <QRegularExpression>
#include <QStringList>

namespace sightline::looker {

namespace {

// Splits at separator characters outside `...`, "..." and [...] quoting.
QStringList splitOutsideQuotes(const QString& text, bool (*isSeparator)(QChar))
{
    QStringList parts;
    QString current;
    QChar close;
    for (QChar c : text) {
        if (!close.isNull()) {
            if (c == close)
                close = QChar();
        } else if (c == u'`' || c == u'"') {
            close = c;
        } else if (c == u'[') {
            close = u']';
        } else if (isSeparator(c)) {
            if (!current.isEmpty() || c == u'.')
                parts.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.isEmpty())
        parts.append(current);
    return parts;
}

} // namespace

bool parseSqlTableName(const QString& text, TableRef* ref, QString* why)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *why = QStringLiteral("empty");
        return false;
    }
    if (trimmed.contains(u'(') || trimmed.contains(u'{') || trimmed.contains(u'$') || trimmed.contains(u';')) {
        *why = QStringLiteral("not a plain table name (subquery or templating)");
        return false;
    }
    // "`p.d.t` AS alias", "p.d.t alias", or just "p.d.t".
    const QStringList words = splitOutsideQuotes(trimmed, [](QChar c) { return c.isSpace(); });
    const bool aliased = words.size() == 2 || (words.size() == 3 && words[1].compare(u"as", Qt::CaseInsensitive) == 0);
    if (words.size() != 1 && !aliased) {
        *why = QStringLiteral("not a plain table name");
        return false;
    }
    QString name = words.first();
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2).replace(u':', u'.'); // legacy SQL [proj:dataset.table]
    QStringList parts = splitOutsideQuotes(name, [](QChar c) { return c == u'.'; });
    // `proj.dataset.table` quoted as one: split inside once the quotes are gone.
    if (parts.size() == 1)
        parts = stripIdentifierQuotes(parts.first()).split(u'.');
    for (QString& p : parts)
        p = stripIdentifierQuotes(p);
    if (parts.size() < 2 || parts.size() > 3 || parts.contains(QString())) {
        *why = parts.size() == 1 ? QStringLiteral("a table name without dataset or schema cannot be placed")
                                 : QStringLiteral("not a table name");
        return false;
    }
    ref->database = parts.size() == 3 ? parts[0].toLower() : QString();
    ref->schema = parts[parts.size() - 2].toLower();
    ref->identifier = parts.back();
    ref->key = relationKey(ref->database, ref->schema, ref->identifier);
    return true;
}

QString hostOfUrl(const QString& url)
{
    static const QRegularExpression re(QStringLiteral(R"(^https?://([^/:?#\s]+))"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(url.trimmed());
    return m.hasMatch() ? m.captured(1).toLower() : QString();
}

QDateTime parseLookerTime(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int ms = m.hasCaptured(7) ? m.captured(7).left(3).leftJustified(3, u'0').toInt() : 0;
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return {};
    int offset = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        const QString digits = QString(zone.mid(1)).remove(u':');
        offset = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60) * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offset);
}

} // namespace sightline::looker
