#pragma once

#include <QString>
#include <QStringList>

namespace sightline::test {

// ../shared/data as laid out beside the project (CTest passes SIGHTLINE_SHARED_DATA).
QString sharedDataDir();
QString sharedData(const QString& relative);
// ../shared/contracts (JSON Schemas of the command line's output).
QString contractsDir();
// The build tree's root (binaries in bin/, plugins under lib/).
QString buildDir();
// The plugin folder of the build tree.
QString pluginDir();

// SQLite's own dump of every table's content, for "the workspace is unchanged" checks.
QString dumpWorkspace(const QString& path);

} // namespace sightline::test
