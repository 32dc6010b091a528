#include "healthstyle.h"

namespace sightline::ui {

QColor healthColor(Severity severity)
{
    switch (severity) {
    case Severity::Sev1:
        return QColor(0xc6, 0x28, 0x28);
    case Severity::Sev2:
        return QColor(0xe6, 0x5c, 0x00);
    case Severity::Sev3:
        return QColor(0xd4, 0x9b, 0x00);
    case Severity::Sev4:
        return QColor(0x6b, 0x7a, 0x8f);
    }
    return QColor(0x6b, 0x7a, 0x8f);
}

QString healthText(const AssetHealth& health)
{
    QString text = severityName(health.severity) + QStringLiteral(" · ") + statusName(health.status);
    if (health.unresolved > 1)
        text += QStringLiteral(" (%1 unresolved)").arg(health.unresolved);
    return text;
}

QString healthLegendHtml()
{
    QString html;
    for (Severity s : {Severity::Sev1, Severity::Sev2, Severity::Sev3, Severity::Sev4}) {
        html += QStringLiteral("<span style=\"color:%1\">&#9679;</span>&nbsp;%2&nbsp;&nbsp;")
                    .arg(healthColor(s).name(), severityName(s));
    }
    return html;
}

} // namespace sightline::ui
