#include "importtestutil.h"

#include "import/importrunner.h"
#include "store/sqlite.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

namespace sightline::test {

QByteArray j(const char* text)
{
    return QByteArray(text).replace('\'', '"');
}

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QString writeIn(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    return writeFile(path, content) ? path : QString();
}

QByteArray fileHead(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

QByteArray truncatedCopy(const QString& relative, double fraction)
{
    QFile f(sharedData(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return all.left(qsizetype(double(all.size()) * fraction));
}

QString loadImporters(ImporterRegistry& registry, const char* format)
{
    const QStringList problems = registry.loadPlugins(pluginDir());
    if (!problems.isEmpty())
        return problems.join(u'\n');
    return registry.byFormat(QString::fromLatin1(format)) ? QString()
                                                          : QStringLiteral("no importer for ") + QLatin1String(format);
}

void runImporter(const Importer& importer, const QString& path, ImportSink& sink)
{
    ImportContext context;
    context.path = path;
    context.size = QFileInfo(path).size();
    importer.import(context, sink);
}

QString importContent(const Importer& importer, const QString& name, const QByteArray& content, ImportSink& sink,
                      QString* path)
{
    QTemporaryDir dir;
    const QString file = writeIn(dir, name, content);
    if (path)
        *path = file;
    try {
        runImporter(importer, file, sink);
    } catch (const ImportError& e) {
        return e.message();
    }
    return {};
}

QString importInto(const ImporterRegistry& registry, const QString& path, ImportSink& sink)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable");
    const auto match = registry.detect(f.read(64 * 1024));
    if (!match.importer)
        return QStringLiteral("unrecognised");
    ImportContext ctx;
    ctx.path = path;
    ctx.size = f.size();
    match.importer->import(ctx, sink);
    return match.importer->formatId() + u' ' + match.detection.version;
}

QString kindCounts(Workspace& ws)
{
    QMap<int, int> counts;
    for (const auto& a : ws.assets())
        ++counts[int(a.kind)];
    QStringList parts;
    for (AssetKind kind : allKinds()) {
        if (counts.value(int(kind)))
            parts.append(kindName(kind) + u'=' + QString::number(counts.value(int(kind))));
    }
    return parts.join(u' ');
}

QStringList sqlRows(Workspace& ws, const char* sql)
{
    auto stmt = ws.db().prepare(sql);
    QStringList rows;
    while (stmt.step()) {
        QStringList cells;
        for (int i = 0; i < stmt.columnCount(); ++i)
            cells.append(stmt.text(i));
        rows.append(cells.join(u'|'));
    }
    return rows;
}

QList<std::pair<QDateTime, double>> history(Workspace& ws, const QString& key, const QString& metric)
{
    QList<std::pair<QDateTime, double>> out;
    auto stmt = ws.db().prepare("SELECT o.at, o.value FROM observation o JOIN asset a ON a.id = o.asset_id "
                                "WHERE a.key = ?1 AND o.metric = ?2 AND o.column_name = '' ORDER BY o.at");
    stmt.bind(1, key).bind(2, metric);
    while (stmt.step())
        out.append({fromStoredTime(stmt.int64(0)), stmt.real(1)});
    return out;
}

QStringList storedResults(Workspace& ws, const QString& key)
{
    QStringList out;
    auto stmt = ws.db().prepare("SELECT r.kind || ':' || r.status FROM run_result r JOIN asset a ON a.id = r.asset_id "
                                "WHERE a.key = ?1");
    stmt.bind(1, key);
    while (stmt.step())
        out.append(stmt.text(0));
    out.sort();
    return out;
}

void checkRejectedAfter(const ImporterRegistry& registry, const QTemporaryDir& dir, const QStringList& basePaths,
                        const QString& badName, const QByteArray& content, const QString& place, const QString& reason)
{
    const QString wsPath = dir.filePath(QStringLiteral("ws.sightline"));
    ImportRunner runner(registry);
    const auto first = runner.run(wsPath, basePaths);
    QVERIFY2(first.outcome == ImportReport::Outcome::Imported, qPrintable(first.error));
    const QString before = dumpWorkspace(wsPath);

    const QString file = dir.filePath(badName);
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    const auto report = runner.run(wsPath, {file});
    QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
    QVERIFY2(report.error.startsWith(file + place), qPrintable(report.error));
    QVERIFY2(report.error.contains(reason), qPrintable(report.error));
    QCOMPARE(dumpWorkspace(wsPath), before);
}

void checkRejected(const ImporterRegistry& registry, const QStringList& base, const QByteArray& content,
                   const QString& reason)
{
    QTemporaryDir dir;
    QStringList paths;
    for (const auto& b : base)
        paths.append(sharedData(b));
    checkRejectedAfter(registry, dir, paths, QStringLiteral("bad artifact.json"), content, QString(), reason);
}

QByteArray dbtArtifactHead(const char* schema)
{
    return "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/" + QByteArray(schema)
        + ".json\", \"generated_at\": \"2024-05-01T10:00:00Z\"},\n";
}

void addDbtArtifactRejections(const DbtArtifactRejections& artifact)
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    const QByteArray version =
        "{\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/" + QByteArray(artifact.schema) + ".json\"}";
    const QByteArray head = dbtArtifactHead(artifact.schema) + " \"" + artifact.section + "\": ";
    QTest::addRow("truncated") << truncatedCopy(artifact.truncated)
                               << "invalid JSON: unexpected end of file (is it truncated?)";
    QTest::addRow("%s of the wrong type", artifact.section)
        << head + artifact.wrongType + "}" << artifact.wrongTypeReason;
    QTest::addRow("metadata is a list") << "{\"x\": " + version + ", \"metadata\": [1]}"
                                        << "/metadata: expected an object, found an array";
    QTest::addRow("no metadata") << "{\"x\": " + version + "}"
                                 << "/metadata: missing";
    QTest::addRow("huge string") << head + artifact.entryWith(QByteArray(17 << 20, 'x')) + "}"
                                 << "bytes exceeds the limit of 16777216 bytes";
    QTest::addRow("deep nesting") << head + QByteArray(600, '[') + QByteArray(600, ']') + "}"
                                  << "nesting deeper than 512 levels is not supported";
    QTest::addRow("invalid UTF-8") << head + artifact.entryWith("caf\xc3\x28") + "}"
                                   << "invalid JSON";
    QTest::addRow("an empty array") << QByteArray("[]") << "not a format Sightline reads";
    QTest::addRow("empty file") << QByteArray() << "empty file";
}

void checkDbtArtifactRejected(const ImporterRegistry& registry)
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    checkRejected(registry,
                  {QStringLiteral("nholuongut__data-hub/"
                                  "metadata-ingestion__tests__integration__dbt__dbt_catalog_deleted_actor.json")},
                  content, reason);
}

} // namespace sightline::test
