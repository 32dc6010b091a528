#pragma once

#include <QList>
#include <QPointF>

namespace sightline {

// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and last point
// and, per bucket, the point spanning the largest triangle with the previously kept point and the
// mean of the next bucket. Keeps peaks and dips that a stride or a mean would lose, which is what
// an anomaly on a chart is. Points must be sorted by x. With threshold < 3 or threshold >= count
// the input comes back unchanged. Pure; safe on any thread.
QList<QPointF> lttb(const QPointF* points, qsizetype count, qsizetype threshold);
inline QList<QPointF> lttb(const QList<QPointF>& points, qsizetype threshold)
{
    return lttb(points.constData(), points.size(), threshold);
}

} // namespace sightline
