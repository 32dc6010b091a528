#include "incidenttable.h"

#include "console.h"

namespace sightline::cli {

QString incidentTable(const QList<Incident>& incidents)
{
    QList<QStringList> rows;
    rows.append({QStringLiteral("ID"), QStringLiteral("DETECTED"), QStringLiteral("SEV"), QStringLiteral("KIND"),
                 QStringLiteral("STATUS"), QStringLiteral("ASSET"), QStringLiteral("DETECTOR")});
    for (const auto& i : incidents) {
        QString asset = i.assetKey;
        if (!i.column.isEmpty())
            asset += u'.' + i.column;
        rows.append({QString::number(i.id), i.detectedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     severityName(i.severity), incidentKindName(i.kind), statusName(i.status), asset, i.detector});
    }
    QString text = formatTable(rows);
    text += u'\n';
    for (const auto& i : incidents)
        text += QStringLiteral("#%1 %2\n").arg(QString::number(i.id), i.explanation);
    return text;
}

} // namespace sightline::cli
