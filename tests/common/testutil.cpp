#include "testutil.h"

#include "store/schema.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QProcessEnvironment>

#include "sightline/buildconfig.h"

namespace sightline::test {

static QString fromEnv(const char* name, const QString& fallback)
{
    const QString value = qEnvironmentVariable(name);
    return value.isEmpty() ? fallback : value;
}

QString sharedDataDir()
{
    return fromEnv("SIGHTLINE_SHARED_DATA", QStringLiteral(SIGHTLINE_TEST_SOURCE_DIR "/../shared/data"));
}

QString sharedData(const QString& relative)
{
    return sharedDataDir() + u'/' + relative;
}

QString contractsDir()
{
    return fromEnv("SIGHTLINE_CONTRACTS", QStringLiteral(SIGHTLINE_TEST_SOURCE_DIR "/../shared/contracts"));
}

QString buildDir()
{
    return fromEnv("SIGHTLINE_BUILD_DIR", QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
}

QString pluginDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/' + QLatin1String(SIGHTLINE_PLUGIN_RELDIR));
}

QString dumpWorkspace(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
    auto& db = ws->db();
    QString out;
    auto tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    QStringList names;
    while (tables.step())
        names.append(tables.text(0));
    for (const auto& table : names) {
        // Table names come from sqlite_schema, not from input; quoting keeps them identifiers.
        auto rows = db.prepare(QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1").arg(table).toStdString());
        out += QStringLiteral("== ") + table + u'\n';
        while (rows.step()) {
            QStringList cells;
            for (int c = 0; c < rows.columnCount(); ++c) {
                cells.append(rows.isNull(c) ? QStringLiteral("NULL") : rows.text(c));
            }
            out += cells.join(u'|') + u'\n';
        }
    }
    return out;
}

sql::Database createOldWorkspace(const QString& path, int version)
{
    sql::Database db(path, sql::Database::Mode::ReadWriteCreate);
    db.exec("PRAGMA journal_mode = WAL");
    for (int v = 0; v < version; ++v)
        db.exec(schema::migrations()[size_t(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(version));
    db.exec("PRAGMA application_id = " + std::to_string(schema::kApplicationId));
    return db;
}

} // namespace sightline::test
