#pragma once

#include "import/importer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QObject;

namespace sightline {

// The importers available to this process: loaded as Qt plugins from a folder (by default the
// one next to the executable, in the build tree and installed alike), or added directly.
class ImporterRegistry
{
public:
    ImporterRegistry();
    ~ImporterRegistry();
    ImporterRegistry(const ImporterRegistry&) = delete;
    ImporterRegistry& operator=(const ImporterRegistry&) = delete;

    // The plugin folder relative to QCoreApplication::applicationDirPath().
    static QString defaultPluginDir();
    // Loads every importer plugin in dir; returns messages for files that failed to load.
    QStringList loadPlugins(const QString& dir = defaultPluginDir());
    // Takes an importer whose lifetime the caller guarantees (statically linked ones).
    void add(const Importer* importer);

    QList<const Importer*> importers() const;
    const Importer* byFormat(const QString& formatId) const;

    struct Match
    {
        const Importer* importer = nullptr;
        Detection detection;
    };
    // The importer most confident about head; importer is null when none recognises it.
    Match detect(const QByteArray& head) const;

private:
    QList<const Importer*> m_importers;
    QList<QObject*> m_pluginInstances;
};

} // namespace sightline
