#pragma once

#include <QString>
#include <QStringList>

#include <memory>

namespace sightline {
class Workspace;
}

namespace sightline::cli {

// The headless sub-commands. args: everything after the command name; each returns an exit code.
int runImport(const QStringList& args);
int runAssets(const QStringList& args);
int runLineage(const QStringList& args);
int runSnapshots(const QStringList& args);
int runImpact(const QStringList& args);
int runIncident(const QStringList& args);
int runNotify(const QStringList& args);
int runReport(const QStringList& args);
int runDetect(const QStringList& args);
int runIncidents(const QStringList& args);
int runRestore(const QStringList& args);

// Opens an existing workspace read-only, never creating or changing it. On failure prints the
// error and sets *exitCode (ExitCode::WorkspaceProblem); returns null.
std::unique_ptr<Workspace> openExistingWorkspace(const QString& path, int* exitCode);

} // namespace sightline::cli
