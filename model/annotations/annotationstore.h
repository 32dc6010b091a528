#pragma once

#include "store/sqlite.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace sightline {

// A note a person pinned to an asset at a data time (or over a window): shown on its charts, and,
// when excludeFromTraining is set, a window the detectors leave out of the history they learn from.
struct Annotation
{
    qint64 id = 0; // 0 until stored
    QString assetKey;
    QDateTime at; // data time
    QDateTime until; // invalid: a point in time, not a window
    QString text;
    QString author;
    bool excludeFromTraining = false;
    QDateTime createdAt; // wall clock: when the person wrote it
};

// Adds, lists and removes annotations on one workspace connection. Every call commits on its own
// unless the caller has a transaction open (user work is durable at once). Throws sql::Error.
class AnnotationStore
{
public:
    explicit AnnotationStore(sql::Database& db);

    // Stores the annotation (createdAt defaults to now) and returns its id. Throws sql::Error
    // when the asset is unknown or the text is empty.
    qint64 add(const Annotation& annotation);
    // The asset's annotations by time, then id.
    QList<Annotation> annotations(const QString& assetKey);
    // False when there was no such annotation.
    bool remove(qint64 id);

private:
    sql::Database& m_db;
};

} // namespace sightline
