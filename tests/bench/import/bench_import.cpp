// Import benchmark: imports each file into a fresh workspace and prints wall time, MB/s and the
// process's peak resident memory. Usage: bench_import [--parse-only] FILE...
// --parse-only runs the importer into a sink that only counts (no hashing, no SQLite).
#include "import/importer.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using namespace sightline;

namespace {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

class CountingSink : public ImportSink
{
public:
    void beginSource(const QString&, const QDateTime&) override { }
    void asset(const Asset& a) override
    {
        ++assets;
        columns += int(a.columns.size());
    }
    void edge(const QString&, const QString&) override
    {
        ++edges;
    }
    void warning(const QString&) override
    {
        ++warnings;
    }
    int assets = 0;
    int edges = 0;
    int columns = 0;
    int warnings = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList files = app.arguments().mid(1);
    const bool parseOnly = files.removeAll(QStringLiteral("--parse-only")) > 0;
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: bench_import [--parse-only] FILE...\n");
        return 1;
    }
    ImporterRegistry registry;
    for (const auto& problem : registry.loadPlugins())
        std::fprintf(stderr, "%s\n", qPrintable(problem));

    for (const auto& path : files) {
        const double mb = double(QFileInfo(path).size()) / (1024.0 * 1024.0);
        QElapsedTimer timer;
        const double cpuBefore = cpuSeconds();
        int assets = 0, edges = 0, columns = 0;
        if (parseOnly) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return 2;
            const auto match = registry.detect(file.read(64 * 1024));
            if (!match.importer) {
                std::fprintf(stderr, "%s: not recognised\n", qPrintable(path));
                return 2;
            }
            ImportContext ctx;
            ctx.path = path;
            ctx.size = file.size();
            CountingSink sink;
            timer.start();
            try {
                match.importer->import(ctx, sink);
            } catch (const ImportError& e) {
                std::fprintf(stderr, "%s\n", qPrintable(e.message()));
                return 2;
            }
            assets = sink.assets;
            edges = sink.edges;
            columns = sink.columns;
        } else {
            QTemporaryDir dir;
            timer.start();
            // Phases from the progress callback: hashing ends at the first call, parsing when all
            // bytes are reported; the rest is lineage, retirement and commit.
            double hashed = 0, parsed = 0;
            const auto progress = [&](qint64 done, qint64 total, const QString&) {
                if (hashed == 0)
                    hashed = double(timer.nsecsElapsed()) / 1e9;
                if (done >= total && parsed == 0)
                    parsed = double(timer.nsecsElapsed()) / 1e9;
            };
            const ImportReport report =
                ImportRunner(registry).run(dir.filePath(QStringLiteral("bench.sightline")), {path}, progress);
            std::printf("  phases: hash %.2f s, parse + store %.2f s, edges + commit %.2f s\n", hashed, parsed - hashed,
                        double(timer.nsecsElapsed()) / 1e9 - parsed);
            if (report.outcome != ImportReport::Outcome::Imported) {
                std::fprintf(stderr, "%s\n", qPrintable(report.error));
                return 2;
            }
            for (const auto& f : report.files) {
                assets += f.assets;
                edges += f.edges;
                columns += f.columns;
            }
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        std::printf(
            "%s%s\n  %.1f MB, %d assets, %d edges, %d columns\n  %.2f s, %.1f MB/s (CPU %.2f s), peak RSS %.0f MB\n",
            qPrintable(QFileInfo(path).fileName()), parseOnly ? " (parse only)" : "", mb, assets, edges, columns,
            seconds, mb / seconds, cpuSeconds() - cpuBefore, peakRssMb());
    }
    return 0;
}
