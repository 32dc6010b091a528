#include "importpipeline.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

namespace sightline {

namespace {

struct BeginSourceCall
{
    QString source;
    QDateTime capturedAt;
};
struct EdgeCall
{
    QString from;
    QString to;
};
struct WarningCall
{
    QString message;
};
struct AliasCall
{
    QString alias;
    QString key;
};
// One call on the sink, recorded on the worker and replayed on the writing thread.
using Call = std::variant<BeginSourceCall, Asset, EdgeCall, WarningCall, Observation, ColumnEdge, RunResult, AliasCall>;
using Batch = std::vector<Call>;

// Thrown on the worker when the consuming side failed: unwinds the importer quietly.
struct Stopped
{
};

// The worker's sink: batches calls and hands them over; blocks while the queue is full.
class QueueSink : public ImportSink
{
public:
    static constexpr size_t kBatch = 512;
    static constexpr size_t kQueued = 8;

    void beginSource(const QString& sourceId, const QDateTime& capturedAt) override
    {
        add(BeginSourceCall {sourceId, capturedAt});
    }
    void asset(const Asset& asset) override
    {
        add(asset);
    }
    void edge(const QString& fromKey, const QString& toKey) override
    {
        add(EdgeCall {fromKey, toKey});
    }
    void warning(const QString& message) override
    {
        add(WarningCall {message});
    }
    void observation(const Observation& observation) override
    {
        add(observation);
    }
    void columnEdge(const ColumnEdge& edge) override
    {
        add(edge);
    }
    void runResult(const RunResult& result) override
    {
        add(result);
    }
    void assetAlias(const QString& alias, const QString& key) override
    {
        add(AliasCall {alias, key});
    }

    // Worker side: the importer is done (error: how it failed).
    void close(std::exception_ptr error = {})
    {
        std::unique_lock lock(m_mutex);
        if (error)
            m_queue.clear(); // a failed import writes nothing more
        else if (!m_batch.empty())
            m_queue.push_back(std::move(m_batch));
        m_error = error;
        m_closed = true;
        m_changed.notify_all();
    }

    // Calling side: the next batch; nullopt when the worker closed and all was taken, or when
    // nothing came within the wait (so the caller can poll cancellation).
    std::optional<Batch> take(bool* finished)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(50), [this] { return !m_queue.empty() || m_closed; });
        *finished = m_queue.empty() && m_closed;
        if (m_queue.empty())
            return std::nullopt;
        Batch batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_changed.notify_all();
        return batch;
    }

    // Calling side: stop the worker at its next call.
    void stop()
    {
        std::unique_lock lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }

    std::exception_ptr error() const
    {
        return m_error;
    }

private:
    void add(Call&& call)
    {
        m_batch.push_back(std::move(call));
        if (m_batch.size() < kBatch)
            return;
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < kQueued || m_stopped; });
        if (m_stopped)
            throw Stopped();
        m_queue.push_back(std::move(m_batch));
        m_batch = Batch();
        m_batch.reserve(kBatch);
        m_changed.notify_all();
    }

    Batch m_batch;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_closed = false;
    bool m_stopped = false;
    std::exception_ptr m_error;
};

struct Apply
{
    ImportSink& target;
    void operator()(const BeginSourceCall& c) const
    {
        target.beginSource(c.source, c.capturedAt);
    }
    void operator()(const Asset& a) const
    {
        target.asset(a);
    }
    void operator()(const EdgeCall& c) const
    {
        target.edge(c.from, c.to);
    }
    void operator()(const WarningCall& c) const
    {
        target.warning(c.message);
    }
    void operator()(const Observation& o) const
    {
        target.observation(o);
    }
    void operator()(const ColumnEdge& e) const
    {
        target.columnEdge(e);
    }
    void operator()(const RunResult& r) const
    {
        target.runResult(r);
    }
    void operator()(const AliasCall& c) const
    {
        target.assetAlias(c.alias, c.key);
    }
};

void replay(const Call& call, ImportSink& target)
{
    std::visit(Apply {target}, call);
}

} // namespace

void runPipelined(const Importer& importer, const QString& path, qint64 size, ImportSink& target,
                  const std::function<void(qint64)>& progress, const std::function<bool()>& cancelled)
{
    QueueSink queue;
    std::atomic<qint64> done {-1};
    std::atomic<bool> cancel {false};
    ImportContext context;
    context.path = path;
    context.size = size;
    context.progress = [&done](qint64 bytes) { done.store(bytes, std::memory_order_relaxed); };
    // Also set when this side fails, so that the worker stops parsing soon.
    context.cancelled = [&cancel] { return cancel.load(std::memory_order_relaxed); };

    std::thread worker([&] {
        try {
            importer.import(context, queue);
            queue.close();
        } catch (...) {
            queue.close(std::current_exception());
        }
    });

    qint64 reported = -1;
    try {
        bool finished = false;
        while (!finished) {
            if (auto batch = queue.take(&finished)) {
                for (auto& call : *batch)
                    replay(call, target);
            }
            const qint64 now = done.load(std::memory_order_relaxed);
            if (progress && now != reported) {
                reported = now;
                progress(now);
            }
            if (cancelled && cancelled())
                cancel.store(true, std::memory_order_relaxed);
        }
    } catch (...) {
        cancel.store(true, std::memory_order_relaxed);
        queue.stop();
        worker.join();
        throw;
    }
    worker.join();
    if (const auto error = queue.error()) {
        try {
            std::rethrow_exception(error);
        } catch (const Stopped&) {
            // Only thrown after stop(), which is only called on the path above.
        }
    }
}

} // namespace sightline
