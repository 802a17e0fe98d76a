#include "limits/ratelimiter.h"

#include <utility>

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
    if (it == m_buckets.end()) {
        it = m_buckets.insert(key, TokenBucket(m_burst, m_perSecond, now));
        if (m_shared)
            it->reset(qMax(1.0, m_burst * m_newBucketShare), now);
    }
    const qint64 wait = it->take(now);
    if (wait == 0 && m_shared)
        ++m_unreported[key];
    return wait;
}

void RateLimiter::shareWith(int liveNodes)
{
    QMutexLocker lock(&m_mutex);
    m_shared = true;
    m_newBucketShare = 1.0 / qMax(1, liveNodes);
}

QHash<QString, int> RateLimiter::takeUnreported()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_unreported, {});
}

void RateLimiter::settle(const QString &key, double balance, int activeNodes)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        return;
    // What was taken here since the report is not in the balance yet.
    it->reset(balance / qMax(1, activeNodes) - m_unreported.value(key), m_clock());
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
