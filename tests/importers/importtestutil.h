#pragma once
// Helpers the importer tests share: fixtures written to files, importers run on them, and what a
// workspace holds afterwards, summed up as text for exact comparisons.

#include "core/asset.h"
#include "import/importer.h"
#include "import/importerregistry.h"
#include "store/workspace.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

class QTemporaryDir;

namespace sightline::test {

// JSON written with single quotes, for readability (moc trips over raw strings).
QByteArray j(const char* text);

// An ISO 8601 time with its offset, as UTC.
QDateTime utc(const char* iso);

// Writes content to path, creating the folders on the way; false if it could not.
bool writeFile(const QString& path, const QByteArray& content);
// Writes content to the file name in dir; returns its path, empty if it could not.
QString writeIn(const QTemporaryDir& dir, const QString& name, const QByteArray& content);

// The first 64 KiB of a file: what detection sees.
QByteArray fileHead(const QString& path);

// The first fraction of a real file (relative to sharedData()), as if a copy had been cut short.
QByteArray truncatedCopy(const QString& relative, double fraction = 0.6);

// Loads the plugins of the build tree into registry: what went wrong, empty if nothing did (the
// importer for format is there).
QString loadImporters(ImporterRegistry& registry, const char* format);

// Runs importer on the file at path, directly into sink, without detection in front of it;
// throws what the importer throws.
void runImporter(const Importer& importer, const QString& path, ImportSink& sink);
// Writes content as the file name in a temporary folder and runs importer on it: the error
// message, empty if none. path, if given, receives the file's path (gone on return).
QString importContent(const Importer& importer, const QString& name, const QByteArray& content, ImportSink& sink,
                      QString* path = nullptr);

// Runs the importer that detects the file, directly into sink. Returns the detected format id
// and version as "format vN"; throws what the importer throws.
QString importInto(const ImporterRegistry& registry, const QString& path, ImportSink& sink);

// "model=73 source=35": current assets by kind, in the order of allKinds().
QString kindCounts(Workspace& ws);

// Rows of a query on the workspace, cells joined by '|'.
QStringList sqlRows(Workspace& ws, const char* sql);

// One asset's time series of one metric in a workspace, oldest first.
QList<std::pair<QDateTime, double>> history(Workspace& ws, const QString& key, const QString& metric);

// "run:success test:pass": an asset's run results in a workspace, sorted.
QStringList storedResults(Workspace& ws, const QString& key);

// Bad input: imports basePaths (good files) into a new workspace in dir, then content written as
// the file badName. The import must fail with an error that starts with the bad file's path and
// place (":line:column:", or empty) and contains reason, and leave the workspace exactly as it
// was (SQLite's dump of every table). Check QTest::currentTestFailed() after it.
void checkRejectedAfter(const ImporterRegistry& registry, const QTemporaryDir& dir, const QStringList& basePaths,
                        const QString& badName, const QByteArray& content, const QString& place, const QString& reason);
// The same with base named relative to sharedData(), in a temporary folder of its own.
void checkRejected(const ImporterRegistry& registry, const QStringList& base, const QByteArray& content,
                   const QString& reason);

// The start of a dbt artifact whose dbt_schema_version names schema ("run-results/v4"), up to
// and including its metadata: the rest of the top-level object follows.
QByteArray dbtArtifactHead(const char* schema);

// What a dbt artifact importer must refuse: a real file cut short, its main member of the wrong
// type, and the inputs every artifact importer refuses alike.
struct DbtArtifactRejections
{
    const char* schema; // as for dbtArtifactHead
    const char* section; // the artifact's main member: "results"
    QString truncated; // a real artifact, relative to sharedData()
    QByteArray wrongType; // a value section must not have, and the error it gives
    QString wrongTypeReason;
    std::function<QByteArray(const QByteArray& text)> entryWith; // section holding one entry with text
};
// The rows (and columns content and reason) of a rejected_data() table for an artifact.
void addDbtArtifactRejections(const DbtArtifactRejections& artifact);
// The check for a row of that table: the row's content must be refused after a good catalog.
void checkDbtArtifactRejected(const ImporterRegistry& registry);

} // namespace sightline::test
