#include "limits/tokenbucket.h"

#include <cmath>

namespace Confab::Server {

TokenBucket::TokenBucket(double burst, double perSecond, qint64 nowMs)
    : m_burst(qMax(1.0, burst))
    , m_perSecond(qMax(0.001, perSecond))
    , m_tokens(m_burst)
    , m_updatedMs(nowMs)
{
}

double TokenBucket::tokensAt(qint64 nowMs) const
{
    return qMin(
        m_burst, m_tokens + double(qMax<qint64>(0, nowMs - m_updatedMs)) * m_perSecond / 1000.0);
}

qint64 TokenBucket::take(qint64 nowMs)
{
    m_tokens = tokensAt(nowMs);
    m_updatedMs = qMax(m_updatedMs, nowMs);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    return qMax<qint64>(1, qint64(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond)));
}

void TokenBucket::reset(double tokens, qint64 nowMs)
{
    m_tokens = qMin(m_burst, tokens);
    m_updatedMs = qMax(m_updatedMs, nowMs);
}

bool TokenBucket::isFull(qint64 nowMs) const
{
    return tokensAt(nowMs) >= m_burst;
}

} // namespace Confab::Server
