#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace sightline::ui {

// Runs one kind of background work for a GUI object, one job at a time (after
// hotspot's JobTracker):
// - the job gets its inputs by value and a cancellation predicate; it must not touch widgets;
// - starting a new job supersedes the running one: its predicate turns true and its result is
//   dropped (generation id), so a slow old load never overwrites a newer one;
// - cancel() asks the running job to stop but still delivers what it returns (an import reports
//   "cancelled" once it has rolled back);
// - results are delivered on the GUI thread, and never after the context is gone.
// Nothing in the worker captures the context or the tracker: only shared state.
class JobTracker
{
public:
    using CancelPredicate = std::function<bool()>;

    explicit JobTracker(QObject* context)
        : m_context(context)
        , m_state(std::make_shared<State>())
    {
    }
    ~JobTracker()
    {
        discard();
    }
    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    bool isRunning() const
    {
        return m_state->running;
    }
    quint64 generation() const
    {
        return m_state->generation.load();
    }

    // Asks the running job to stop; its result (typically "cancelled") is still delivered.
    void cancel()
    {
        if (m_cancelFlag)
            m_cancelFlag->store(true);
    }

    // Cancels the running job and drops its result.
    void discard()
    {
        cancel();
        ++m_state->generation;
        m_state->running = false;
    }

    // job: Result(const CancelPredicate&), run on the global thread pool; it must not throw
    // (report errors in Result). deliver: void(Result), run on the GUI thread unless superseded
    // or the context is gone. Returns the job's generation.
    template<typename Job, typename Deliver>
    quint64 start(Job&& job, Deliver&& deliver)
    {
        using Result = std::invoke_result_t<Job&, const CancelPredicate&>;
        cancel();
        const quint64 id = ++m_state->generation;
        auto cancelFlag = std::make_shared<std::atomic_bool>(false);
        m_cancelFlag = cancelFlag;
        m_state->running = true;

        CancelPredicate cancelled = [state = m_state, id, cancelFlag] {
            return cancelFlag->load() || state->generation.load() != id;
        };
        // Delivery goes through the application object (alive as long as the pool's threads:
        // QCoreApplication waits for them) and checks the context on the GUI thread, where the
        // QPointer is safe to read. QFuture::then(context, ...) lost continuations under load in
        // Qt 6.4, so it is not used.
        auto finish = [context = m_context, state = m_state, id,
                       deliver = std::forward<Deliver>(deliver)](std::optional<Result> result) mutable {
            if (!context || state->generation.load() != id)
                return;
            state->running = false;
            if (result)
                deliver(std::move(*result));
        };
        QThreadPool::globalInstance()->start(
            [job = std::forward<Job>(job), cancelled, id, state = m_state, finish = std::move(finish)]() mutable {
                std::optional<Result> result;
                try {
                    result = job(cancelled);
                } catch (...) {
                    // A job must report its errors in its result; this only keeps a bug in one from
                    // taking the application down with it. The tracker still learns it has ended.
                }
                if (state->generation.load() != id)
                    return; // superseded: nobody waits for this result
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [finish = std::move(finish), result = std::move(result)]() mutable { finish(std::move(result)); },
                    Qt::QueuedConnection);
            });
        return id;
    }

private:
    struct State
    {
        std::atomic<quint64> generation {0};
        bool running = false; // touched on the context's thread only
    };
    QPointer<QObject> m_context;
    std::shared_ptr<State> m_state;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
};

} // namespace sightline::ui
