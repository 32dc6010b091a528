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
// no busy timeout: a locked database just skips that tick, it is never waited for.
//
// data_version is the only witness: one commit by another connection (or process) moves it
// once, however many polls follow. It also moves when another connection resets the WAL
// (`wal_checkpoint(TRUNCATE)`, which Sightline never runs), not for ordinary (passive)
// checkpoints. The size and time of the file and its -wal, compared before as a second
// witness, also change when a checkpoint copies pages into the file after the commit, which
// gave 2-3 notifications per external import. A change seen while another connection holds the
// write lock is reported after that connection is done (see writerActive()).
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
    // True while another connection holds the write lock (its commit is still to come).
    bool writerActive();

    QString m_path;
    sql::Database m_db;
    QTimer m_timer;
    qint64 m_version = -1;
};

} // namespace sightline
