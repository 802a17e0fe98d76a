#include "limits/ratelimiter.h"

namespace Confab::Server {

namespace {
// How often the buckets that filled up again are looked for.
constexpr qint64 kSweepIntervalMs = 10000;
} // namespace

RateLimiter::RateLimiter(int burst, double perSecond, Clock clock)
    : m_burst(burst)
    , m_perSecond(perSecond)
    , m_clock(std::move(clock))
    , m_lastSweepMs(m_clock())
{
}

qint64 RateLimiter::take(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    if (now - m_lastSweepMs >= kSweepIntervalMs)
        forgetFullBuckets(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, TokenBucket(m_burst, m_perSecond, now));
    return it->take(now);
}

qsizetype RateLimiter::trackedKeys() const
{
    QMutexLocker lock(&m_mutex);
    return m_buckets.size();
}

void RateLimiter::forgetFullBuckets(qint64 nowMs)
{
    m_buckets.removeIf([nowMs](const auto &entry) { return entry.value().isFull(nowMs); });
    m_lastSweepMs = nowMs;
}

} // namespace Confab::Server
