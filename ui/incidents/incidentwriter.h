#pragma once

#include "incidents/incident.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace sightline {
class IncidentWorkflow;
class Workspace;
} // namespace sightline

namespace sightline::ui {

// Writes incident changes off the GUI thread, strictly in the order they were submitted (one
// worker, one connection of its own). A write that waits for another process's lock (an import)
// never freezes the UI: after a short while the writer says so (waiting()), and the change lands
// when the lock is free (or fails after the workspace's busy timeout, reported in finished()).
class IncidentWriter : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QList<qint64> events; // appended by the change
        QList<Incident> changed; // the incidents those events touch, as now stored
        QString error; // empty on success
    };
    // Runs on the worker thread with the writer's workflow; returns the events it appended.
    using Change = std::function<QList<qint64>(IncidentWorkflow&)>;

    explicit IncidentWriter(QObject* parent = nullptr);
    ~IncidentWriter() override;

    // Subsequent changes go to this workspace as this actor (empty: the OS user name).
    void setWorkspace(const QString& path, const QString& actor = {});
    QString path() const
    {
        return m_path;
    }
    QString actor() const
    {
        return m_actor;
    }

    // Queues change; done (optional) runs on the GUI thread with the result, before finished().
    void submit(Change change, std::function<void(const Result&)> done = {});
    int pending() const
    {
        return m_pending;
    }
    // Blocks until every queued change is written (tests, closing the window).
    void waitForDone();

    // How long a change may take before waiting() says so.
    static constexpr int kWaitingAfterMs = 300;

Q_SIGNALS:
    void finished(const sightline::ui::IncidentWriter::Result& result);
    // on: a change has been waiting for kWaitingAfterMs (another process holds the lock); off:
    // everything queued is written.
    void waiting(bool on);

private:
    struct Connection;
    QThreadPool m_pool;
    std::shared_ptr<Connection> m_connection;
    QString m_path;
    QString m_actor;
    int m_pending = 0;
    bool m_waiting = false;
    QTimer m_waitTimer;
};

} // namespace sightline::ui
