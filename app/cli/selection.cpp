#include "selection.h"

#include "console.h"
#include "exitcode.h"

#include "lineage/graphloader.h"
#include "store/workspace.h"

#include <QSaveFile>

#include <cstdio>

namespace sightline::cli {

std::shared_ptr<const LineageGraph> loadGraph(Workspace& workspace, const QString& path, int* exitCode)
{
    try {
        return loadLineageGraph(workspace);
    } catch (const sql::Error& e) {
        printError(QStringLiteral("%1: %2").arg(path, e.message()));
        *exitCode = ExitCode::WorkspaceProblem;
        return nullptr;
    }
}

SelectorContext selectorContext(Workspace& workspace)
{
    SelectorContext context;
    try {
        auto stmt = workspace.db().prepare(
            "SELECT DISTINCT a.key, i.status FROM incident i JOIN asset a ON a.id = i.asset_id ORDER BY 1, 2");
        while (stmt.step())
            context.statusByKey[stmt.text(0)].append(stmt.text(1));
    } catch (const sql::Error&) {
        // No incidents table readable: status: selects nothing, as documented.
    }
    return context;
}

std::optional<Selector> parseSelector(const QString& text, const QString& what, int* exitCode)
{
    try {
        return Selector::parse(text);
    } catch (const SelectorError& e) {
        printError(QStringLiteral("%1 '%2': %3").arg(what, text, e.message()));
        if (stderrIsTerminal()) {
            const QByteArray caret =
                QString(QStringLiteral("  ") + e.caret().replace(u'\n', QStringLiteral("\n  ")) + u'\n').toUtf8();
            std::fwrite(caret.constData(), 1, size_t(caret.size()), stderr);
        }
        *exitCode = ExitCode::BadInput;
        return std::nullopt;
    }
}

std::optional<LineageGraph::Index> resolveAsset(const LineageGraph& graph, const QString& query,
                                                const QString& workspacePath, int* exitCode)
{
    const AssetLookup found = lookupAsset(graph.assets(), query);
    if (found.outcome == AssetLookup::Outcome::Found)
        return LineageGraph::Index(found.index);
    *exitCode = ExitCode::BadInput;
    if (found.outcome == AssetLookup::Outcome::Ambiguous) {
        printError(QStringLiteral("'%1' names %2 assets; give one of their keys: %3")
                       .arg(query)
                       .arg(found.candidates.size())
                       .arg(found.candidates.join(QStringLiteral(", "))));
    } else if (found.candidates.isEmpty()) {
        printError(
            QStringLiteral("no asset '%1' in %2 (list them with 'sightline assets %2')").arg(query, workspacePath));
    } else {
        printError(QStringLiteral("no asset '%1' in %2; did you mean: %3")
                       .arg(query, workspacePath, found.candidates.join(QStringLiteral(", "))));
    }
    return std::nullopt;
}

bool writeResult(const QByteArray& bytes, const QString& path, int* exitCode)
{
    if (path.isEmpty() || path == u"-") {
        writeOut(bytes);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        printError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
        *exitCode = ExitCode::BadInput;
        return false;
    }
    return true;
}

} // namespace sightline::cli
