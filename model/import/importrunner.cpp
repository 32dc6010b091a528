#include "importrunner.h"

#include "core/logging.h"
#include "import/importerregistry.h"
#include "import/importpipeline.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace sightline {

namespace {

constexpr qint64 kHeadSize = 64 * 1024;

struct PlannedFile
{
    QString path;
    qint64 size = 0;
    const Importer* importer = nullptr;
    Detection detection;
    QString skipped;
};

struct PlannedSnapshot
{
    QString path;
    QString hash;
    QList<PlannedFile> files;
};

QByteArray readHead(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    return file.read(kHeadSize);
}

// Hash of the snapshot's content: each recognised file's size and bytes, in path order. BLAKE2b-256: as
// collision-resistant as SHA-256 and three times faster here (0.30 s against 0.93 s for 128 MB),
// which matters because every byte is hashed before the import starts.
QString hashFiles(const QList<PlannedFile>& files, QString* error)
{
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    for (const auto& f : files) {
        if (!f.importer)
            continue;
        QFile file(f.path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read: %2").arg(f.path, file.errorString());
            return {};
        }
        // The size, not the name, separates the files: the importers detect and read by content
        // only, so the same bytes under another name (a re-collected or renamed capture) are
        // the same snapshot.
        const qint64 size = file.size();
        hash.addData(QByteArrayView(reinterpret_cast<const char*>(&size), sizeof size));
        if (!hash.addData(&file)) {
            *error = QStringLiteral("%1: cannot read: %2").arg(f.path, file.errorString());
            return {};
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

ImportRunner::ImportRunner(const ImporterRegistry& registry)
    : m_registry(registry)
{
}

ImportReport ImportRunner::run(const QString& workspacePath, const QStringList& paths, const Progress& progress,
                               const Cancelled& cancelled) const
{
    ImportReport report;
    auto fail = [&report](const QString& message) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = message;
        return report;
    };

    // Plan: recognise every file before touching the workspace.
    QList<PlannedSnapshot> plan;
    qint64 totalBytes = 0;
    for (const auto& path : paths) {
        const QFileInfo info(path);
        PlannedSnapshot snapshot;
        snapshot.path = info.absoluteFilePath();
        if (!info.exists())
            return fail(QStringLiteral("%1: no such file or folder").arg(path));
        QStringList files;
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(it.next());
            files.sort();
        } else {
            files.append(path);
        }
        for (const auto& file : files) {
            PlannedFile planned;
            planned.path = file;
            planned.size = QFileInfo(file).size();
            QString error;
            const QByteArray head = readHead(file, &error);
            if (!error.isEmpty())
                return fail(QStringLiteral("%1: cannot read: %2").arg(file, error));
            const auto match = m_registry.detect(head);
            planned.importer = match.importer;
            planned.detection = match.detection;
            if (!planned.importer) {
                planned.skipped = head.trimmed().isEmpty() ? QStringLiteral("empty file")
                                                           : QStringLiteral("not a format Sightline reads");
                if (!info.isDir()) {
                    return fail(QStringLiteral("%1: %2 (looked for: %3)")
                                    .arg(file,
                                         planned.skipped.isEmpty() ? QStringLiteral("unrecognised") : planned.skipped,
                                         [this] {
                                             QStringList names;
                                             for (const auto* imp : m_registry.importers())
                                                 names.append(imp->displayName());
                                             return names.join(QStringLiteral(", "));
                                         }()));
                }
            } else {
                totalBytes += planned.size;
            }
            snapshot.files.append(planned);
        }
        // Files that define assets first (stable: then by path, as listed).
        std::stable_sort(snapshot.files.begin(), snapshot.files.end(), [](const PlannedFile& a, const PlannedFile& b) {
            const int orderA = a.importer ? a.importer->importOrder() : 1000;
            const int orderB = b.importer ? b.importer->importOrder() : 1000;
            return orderA < orderB;
        });
        const bool anyRecognised = std::any_of(snapshot.files.cbegin(), snapshot.files.cend(),
                                               [](const PlannedFile& f) { return f.importer != nullptr; });
        if (!anyRecognised)
            return fail(QStringLiteral("%1: no file in a format Sightline reads").arg(path));
        QString error;
        snapshot.hash = hashFiles(snapshot.files, &error);
        if (!error.isEmpty())
            return fail(error);
        plan.append(snapshot);
    }

    auto workspace = Workspace::open(workspacePath, Workspace::OpenMode::Create);
    auto& db = workspace->db();
    qint64 doneBytes = 0;
    try {
        sql::Transaction tx(db);
        auto known = db.prepare("SELECT id FROM snapshot WHERE content_hash = ?1");
        auto insertSnapshot =
            db.prepare("INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES (?1, ?2, ?3, ?4)");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const auto& snapshot : std::as_const(plan)) {
            known.bind(1, snapshot.hash);
            const bool duplicate = known.step();
            known.reset();
            if (duplicate) {
                ++report.duplicates;
                for (const auto& f : snapshot.files) {
                    FileReport fr;
                    fr.path = f.path;
                    fr.skipped = f.importer ? QStringLiteral("already imported (identical content)") : f.skipped;
                    report.files.append(fr);
                }
                continue;
            }
            QStringList formats;
            for (const auto& f : snapshot.files) {
                if (f.importer && !formats.contains(f.importer->formatId()))
                    formats.append(f.importer->formatId());
            }
            insertSnapshot.bind(1, formats.join(u'+')).bind(2, snapshot.path).bind(3, snapshot.hash).bind(4, now);
            insertSnapshot.exec();
            const qint64 snapshotId = db.lastInsertRowId();
            report.snapshotIds.append(snapshotId);

            WorkspaceWriter writer(*workspace, snapshotId);
            for (const auto& f : snapshot.files) {
                FileReport fr;
                fr.path = f.path;
                if (!f.importer) {
                    fr.skipped = f.skipped;
                    report.files.append(fr);
                    continue;
                }
                fr.format = f.importer->formatId();
                fr.formatName = f.importer->displayName();
                fr.version = f.detection.version;
                const int assetsBefore = writer.assetCount();
                const int edgesBefore = writer.edgeCount();
                const int columnsBefore = writer.columnCount();
                const int observationsBefore = writer.observationCount();
                const int resultsBefore = writer.resultCount();
                const int columnEdgesBefore = writer.columnEdgeCount();
                const int warningsBefore = int(writer.warnings().size());
                const qint64 base = doneBytes;
                std::function<void(qint64)> fileProgress;
                if (progress) {
                    progress(base, totalBytes, f.path);
                    fileProgress = [&progress, base, totalBytes, path = f.path](qint64 done) {
                        progress(base + done, totalBytes, path);
                    };
                }
                // The importer parses on a worker thread while this one writes what it reports.
                runPipelined(*f.importer, f.path, f.size, writer, fileProgress, cancelled);
                doneBytes += f.size;
                fr.assets = writer.assetCount() - assetsBefore;
                fr.edges = writer.edgeCount() - edgesBefore;
                fr.columns = writer.columnCount() - columnsBefore;
                fr.observations = writer.observationCount() - observationsBefore;
                fr.results = writer.resultCount() - resultsBefore;
                fr.columnEdges = writer.columnEdgeCount() - columnEdgesBefore;
                fr.warnings = writer.warnings().mid(warningsBefore);
                report.files.append(fr);
            }
            writer.finish();
        }
        if (cancelled && cancelled())
            throw ImportCancelled();
        tx.commit();
    } catch (const ImportError& e) {
        return fail(e.message());
    } catch (const ImportCancelled&) {
        report.outcome = ImportReport::Outcome::Cancelled;
        report.error = QStringLiteral("import cancelled; the workspace is unchanged");
        return report;
    } catch (const sql::Error& e) {
        const int primary = e.code() & 0xff;
        if (primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */)
            throw WorkspaceError(
                WorkspaceError::Reason::Locked,
                QStringLiteral("%1: workspace is busy (locked by another process)").arg(workspacePath));
        throw WorkspaceError(WorkspaceError::Reason::Io, QStringLiteral("%1: %2").arg(workspacePath, e.message()));
    }
    if (report.snapshotIds.isEmpty())
        report.outcome = ImportReport::Outcome::NothingNew;
    if (progress)
        progress(totalBytes, totalBytes, {});
    return report;
}

} // namespace sightline
