#include "incidentwriter.h"

#include "incidents/incidentstore.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSet>

namespace sightline::ui {

// The worker's connection, opened lazily on first use and only ever touched by the pool's one
// thread (jobs run one after the other).
struct IncidentWriter::Connection
{
    QString path;
    QString actor;
    std::unique_ptr<Workspace> workspace;
};

IncidentWriter::IncidentWriter(QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_waitTimer.setSingleShot(true);
    m_waitTimer.setInterval(kWaitingAfterMs);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] {
        if (m_pending > 0 && !m_waiting) {
            m_waiting = true;
            Q_EMIT waiting(true);
        }
    });
}

IncidentWriter::~IncidentWriter()
{
    m_pool.waitForDone();
}

void IncidentWriter::setWorkspace(const QString& path, const QString& actor)
{
    m_path = path;
    m_actor = actor.trimmed().isEmpty() ? defaultActor() : actor.trimmed();
    // A fresh connection object: jobs already queued keep the one they were given.
    m_connection = std::make_shared<Connection>();
    m_connection->path = m_path;
    m_connection->actor = m_actor;
}

void IncidentWriter::submit(Change change, std::function<void(const Result&)> done)
{
    if (!m_connection) {
        Result result;
        result.error = tr("No workspace is open.");
        if (done)
            done(result);
        Q_EMIT finished(result);
        return;
    }
    ++m_pending;
    if (!m_waitTimer.isActive() && !m_waiting)
        m_waitTimer.start();
    QPointer<IncidentWriter> self(this);
    m_pool.start([connection = m_connection, change = std::move(change), done = std::move(done), self]() mutable {
        Result result;
        try {
            if (!connection->workspace)
                connection->workspace = Workspace::open(connection->path, Workspace::OpenMode::ReadWrite);
            IncidentWorkflow workflow(connection->workspace->db(), connection->actor);
            result.events = change(workflow);
            QSet<qint64> ids;
            auto owner = connection->workspace->db().prepare("SELECT incident_id FROM incident_event WHERE id = ?1");
            for (qint64 event : std::as_const(result.events)) {
                owner.reset();
                owner.bind(1, event);
                if (owner.step())
                    ids.insert(owner.int64(0));
            }
            IncidentStore store(connection->workspace->db());
            for (qint64 id : std::as_const(ids)) {
                if (auto incident = store.incident(id))
                    result.changed.append(*incident);
            }
        } catch (const WorkflowError& e) {
            result.error = e.message();
        } catch (const WorkspaceError& e) {
            result.error = e.message();
        } catch (const sql::Error& e) {
            result.error = e.code() == 5 /* SQLITE_BUSY */
                ? tr("The workspace stayed locked by another process; the change was not saved.")
                : e.message();
        } catch (const std::exception& e) {
            result.error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, done = std::move(done), result = std::move(result)] {
                if (!self)
                    return;
                --self->m_pending;
                if (done)
                    done(result);
                Q_EMIT self->finished(result);
                if (self->m_pending == 0) {
                    self->m_waitTimer.stop();
                    if (self->m_waiting) {
                        self->m_waiting = false;
                        Q_EMIT self->waiting(false);
                    }
                }
            },
            Qt::QueuedConnection);
    });
}

void IncidentWriter::waitForDone()
{
    m_pool.waitForDone();
    QCoreApplication::processEvents();
}

} // namespace sightline::ui
