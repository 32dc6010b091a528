#pragma once

#include "detect/detection.h"
#include "import/importrunner.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace sightline {

class ImporterRegistry;

// The bundled demo estate: a folder of real dbt, BigQuery and Looker files written at build time by
// resources/demo (share/sightline/demo, found relative to the executable in the build tree and
// installed alike) and a workspace built from it with the ordinary importers.
namespace demo {

// The folder holding the demo's input files.
QString sourceDir();
// Where the demo workspace lives by default: a writable per-user location
// (AppLocalDataLocation/demo.sightline).
QString defaultWorkspacePath();
// The asset the demo opens on: the revenue mart, central enough to show a real neighbourhood
// (facts and dimensions upstream, a Looker dashboard downstream) that fits one screen.
QString initialFocusKey();

// What prepare() imports, in order, each path one snapshot: manifest.json, then every capture
// folder of history/ (one every 6 hours over ~60 days, oldest first).
QStringList snapshotPaths(const QString& sources = sourceDir());

// Imports the demo sources into workspacePath (created if missing), all snapshots in one
// transaction, then runs detection over the new history (into *detection when given).
// Re-running on an up-to-date workspace is a cheap no-op (ImportReport::Outcome::NothingNew:
// every snapshot's bytes are known; detection does not run again). Throws WorkspaceError for
// problems with the workspace file itself; a missing demo folder is reported as a failed import.
ImportReport prepare(const ImporterRegistry& registry, const QString& workspacePath = defaultWorkspacePath(),
                     const ImportRunner::Progress& progress = {}, const ImportRunner::Cancelled& cancelled = {},
                     DetectionReport* detection = nullptr);

} // namespace demo
} // namespace sightline
