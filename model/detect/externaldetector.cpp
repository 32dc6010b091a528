#include "detectors.h"

#include "store/workspace.h"

namespace sightline::detect {

namespace {
bool failing(const QString& kind, const QString& status)
{
    if (status == u"error" || status == u"fail")
        return true;
    // A source-freshness warning is already a finding; a test warning is the test's own choice.
    return kind == u"freshness" && status == u"warn";
}
} // namespace

void detectExternal(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out)
{
    auto stmt = db.prepare("SELECT kind, name, column_name, status, at, message FROM run_result WHERE asset_id = ?1 "
                           "AND at <= ?2 ORDER BY kind, name, column_name, at");
    stmt.bind(1, asset.id).bind(2, asOf);
    QString group;
    bool wasFailing = false;
    qint64 groupStart = 0;
    qint64 previousAt = 0;
    while (stmt.step()) {
        const QString kind = stmt.text(0);
        const QString name = stmt.text(1);
        const QString column = stmt.text(2);
        const QString status = stmt.text(3);
        const qint64 at = stmt.int64(4);
        const QString key = kind + u'\x1f' + name + u'\x1f' + column;
        if (key != group) {
            group = key;
            wasFailing = false;
            groupStart = at;
            previousAt = at;
        }
        const bool fails = failing(kind, status);
        // Consecutive failures of the same check are one incident, raised by the first.
        if (fails && !wasFailing) {
            const bool freshness = kind == u"freshness";
            Incident inc = baseIncident(QStringLiteral("external.") + kind,
                                        freshness ? IncidentKind::Freshness : IncidentKind::Test, asset, column, at,
                                        previousAt, groupStart, at, {});
            inc.fingerprint = fingerprintOf(inc.detector, asset.key, name + u'/' + column, at);
            inc.observedText = status;
            inc.score = status == u"warn" ? 0.5 : 1.0;
            inc.direction = QStringLiteral("failed");
            inc.severity = suggestSeverity(status == u"warn" ? 3 : 2, asset);
            const QString what = freshness ? QStringLiteral("Source freshness check")
                : kind == u"test"          ? QStringLiteral("Test")
                                           : QStringLiteral("Run");
            QString message = stmt.text(5).simplified();
            if (message.size() > 200)
                message = message.left(200) + QStringLiteral("...");
            inc.explanation =
                QStringLiteral("%1 %2 on %3%4 reported '%5' at %6%7.")
                    .arg(what, name.isEmpty() ? QString() : QStringLiteral("'%1'").arg(name), asset.key,
                         column.isEmpty() ? QString() : QStringLiteral(" (column %1)").arg(column), status, isoTime(at),
                         message.isEmpty() ? QString() : QStringLiteral(": ") + message);
            out.incidents.append(inc);
        }
        wasFailing = fails;
        previousAt = at;
    }
}

} // namespace sightline::detect
