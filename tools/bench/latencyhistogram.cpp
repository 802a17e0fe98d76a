#include "latencyhistogram.h"

#include <QJsonValue>

#include <algorithm>
#include <bit>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int SubBits = 6;
constexpr qint64 Sub = 1 << SubBits;

qsizetype bucketOf(qint64 us)
{
    const auto v = quint32(std::clamp<qint64>(us, 0, 0x7fffffff));
    if (v < Sub)
        return qsizetype(v);
    const int exp = 31 - std::countl_zero(v) - SubBits; // v >> exp is in [Sub, 2 * Sub)
    return qsizetype(exp * Sub + (v >> exp));
}

double valueOf(qsizetype bucket)
{
    if (bucket < 2 * Sub)
        return double(bucket); // exact below 128 us
    const qint64 exp = bucket / Sub - 1;
    const qint64 mantissa = bucket - exp * Sub;
    const double scale = std::ldexp(1.0, int(exp));
    return double(mantissa) * scale + scale / 2; // bucket midpoint
}

QJsonValue milliseconds(double us)
{
    return us < 0 ? QJsonValue() : QJsonValue(std::round(us / 10) / 100);
}

} // namespace

void LatencyHistogram::record(qint64 us)
{
    const qsizetype bucket = bucketOf(us);
    if (bucket >= m_counts.size())
        m_counts.resize(bucket + 1);
    ++m_counts[bucket];
    ++m_count;
    m_maxUs = qMax(m_maxUs, us);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_counts.size() > m_counts.size())
        m_counts.resize(other.m_counts.size());
    for (qsizetype b = 0; b < other.m_counts.size(); ++b)
        m_counts[b] += other.m_counts.at(b);
    m_count += other.m_count;
    m_maxUs = qMax(m_maxUs, other.m_maxUs);
}

double LatencyHistogram::percentileUs(double p) const
{
    if (m_count == 0)
        return -1;
    const auto rank = qint64(std::ceil(p / 100 * double(m_count)));
    qint64 seen = 0;
    for (qsizetype b = 0; b < m_counts.size(); ++b) {
        seen += m_counts.at(b);
        if (seen >= rank && m_counts.at(b) > 0)
            return qMin(valueOf(b), double(m_maxUs));
    }
    return double(m_maxUs);
}

QJsonObject LatencyHistogram::summaryMs(const QList<int> &percentiles) const
{
    QJsonObject out { { "n"_L1, m_count } };
    for (int p : percentiles)
        out.insert(u"p"_s + QString::number(p), milliseconds(percentileUs(p)));
    out.insert("max"_L1, milliseconds(m_count ? double(m_maxUs) : -1));
    return out;
}
