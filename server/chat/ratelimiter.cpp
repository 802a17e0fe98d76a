#include "chat/ratelimiter.h"

#include <cmath>

namespace Confab::Server {

RateLimiter::RateLimiter(int burst, double perSecond)
    : m_burst(qMax(1, burst))
    , m_perSecond(qMax(0.001, perSecond))
{
    m_clock.start();
}

qint64 RateLimiter::take(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.elapsed();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket { m_burst, now });
    Bucket &bucket = *it;
    bucket.tokens = qMin(m_burst, bucket.tokens + (now - bucket.updatedMs) * m_perSecond / 1000.0);
    bucket.updatedMs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return 0;
    }
    return qMax<qint64>(1, qint64(std::ceil((1.0 - bucket.tokens) * 1000.0 / m_perSecond)));
}

} // namespace Confab::Server
