#include "changewatcher.h"

#include <QFileInfo>

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
    m_stamp = fileStamp();
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
    m_stamp = fileStamp();
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
    const QList<qint64> stamp = fileStamp();
    if (version == m_version && stamp == m_stamp)
        return false;
    m_version = version;
    m_stamp = stamp;
    Q_EMIT changed();
    return true;
}

// Size and modification time of the file and its -wal: a second witness beside data_version,
// which in some process set-ups (a shared, memory-only WAL index) missed other processes' commits.
QList<qint64> ChangeWatcher::fileStamp() const
{
    QList<qint64> stamp;
    for (const QString& file : {m_path, QString(m_path + QStringLiteral("-wal"))}) {
        const QFileInfo info(file);
        stamp << (info.exists() ? info.size() : -1) << info.lastModified().toMSecsSinceEpoch();
    }
    return stamp;
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
