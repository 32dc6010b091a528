#pragma once

#include "layout/layouttypes.h"

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace sightline {

struct LayoutJob;
class LayoutWorker;

// Runs every Graphviz layout of the process on one dedicated thread, one at a time.
//
// A requester (a view) submits a request and gets the result back on its own thread through a
// callback. Each submission carries a generation id; a newer submission from the same requester
// supersedes the older one, which is skipped if it has not started and is never delivered.
// Results are cached by request content, so reopening a view on the same neighbourhood does
// not run Graphviz again. Requesters must live in the service's thread (the GUI thread for
// instance()); delivery is always asynchronous, from the event loop, never inside submit().
class LayoutService : public QObject
{
    Q_OBJECT
public:
    using ResultPtr = std::shared_ptr<const LayoutResult>;
    using Callback = std::function<void(const ResultPtr&)>;

    explicit LayoutService(QObject* parent = nullptr);
    ~LayoutService() override;

    // The process's service, created on first use as a child of the application object.
    static LayoutService* instance();

    // Returns the generation id of this submission (increasing across the service).
    quint64 submit(QObject* requester, LayoutRequest request, Callback onResult);
    // Forgets the requester's pending submission, if any: its callback will not be called.
    void cancel(QObject* requester);

    ResultPtr cached(const LayoutRequest& request) const;
    void setCacheCapacity(int results);
    // How many layouts Graphviz actually ran (cache hits and skipped requests not counted).
    int layoutsComputed() const
    {
        return m_computed;
    }

private:
    struct Pending
    {
        quint64 generation = 0;
        QPointer<QObject> requester;
        std::shared_ptr<LayoutJob> job;
        Callback callback;
    };

    void finished(const std::shared_ptr<LayoutJob>& job);
    void deliver(const QObject* requester, quint64 generation, const ResultPtr& result);

    QThread m_thread;
    LayoutWorker* m_worker;
    QHash<const QObject*, Pending> m_pending;
    QCache<LayoutRequest, ResultPtr> m_cache;
    quint64 m_generation = 0;
    int m_computed = 0;
};

} // namespace sightline
