#include "changewatcher.h"

#include <sqlite3.h>

namespace sightline {

ChangeWatcher::ChangeWatcher(QObject* parent)
    : QObject(parent)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ChangeWatcher::poll);
}

ChangeWatcher::~ChangeWatcher() = default;

bool ChangeWatcher::watch(const QString& path)
{
    stop();
    if (path.isEmpty())
        return false;
    // A read-write handle that never writes (query_only): a SQLITE_OPEN_READONLY connection that
    // finds no -shm file falls back to a private WAL index and then never sees other processes'
    // commits. Only a file we may not write is watched read-only, as well as that goes.
    try {
        m_db = sql::Database(path, sql::Database::Mode::ReadWrite);
        m_db.exec("PRAGMA query_only = 1");
    } catch (const sql::Error&) {
        try {
            m_db = sql::Database(path, sql::Database::Mode::ReadOnly);
        } catch (const sql::Error&) {
            return false;
        }
    }
    m_db.setBusyTimeout(0);
    m_path = path;
    m_version = -1;
    qint64 version = -1;
    if (readVersion(&version))
        m_version = version;
    m_timer.start();
    return true;
}

void ChangeWatcher::stop()
{
    m_timer.stop();
    m_db.close();
    m_path.clear();
    m_version = -1;
}

void ChangeWatcher::setInterval(int ms)
{
    m_timer.setInterval(ms);
}

void ChangeWatcher::resync()
{
    qint64 version = -1;
    if (m_db.isOpen() && readVersion(&version))
        m_version = version;
}

bool ChangeWatcher::poll()
{
    qint64 version = -1;
    if (!m_db.isOpen() || !readVersion(&version))
        return false;
    if (m_version < 0) {
        // The first successful read (the file was busy at watch()) is the baseline.
        m_version = version;
        return false;
    }
    if (version == m_version)
        return false;
    // A writer that starts on a fully checkpointed WAL resets the WAL's header before it commits,
    // which already moves data_version; its commit moves it again. Reporting only once no other
    // connection holds the write lock gives one notification per import.
    if (writerActive())
        return false;
    if (!readVersion(&version))
        return false;
    m_version = version;
    Q_EMIT changed();
    return true;
}

bool ChangeWatcher::writerActive()
{
    // BEGIN IMMEDIATE takes the write lock or fails at once (no busy timeout); rolled back at
    // once, it writes nothing and moves no one's data_version. query_only forbids it, so it is
    // lifted for these two statements.
    try {
        m_db.exec("PRAGMA query_only = 0");
        m_db.exec("BEGIN IMMEDIATE");
        m_db.exec("ROLLBACK");
        m_db.exec("PRAGMA query_only = 1");
        return false;
    } catch (const sql::Error& e) {
        try {
            if (!sqlite3_get_autocommit(m_db.handle()))
                m_db.exec("ROLLBACK");
            m_db.exec("PRAGMA query_only = 1");
        } catch (const sql::Error&) {
        }
        // A read-only handle cannot take the lock at all: it cannot tell, so it does not wait.
        return (e.code() & 0xff) == SQLITE_BUSY;
    }
}

bool ChangeWatcher::readVersion(qint64* version)
{
    try {
        *version = m_db.queryInt("PRAGMA data_version");
        return true;
    } catch (const sql::Error&) {
        return false; // busy (another process holds a lock we would have to wait for) or gone
    }
}

} // namespace sightline
