// libFuzzer target for one importer plugin, chosen at build time by SIGHTLINE_FUZZ_FORMAT (its
// formatId). Each input is written to a temporary file (importers read paths, and the big ones
// memory-map them) and imported through the real plugin's Importer interface into a counting
// sink. ImportError is the clean way to reject input; anything else (a crash, a sanitizer report,
// any other exception escaping the importer) is a finding.
#include "fuzzsink.h"
#include "import/importer.h"
#include "import/importerregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>
#include <cstdlib>

using namespace sightline;

namespace {

const Importer* g_importer = nullptr;
QString g_path;

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    static ImporterRegistry registry;
    const QStringList problems = registry.loadPlugins(QStringLiteral(SIGHTLINE_FUZZ_PLUGIN_DIR));
    for (const auto& p : problems)
        std::fprintf(stderr, "plugin: %s\n", qPrintable(p));
    g_importer = registry.byFormat(QStringLiteral(SIGHTLINE_FUZZ_FORMAT));
    if (!g_importer) {
        std::fprintf(stderr, "no importer for %s in %s\n", SIGHTLINE_FUZZ_FORMAT, SIGHTLINE_FUZZ_PLUGIN_DIR);
        std::abort();
    }
    g_path = QDir::temp().filePath(QStringLiteral("sightline-fuzz-%1-%2.json")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(QStringLiteral(SIGHTLINE_FUZZ_FORMAT)));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    g_importer->detect(bytes.left(64 * 1024));
    {
        QFile f(g_path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(bytes);
    }
    ImportContext ctx;
    ctx.path = g_path;
    ctx.size = qint64(size);
    fuzz::CountingSink sink;
    try {
        g_importer->import(ctx, sink);
    } catch (const ImportError&) {
        // the clean rejection
    }
    return 0;
}
