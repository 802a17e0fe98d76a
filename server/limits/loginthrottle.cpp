#include "limits/loginthrottle.h"

namespace Confab::Server {

LoginThrottle::LoginThrottle(int maxFailures, qint64 windowMs, qsizetype maxAccounts, Clock clock)
    : m_maxFailures(maxFailures)
    , m_windowMs(windowMs)
    , m_maxAccounts(qMax<qsizetype>(1, maxAccounts))
    , m_clock(std::move(clock))
{
}

void LoginThrottle::forgetOld(qint64 nowMs)
{
    while (!m_windows.empty()) {
        const auto &[username, firstMs] = m_windows.front();
        const auto it = m_failures.constFind(username);
        const bool current = it != m_failures.constEnd() && it->firstMs == firstMs;
        if (current && nowMs - firstMs < m_windowMs && m_failures.size() <= m_maxAccounts)
            break;
        if (current)
            m_failures.erase(it);
        m_windows.pop_front();
    }
}

qint64 LoginThrottle::retryAfter(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    forgetOld(now);
    const auto it = m_failures.constFind(username);
    if (it == m_failures.constEnd() || it->count < m_maxFailures)
        return 0;
    return qMax<qint64>(1, m_windowMs - (now - it->firstMs));
}

void LoginThrottle::recordFailure(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    Failures &failures = m_failures[username];
    if (failures.count == 0 || now - failures.firstMs >= m_windowMs) {
        failures = { 0, now };
        m_windows.emplace_back(username, now);
    }
    ++failures.count;
    forgetOld(now);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    m_failures.remove(username);
}

qsizetype LoginThrottle::trackedAccounts() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures.size();
}

} // namespace Confab::Server
