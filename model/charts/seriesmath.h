#pragma once

#include <QList>
#include <QPointF>

#include <utility>

namespace sightline {

// A shaded expected range at one x (ms since the epoch).
struct BandSample
{
    double x = 0;
    double low = 0;
    double high = 0;

    friend bool operator==(const BandSample&, const BandSample&) = default;
};

// The index range [first, last) of an x-sorted series to draw for the window [x0, x1]: the points
// inside plus one neighbour on each side, so the line enters and leaves the plot instead of
// starting at the first visible point.
std::pair<qsizetype, qsizetype> visibleRange(const QList<QPointF>& points, double x0, double x1);

// The index of the point nearest to x (ties: the earlier one); -1 when empty.
qsizetype nearestIndex(const QList<QPointF>& points, double x);

// The last band sample at or before x, or the first one after when x precedes them all; -1 when
// empty. A band holds from its sample until the next one.
qsizetype bandIndexAt(const QList<BandSample>& band, double x);

// At most `buckets` samples for [x0, x1]: per equal-width bucket, the lowest low and the highest
// high at the bucket's first sample x, so a narrow excursion of the band is never hidden. Samples
// bordering the window are kept as in visibleRange().
QList<BandSample> bandEnvelope(const QList<BandSample>& band, double x0, double x1, int buckets);

// A coarse level of detail for long series: per run of `bucket` points, its lowest and highest
// point (in x order; one point when they coincide). Every extreme survives, so downsampling the
// coarse level to a few thousand points looks like downsampling the raw series, at a fraction of
// the cost when a window shows millions of points.
QList<QPointF> minMaxDecimate(const QList<QPointF>& points, qsizetype bucket);

// Per-update change of a step series (row counts): one point at each x where the value differs
// from the previous point, valued at the difference. The first point has no change.
QList<QPointF> changes(const QList<QPointF>& points);

} // namespace sightline
