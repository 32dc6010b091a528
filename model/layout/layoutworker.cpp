#include "layoutworker.h"

#include "layout/layout.h"

namespace sightline {

LayoutWorker::LayoutWorker()
{
    connect(this, &LayoutWorker::queued, this, &LayoutWorker::run, Qt::QueuedConnection);
}

void LayoutWorker::run(const std::shared_ptr<LayoutJob>& job)
{
    if (job->superseded.load())
        return; // a newer request from the same requester is queued behind this one
    job->result = std::make_shared<const LayoutResult>(layout(job->request));
    Q_EMIT done(job);
}

} // namespace sightline
