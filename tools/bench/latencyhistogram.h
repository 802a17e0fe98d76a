#pragma once

#include <QJsonObject>
#include <QList>
#include <QtGlobal>

// Log-linear latency histogram in microseconds with 64 sub-buckets per power of two (every
// value within ~1.6 %), bucket for bucket the one of the shared generator (histogram.js),
// so that both report the same percentiles from the same samples. Mergeable across threads.
class LatencyHistogram {
public:
    void record(qint64 us);
    void merge(const LatencyHistogram &other);

    qint64 count() const { return m_count; }
    // Microseconds; -1 when empty.
    double percentileUs(double p) const;
    // {"n", "p50", ..., "max"} in milliseconds rounded to 0.01 ms, null when empty.
    QJsonObject summaryMs(const QList<int> &percentiles) const;

private:
    QList<qint64> m_counts; // index: bucket
    qint64 m_count = 0;
    qint64 m_maxUs = 0;
};
