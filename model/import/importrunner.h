#pragma once

#include "import/importer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace sightline {

class ImporterRegistry;

// What happened to one file of an import.
struct FileReport
{
    QString path;
    QString format; // importer format id, empty if skipped
    QString formatName;
    QString version;
    int assets = 0;
    int edges = 0;
    int columns = 0;
    int observations = 0;
    int results = 0; // run, test and freshness results
    int columnEdges = 0;
    QStringList warnings;
    QString skipped; // reason the file was not imported (unrecognised, duplicate)
};

struct ImportReport
{
    enum class Outcome
    {
        Imported,
        NothingNew, // every snapshot was imported before: nothing changed
        Failed, // nothing changed; see error
        Cancelled, // nothing changed
    };
    Outcome outcome = Outcome::Imported;
    QString error; // "file:line:col: reason" when Failed
    QList<FileReport> files;
    QList<qint64> snapshotIds;
    int duplicates = 0;
};

// Imports paths (files, or folders of files: each path one snapshot) into a workspace, all in one
// transaction. Opens its own connection, so it may run on a worker thread.
class ImportRunner
{
public:
    using Progress = std::function<void(qint64 done, qint64 total, const QString& currentFile)>;
    using Cancelled = std::function<bool()>;

    explicit ImportRunner(const ImporterRegistry& registry);

    // Throws WorkspaceError for problems with the workspace itself; input problems are reported.
    ImportReport run(const QString& workspacePath, const QStringList& paths, const Progress& progress = {},
                     const Cancelled& cancelled = {}) const;

private:
    const ImporterRegistry& m_registry;
};

} // namespace sightline
