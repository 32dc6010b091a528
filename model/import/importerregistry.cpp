#include "importerregistry.h"

#include "core/logging.h"
#include "sightline/buildconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QPluginLoader>

namespace sightline {

ImporterRegistry::ImporterRegistry() = default;
ImporterRegistry::~ImporterRegistry() = default;

QString ImporterRegistry::defaultPluginDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/' + QLatin1String(SIGHTLINE_PLUGIN_RELDIR));
}

QStringList ImporterRegistry::loadPlugins(const QString& dir)
{
    QStringList problems;
    const QDir pluginDir(dir);
    if (!pluginDir.exists()) {
        problems.append(QStringLiteral("plugin folder %1 does not exist").arg(dir));
        return problems;
    }
    const auto entries = pluginDir.entryInfoList({QStringLiteral("*.so")}, QDir::Files, QDir::Name);
    for (const auto& entry : entries) {
        QPluginLoader loader(entry.absoluteFilePath());
        if (loader.metaData().value(QLatin1String("IID")).toString() != QLatin1String(SightlineImporter_iid))
            continue;
        QObject* instance = loader.instance();
        if (!instance) {
            problems.append(QStringLiteral("%1: %2").arg(entry.fileName(), loader.errorString()));
            continue;
        }
        if (auto* importer = qobject_cast<Importer*>(instance)) {
            if (!byFormat(importer->formatId())) {
                m_importers.append(importer);
                m_pluginInstances.append(instance);
            }
        }
    }
    qCDebug(lcImport) << "loaded" << m_importers.size() << "importers from" << dir;
    return problems;
}

void ImporterRegistry::add(const Importer* importer)
{
    if (importer && !byFormat(importer->formatId()))
        m_importers.append(importer);
}

QList<const Importer*> ImporterRegistry::importers() const
{
    return m_importers;
}

const Importer* ImporterRegistry::byFormat(const QString& formatId) const
{
    for (const auto* importer : m_importers) {
        if (importer->formatId() == formatId)
            return importer;
    }
    return nullptr;
}

ImporterRegistry::Match ImporterRegistry::detect(const QByteArray& head) const
{
    Match best;
    for (const auto* importer : m_importers) {
        const Detection d = importer->detect(head);
        if (d.confidence > best.detection.confidence) {
            best.importer = importer;
            best.detection = d;
        }
    }
    return best;
}

} // namespace sightline
