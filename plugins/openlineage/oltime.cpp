#include "oltime.h"

#include <QRegularExpression>

namespace sightline::openlineage {

QDateTime parseEventTime(QStringView text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.capturedView(1).toInt(), m.capturedView(2).toInt(), m.capturedView(3).toInt());
    int ms = 0;
    if (m.hasCaptured(7))
        ms = m.captured(7).left(3).leftJustified(3, u'0').toInt();
    const QTime time(m.capturedView(4).toInt(), m.capturedView(5).toInt(), m.capturedView(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QStringView zone = m.capturedView(8);
    if (!zone.isEmpty() && zone != u"Z" && zone != u"z") {
        const QString digits = zone.mid(1).toString().remove(u':');
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() >= 4 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 23 || minutes > 59)
            return {};
        offsetSeconds = (hours * 3600 + minutes * 60) * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

bool isUuid(QStringView text)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return re.match(text).hasMatch();
}

} // namespace sightline::openlineage
