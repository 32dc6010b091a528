#pragma once

#include "layout/layoutservice.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace sightline {

// One submission to LayoutService, shared between the service's thread and the layout thread.
struct LayoutJob
{
    LayoutRequest request;
    const QObject* requester = nullptr; // identity only, never dereferenced
    quint64 generation = 0;
    std::atomic<bool> superseded {false}; // set by the service, read on the layout thread
    LayoutService::ResultPtr result; // written on the layout thread before done() is emitted
};

// LayoutService's private worker, living on the layout thread: jobs reach it and leave it
// through queued signals, so no pointer to the service is ever held on that thread.
class LayoutWorker : public QObject
{
    Q_OBJECT
public:
    LayoutWorker();

Q_SIGNALS:
    void queued(const std::shared_ptr<sightline::LayoutJob>& job);
    void done(const std::shared_ptr<sightline::LayoutJob>& job);

private:
    void run(const std::shared_ptr<LayoutJob>& job);
};

} // namespace sightline
