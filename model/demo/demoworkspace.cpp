#include "demoworkspace.h"

#include "sightline/buildconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace sightline::demo {

QString sourceDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/' + QLatin1String(SIGHTLINE_DATA_RELDIR)
                           + QStringLiteral("/demo"));
}

QString defaultWorkspacePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/demo.sightline");
}

QString initialFocusKey()
{
    return QStringLiteral("wheelhouse-analytics.marts_finance.mart_dealer_revenue");
}

ImportReport prepare(const ImporterRegistry& registry, const QString& workspacePath,
                     const ImportRunner::Progress& progress, const ImportRunner::Cancelled& cancelled)
{
    const QString sources = sourceDir();
    if (!QFileInfo(sources).isDir()) {
        ImportReport report;
        report.outcome = ImportReport::Outcome::Failed;
        report.error =
            QStringLiteral("%1: the demo estate is missing (was the project built completely?)").arg(sources);
        return report;
    }
    QDir().mkpath(QFileInfo(workspacePath).absolutePath());
    return ImportRunner(registry).run(workspacePath, {sources}, progress, cancelled);
}

} // namespace sightline::demo
