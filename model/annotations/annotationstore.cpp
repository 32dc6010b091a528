#include "annotationstore.h"

#include "store/durability.h"
#include "store/workspace.h"

#include <sqlite3.h>

namespace sightline {

AnnotationStore::AnnotationStore(sql::Database& db)
    : m_db(db)
{
    // Annotations are typed by people, like incident notes: not to be lost on a power cut.
    requireDurableCommits(m_db);
}

qint64 AnnotationStore::add(const Annotation& annotation)
{
    if (annotation.text.trimmed().isEmpty())
        throw sql::Error(SQLITE_CONSTRAINT, QStringLiteral("An annotation needs a text"));
    if (!annotation.at.isValid())
        throw sql::Error(SQLITE_CONSTRAINT, QStringLiteral("An annotation needs a time"));
    auto find = m_db.prepare("SELECT id FROM asset WHERE key = ?1");
    find.bind(1, annotation.assetKey);
    if (!find.step())
        throw sql::Error(SQLITE_NOTFOUND, QStringLiteral("Unknown asset: %1").arg(annotation.assetKey));
    const qint64 assetId = find.int64(0);

    auto insert = m_db.prepare("INSERT INTO annotation (asset_id, at, until, text, author, exclude_from_training, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, assetId).bind(2, toStoredTime(annotation.at));
    if (annotation.until.isValid())
        insert.bind(3, toStoredTime(annotation.until));
    else
        insert.bindNull(3);
    const QDateTime created = annotation.createdAt.isValid() ? annotation.createdAt : QDateTime::currentDateTimeUtc();
    insert.bind(4, annotation.text.trimmed())
        .bind(5, annotation.author, true)
        .bind(6, annotation.excludeFromTraining ? 1 : 0)
        .bind(7, toStoredTime(created));
    insert.exec();
    return m_db.lastInsertRowId();
}

QList<Annotation> AnnotationStore::annotations(const QString& assetKey)
{
    auto stmt = m_db.prepare("SELECT n.id, n.at, n.until, n.text, n.author, n.exclude_from_training, n.created_at "
                             "FROM annotation n JOIN asset a ON a.id = n.asset_id WHERE a.key = ?1 "
                             "ORDER BY n.at, n.id");
    stmt.bind(1, assetKey);
    QList<Annotation> out;
    while (stmt.step()) {
        Annotation a;
        a.id = stmt.int64(0);
        a.assetKey = assetKey;
        a.at = fromStoredTime(stmt.int64(1));
        if (!stmt.isNull(2))
            a.until = fromStoredTime(stmt.int64(2));
        a.text = stmt.text(3);
        a.author = stmt.text(4);
        a.excludeFromTraining = stmt.int64(5) != 0;
        a.createdAt = fromStoredTime(stmt.int64(6));
        out.append(a);
    }
    return out;
}

bool AnnotationStore::remove(qint64 id)
{
    auto stmt = m_db.prepare("DELETE FROM annotation WHERE id = ?1");
    stmt.bind(1, id);
    stmt.exec();
    return m_db.changes() > 0;
}

} // namespace sightline
