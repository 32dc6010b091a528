#pragma once

#include <QMutex>
#include <QMutexLocker>
#include <QString>

namespace sightline::ui {

// Progress of a running job, shared between the worker (writes as often as it likes) and the GUI
// (reads on a timer). Polling throttles updates for free and keeps every QObject on its own
// thread.
class JobProgress
{
public:
    struct Value
    {
        qint64 done = 0;
        qint64 total = 0;
        QString currentFile;
    };

    void set(qint64 done, qint64 total, const QString& currentFile)
    {
        QMutexLocker lock(&m_mutex);
        m_value.done = done;
        m_value.total = total;
        if (!currentFile.isEmpty())
            m_value.currentFile = currentFile;
    }

    Value value() const
    {
        QMutexLocker lock(&m_mutex);
        return m_value;
    }

private:
    mutable QMutex m_mutex;
    Value m_value;
};

} // namespace sightline::ui
