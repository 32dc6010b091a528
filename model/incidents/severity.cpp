#include "severity.h"

#include <algorithm>

namespace sightline {

namespace {
struct Reach
{
    int dashboards = 0;
    int nearestDashboard = -1;
};

Reach reachOf(const Impact& impact)
{
    Reach r;
    for (const auto& d : impact.downstream) {
        if (d.asset.kind != AssetKind::Dashboard && d.asset.kind != AssetKind::Look)
            continue;
        ++r.dashboards;
        r.nearestDashboard = r.nearestDashboard < 0 ? d.distance : std::min(r.nearestDashboard, d.distance);
    }
    return r;
}
} // namespace

Severity suggestSeverity(const Impact& impact)
{
    const Reach r = reachOf(impact);
    const qsizetype n = impact.downstream.size();
    if ((r.dashboards > 0 && r.nearestDashboard <= 2) || n >= 50)
        return Severity::Sev1;
    if (r.dashboards > 0 || n >= 10)
        return Severity::Sev2;
    if (n > 0)
        return Severity::Sev3;
    return Severity::Sev4;
}

QString severityReason(const Impact& impact)
{
    const Reach r = reachOf(impact);
    const qsizetype n = impact.downstream.size();
    if (n == 0)
        return QStringLiteral("nothing downstream");
    QString text = QStringLiteral("%1 downstream asset%2").arg(n).arg(n == 1 ? QString() : QStringLiteral("s"));
    if (r.dashboards > 0)
        text += QStringLiteral(", %1 dashboard%2 (nearest %3 step%4 away)")
                    .arg(r.dashboards)
                    .arg(r.dashboards == 1 ? QString() : QStringLiteral("s"))
                    .arg(r.nearestDashboard)
                    .arg(r.nearestDashboard == 1 ? QString() : QStringLiteral("s"));
    return text;
}

} // namespace sightline
