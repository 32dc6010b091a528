#include "seriesmath.h"

#include <algorithm>
#include <cmath>

namespace sightline {

namespace {

qsizetype lowerBound(const QList<QPointF>& points, double x)
{
    return std::lower_bound(points.begin(), points.end(), x, [](const QPointF& p, double v) { return p.x() < v; })
        - points.begin();
}

qsizetype upperBound(const QList<QPointF>& points, double x)
{
    return std::upper_bound(points.begin(), points.end(), x, [](double v, const QPointF& p) { return v < p.x(); })
        - points.begin();
}

} // namespace

std::pair<qsizetype, qsizetype> visibleRange(const QList<QPointF>& points, double x0, double x1)
{
    if (points.isEmpty() || x1 < x0)
        return {0, 0};
    const qsizetype first = std::max<qsizetype>(0, lowerBound(points, x0) - 1);
    const qsizetype last = std::min(points.size(), upperBound(points, x1) + 1);
    return {first, std::max(first, last)};
}

qsizetype nearestIndex(const QList<QPointF>& points, double x)
{
    if (points.isEmpty())
        return -1;
    const qsizetype i = lowerBound(points, x);
    if (i == 0)
        return 0;
    if (i == points.size())
        return i - 1;
    return (x - points[i - 1].x() <= points[i].x() - x) ? i - 1 : i;
}

qsizetype bandIndexAt(const QList<BandSample>& band, double x)
{
    if (band.isEmpty())
        return -1;
    const auto it =
        std::upper_bound(band.begin(), band.end(), x, [](double v, const BandSample& s) { return v < s.x; });
    return it == band.begin() ? 0 : (it - band.begin()) - 1;
}

QList<BandSample> bandEnvelope(const QList<BandSample>& band, double x0, double x1, int buckets)
{
    QList<BandSample> out;
    if (band.isEmpty() || buckets < 1 || x1 < x0)
        return out;
    auto lower = std::lower_bound(band.begin(), band.end(), x0, [](const BandSample& s, double v) { return s.x < v; });
    auto upper = std::upper_bound(band.begin(), band.end(), x1, [](double v, const BandSample& s) { return v < s.x; });
    const qsizetype first = std::max<qsizetype>(0, (lower - band.begin()) - 1);
    const qsizetype last = std::min(band.size(), (upper - band.begin()) + 1);
    if (last - first <= buckets) {
        out = band.mid(first, last - first);
        return out;
    }
    out.reserve(buckets + 2);
    const double width = (x1 - x0) / buckets;
    qsizetype i = first;
    // The neighbours outside the window stay as they are.
    if (band[i].x < x0)
        out.append(band[i++]);
    while (i < last && band[i].x <= x1) {
        const auto bucket = std::min<qsizetype>(buckets - 1, qsizetype(std::floor((band[i].x - x0) / width)));
        BandSample merged = band[i++];
        while (i < last && band[i].x <= x1
               && std::min<qsizetype>(buckets - 1, qsizetype(std::floor((band[i].x - x0) / width))) == bucket) {
            merged.low = std::min(merged.low, band[i].low);
            merged.high = std::max(merged.high, band[i].high);
            ++i;
        }
        out.append(merged);
    }
    if (i < last)
        out.append(band[i]);
    return out;
}

QList<QPointF> minMaxDecimate(const QList<QPointF>& points, qsizetype bucket)
{
    if (bucket < 2)
        return points;
    QList<QPointF> out;
    out.reserve(2 * (points.size() / bucket + 1));
    for (qsizetype start = 0; start < points.size(); start += bucket) {
        const qsizetype end = std::min(points.size(), start + bucket);
        qsizetype low = start;
        qsizetype high = start;
        for (qsizetype i = start + 1; i < end; ++i) {
            if (points[i].y() < points[low].y())
                low = i;
            if (points[i].y() > points[high].y())
                high = i;
        }
        out.append(points[std::min(low, high)]);
        if (low != high)
            out.append(points[std::max(low, high)]);
    }
    return out;
}

QList<QPointF> changes(const QList<QPointF>& points)
{
    QList<QPointF> out;
    for (qsizetype i = 1; i < points.size(); ++i) {
        const double delta = points[i].y() - points[i - 1].y();
        if (delta != 0)
            out.append(QPointF(points[i].x(), delta));
    }
    return out;
}

} // namespace sightline
