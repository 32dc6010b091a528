#pragma once

#include "import/importrunner.h"

#include <QString>

#include <functional>

namespace sightline {

class ImporterRegistry;

// The bundled demo estate: a folder of real dbt files written at build time by
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

// Imports the demo sources into workspacePath (created if missing). Re-running on an up-to-date
// workspace is a cheap no-op (ImportReport::Outcome::NothingNew), since the sources' bytes are
// identical. Throws WorkspaceError for problems with the workspace file itself; a missing demo
// folder is reported as a failed import.
ImportReport prepare(const ImporterRegistry& registry, const QString& workspacePath = defaultWorkspacePath(),
                     const ImportRunner::Progress& progress = {}, const ImportRunner::Cancelled& cancelled = {});

} // namespace demo
} // namespace sightline
