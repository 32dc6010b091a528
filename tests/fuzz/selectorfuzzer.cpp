// libFuzzer target for the selector parser (model/lineage/selector): parse the input as UTF-8 as
// the lineage view's selector line does (include [--exclude ...]); SelectorError is the clean
// rejection. A line that parses is evaluated on a small graph.
#include "lineage/selector.h"

#include <QString>

using namespace sightline;

namespace {

const LineageGraph& graph()
{
    static const LineageGraph g = [] {
        QList<Asset> assets;
        const char* keys[] = {"proj.raw.orders", "proj.stg.orders", "proj.mart.revenue", "looker:dashboard:42"};
        for (const char* k : keys) {
            Asset a;
            a.key = QString::fromLatin1(k);
            a.name = a.key.section(u'.', -1);
            a.tags = {QStringLiteral("finance")};
            a.owner = QStringLiteral("team-a");
            a.platform = QStringLiteral("bigquery");
            assets.append(a);
        }
        return LineageGraph(assets,
                            std::vector<std::pair<LineageGraph::Index, LineageGraph::Index>> {{0, 1}, {1, 2}, {2, 3}});
    }();
    return g;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    try {
        const SelectorLine line = parseSelectorLine(text);
        line.include.isSingleName();
        SelectorContext ctx;
        ctx.statusByKey.insert(QStringLiteral("proj.stg.orders"), {QStringLiteral("open")});
        selectAssets(graph(), line.include, line.exclude ? &*line.exclude : nullptr, ctx);
    } catch (const SelectorError& e) {
        e.caret();
    }
    return 0;
}
