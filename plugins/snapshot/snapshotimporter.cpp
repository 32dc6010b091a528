#include "snapshotimporter.h"

#include "snapshotimport.h"

#include <QRegularExpression>

namespace sightline {

QString SnapshotImporter::formatId() const
{
    return QStringLiteral("sightline-snapshot");
}

QString SnapshotImporter::displayName() const
{
    return QStringLiteral("Sightline snapshot JSON");
}

Detection SnapshotImporter::detect(const QByteArray& head) const
{
    // The format names itself; writers put "format" first (the documentation asks them to), but
    // anywhere in the first 64 KiB will do.
    static const QRegularExpression format(QStringLiteral(R"re("format"\s*:\s*"sightline-snapshot")re"));
    static const QRegularExpression version(QStringLiteral(R"re("version"\s*:\s*(\d+)\s*[,}])re"));
    const QString text = QString::fromUtf8(head);
    if (!format.match(text).hasMatch())
        return {};
    Detection d;
    const auto v = version.match(text);
    d.version = v.hasMatch() ? v.captured(1) : QString();
    // A version we do not know is still ours; the importer then says what is wrong with it.
    d.confidence = d.version == QLatin1String("1") ? 100 : 80;
    return d;
}

void SnapshotImporter::import(const ImportContext& context, ImportSink& sink) const
{
    snapshot::SnapshotImport(context, sink).run();
}

} // namespace sightline
