#include "demoworkspace.h"

#include "detect/detection.h"
#include "sightline/buildconfig.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringList>

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

QStringList snapshotPaths(const QString& sources)
{
    // The manifest first: it defines the assets and the dbt aliases the history's run results and
    // freshness results name. Then the captures, oldest first (their folder names sort by time).
    QStringList paths {sources + QStringLiteral("/manifest.json")};
    const QDir history(sources + QStringLiteral("/history"));
    for (const auto& folder : history.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        paths.append(history.filePath(folder));
    return paths;
}

ImportReport prepare(const ImporterRegistry& registry, const QString& workspacePath,
                     const ImportRunner::Progress& progress, const ImportRunner::Cancelled& cancelled,
                     DetectionReport* detection)
{
    const QString sources = sourceDir();
    if (!QFileInfo(sources).isDir() || !QFileInfo(sources + QStringLiteral("/history")).isDir()) {
        ImportReport report;
        report.outcome = ImportReport::Outcome::Failed;
        report.error =
            QStringLiteral("%1: the demo estate is missing (was the project built completely?)").arg(sources);
        return report;
    }
    QDir().mkpath(QFileInfo(workspacePath).absolutePath());
    // One run, one transaction: the demo lands whole or not at all.
    ImportReport report = ImportRunner(registry).run(workspacePath, snapshotPaths(sources), progress, cancelled);
    if (report.outcome != ImportReport::Outcome::Imported)
        return report;
    auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::ReadWrite);
    DetectionOptions options;
    if (cancelled)
        options.progress = [&cancelled](int, int) { return !cancelled(); };
    DetectionReport found = runDetection(*workspace, options);
    if (detection)
        *detection = std::move(found);
    return report;
}

} // namespace sightline::demo
