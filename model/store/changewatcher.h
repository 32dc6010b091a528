#pragma once

#include "store/sqlite.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace sightline {

// Notices commits made to a workspace by other connections (another process importing, or
// another thread of ours), cheaply enough to run on the UI thread: every interval it asks
// SQLite's `PRAGMA data_version` on a dedicated query-only connection. That value changes only
// when a different connection commits, so our own polling never triggers it. The connection has
// no busy timeout: a locked database just skips that tick, it is never waited for. The size and
// time of the file and its -wal are compared too, as a fallback witness.
class ChangeWatcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 1500;

    explicit ChangeWatcher(QObject* parent = nullptr);
    ~ChangeWatcher() override;

    // Starts watching path (stops watching the previous one); an empty path only stops.
    // Returns false when the file cannot be opened (nothing is watched then).
    bool watch(const QString& path);
    void stop();
    QString path() const
    {
        return m_path;
    }
    bool isWatching() const
    {
        return m_db.isOpen();
    }

    void setInterval(int ms);
    int interval() const
    {
        return m_timer.interval();
    }

    // Forgets changes seen so far: the next changed() is for commits after this call. Used when
    // the reader has just reloaded by itself (e.g. after its own import).
    void resync();
    // One poll now; returns true (and emits changed()) when another connection committed.
    bool poll();

Q_SIGNALS:
    void changed();

private:
    // Reads data_version; false when the database is busy or the read failed.
    bool readVersion(qint64* version);
    QList<qint64> fileStamp() const;

    QString m_path;
    sql::Database m_db;
    QTimer m_timer;
    qint64 m_version = -1;
    QList<qint64> m_stamp;
};

} // namespace sightline
