#include "layoutservice.h"

#include "layout/layout.h"
#include "layout/layoutworker.h"

#include <QCoreApplication>

namespace sightline {

LayoutService::LayoutService(QObject* parent)
    : QObject(parent)
    , m_worker(new LayoutWorker)
    , m_cache(64)
{
    m_thread.setObjectName(QStringLiteral("sightline-layout"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &LayoutWorker::done, this, &LayoutService::finished);
    m_thread.start();
    // Graphviz reads its plugin configuration when the context is created; do it now, on the
    // layout thread, rather than when the first view waits for its graph.
    QMetaObject::invokeMethod(
        m_worker, [] { prepareLayoutEngine(); }, Qt::QueuedConnection);
}

LayoutService::~LayoutService()
{
    for (auto& pending : m_pending) {
        if (pending.job)
            pending.job->superseded = true;
    }
    m_thread.quit();
    m_thread.wait();
    // The thread has finished: deleting its object here also discards jobs still queued.
    delete m_worker;
}

LayoutService* LayoutService::instance()
{
    static QPointer<LayoutService> service;
    if (!service) {
        Q_ASSERT(QCoreApplication::instance());
        service = new LayoutService(QCoreApplication::instance());
    }
    return service;
}

quint64 LayoutService::submit(QObject* requester, LayoutRequest request, Callback onResult)
{
    Q_ASSERT(requester && requester->thread() == thread() && QThread::currentThread() == thread());
    const quint64 generation = ++m_generation;

    auto it = m_pending.find(requester);
    if (it == m_pending.end()) {
        it = m_pending.insert(requester, Pending {});
        connect(requester, &QObject::destroyed, this, [this, requester] {
            cancel(requester);
            m_pending.remove(requester);
        });
    } else if (it->job) {
        it->job->superseded = true;
    }
    it->generation = generation;
    it->requester = requester;
    it->callback = std::move(onResult);
    it->job.reset();

    if (ResultPtr hit = cached(request)) {
        QMetaObject::invokeMethod(
            this, [this, requester, generation, hit] { deliver(requester, generation, hit); }, Qt::QueuedConnection);
        return generation;
    }
    auto job = std::make_shared<LayoutJob>();
    job->request = std::move(request);
    job->requester = requester;
    job->generation = generation;
    it->job = job;
    Q_EMIT m_worker->queued(job);
    return generation;
}

void LayoutService::cancel(QObject* requester)
{
    const auto it = m_pending.find(requester);
    if (it == m_pending.end())
        return;
    if (it->job)
        it->job->superseded = true;
    it->job.reset();
    it->callback = {}; // a result still on its way finds no one to call
}

LayoutService::ResultPtr LayoutService::cached(const LayoutRequest& request) const
{
    const ResultPtr* hit = m_cache.object(request);
    return hit ? *hit : nullptr;
}

void LayoutService::setCacheCapacity(int results)
{
    m_cache.setMaxCost(results);
}

void LayoutService::finished(const std::shared_ptr<LayoutJob>& job)
{
    ++m_computed;
    // Failed layouts are not cached: they are cheap to repeat and might be transient.
    if (job->result->ok())
        m_cache.insert(job->request, new ResultPtr(job->result));
    deliver(job->requester, job->generation, job->result);
}

void LayoutService::deliver(const QObject* requester, quint64 generation, const ResultPtr& result)
{
    const auto it = m_pending.find(requester);
    if (it == m_pending.end() || it->generation != generation || !it->requester || !it->callback)
        return;
    const Callback callback = std::exchange(it->callback, {});
    it->job.reset();
    callback(result);
}

} // namespace sightline
