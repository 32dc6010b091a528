#include "lttb.h"

#include <cmath>

namespace sightline {

QList<QPointF> lttb(const QPointF* points, qsizetype count, qsizetype threshold)
{
    if (threshold < 3 || threshold >= count)
        return QList<QPointF>(points, points + count);

    QList<QPointF> out;
    out.reserve(threshold);
    out.append(points[0]);
    // Buckets over the points between the fixed first and last ones.
    const double every = double(count - 2) / double(threshold - 2);
    qsizetype a = 0;
    for (qsizetype i = 0; i < threshold - 2; ++i) {
        qsizetype avgStart = qsizetype(std::floor(double(i + 1) * every)) + 1;
        qsizetype avgEnd = qsizetype(std::floor(double(i + 2) * every)) + 1;
        avgEnd = std::min(avgEnd, count);
        avgStart = std::min(avgStart, avgEnd - 1);
        double avgX = 0;
        double avgY = 0;
        for (qsizetype j = avgStart; j < avgEnd; ++j) {
            avgX += points[j].x();
            avgY += points[j].y();
        }
        const double avgCount = double(avgEnd - avgStart);
        avgX /= avgCount;
        avgY /= avgCount;

        const qsizetype from = qsizetype(std::floor(double(i) * every)) + 1;
        const qsizetype to = std::min(qsizetype(std::floor(double(i + 1) * every)) + 1, count - 1);
        const double ax = points[a].x();
        const double ay = points[a].y();
        double maxArea = -1;
        qsizetype chosen = from;
        for (qsizetype j = from; j < to; ++j) {
            // Twice the triangle's area; only the comparison matters.
            const double area = std::abs((ax - avgX) * (points[j].y() - ay) - (ax - points[j].x()) * (avgY - ay));
            if (area > maxArea) {
                maxArea = area;
                chosen = j;
            }
        }
        out.append(points[chosen]);
        a = chosen;
    }
    out.append(points[count - 1]);
    return out;
}

} // namespace sightline
