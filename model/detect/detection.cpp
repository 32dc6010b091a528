#include "detection.h"

#include "store/workspace.h"

namespace sightline {

DetectionReport runDetection(Workspace& workspace, const DetectionOptions& options)
{
    // Placeholder until the detectors land: checks nothing, stores nothing.
    Q_UNUSED(workspace);
    Q_UNUSED(options);
    return {};
}

} // namespace sightline
