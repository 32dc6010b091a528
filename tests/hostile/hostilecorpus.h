#pragma once

#include "import/importerregistry.h"
#include "import/importrunner.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTemporaryDir>

namespace sightline::test::hostile {

// One small, valid input per importer: the starting point every hostile case is derived from.
struct Seed
{
    QString format; // importer format id the seed is detected as
    QByteArray bytes;
};
QList<Seed> seeds();

// Offsets just after each structural character ({ } [ ] , :) outside strings: where a writer
// that died mid-file leaves it. At most `limit`, spread evenly over the document.
QList<qsizetype> structuralBoundaries(const QByteArray& json, int limit);

// The seed with one value replaced by a value of another type, for every value the seed holds
// (objects and arrays included): up to `limit` variants, spread evenly.
QList<QByteArray> wrongTypeVariants(const QByteArray& json, int limit);

// Where a hostile payload goes: the seed with one value (the first string value when wantString,
// else the first number; at nesting depth >= 2) replaced by `payload` verbatim. Empty when the
// seed holds no such value.
QByteArray inject(const QByteArray& json, bool wantString, const QByteArray& payload);
// The key whose value inject() replaces, so that a duplicate of it can be written.
QByteArray injectKey(const QByteArray& json, bool wantString);

// What one import of hostile input gave.
struct Outcome
{
    ImportReport::Outcome outcome = ImportReport::Outcome::Failed;
    QString error;
    int warnings = 0;
    bool unchanged = true; // the workspace's dump is what it was (checked when the import failed)
    QString crashed; // an exception escaped ImportRunner::run (never acceptable)
};

// A workspace with content (one import of the native snapshot seed), copied afresh for each case.
class Harness
{
public:
    Harness();
    bool ok() const
    {
        return m_ok;
    }
    const ImporterRegistry& registry() const
    {
        return m_registry;
    }
    QString dir() const
    {
        return m_dir.path();
    }
    QString baseWorkspace() const
    {
        return m_base;
    }
    QString baseDump() const
    {
        return m_baseDump;
    }
    // Writes bytes to a file in a fresh folder and imports it into a fresh copy of the base.
    Outcome importBytes(const QByteArray& bytes, const QString& fileName = QStringLiteral("input.json"));
    // Imports paths into a fresh copy of the base workspace.
    Outcome importPaths(const QStringList& paths, const ImportRunner::Progress& progress = {});
    // A fresh empty folder under the harness's temporary folder.
    QString freshDir();

private:
    ImporterRegistry m_registry;
    QTemporaryDir m_dir;
    QString m_base;
    QString m_baseDump;
    int m_counter = 0;
    bool m_ok = false;
};

// "FILE:LINE:COL: reason", "FILE:LINE: reason", "FILE: byte N: reason" or "FILE: reason", one
// line, naming the file, at most 2,000 characters.
bool wellFormedError(const QString& error, const QString& file);

} // namespace sightline::test::hostile
