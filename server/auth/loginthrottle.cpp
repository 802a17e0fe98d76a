#include "auth/loginthrottle.h"

namespace Confab::Server {

LoginThrottle::LoginThrottle(int maxFailures, qint64 windowMs)
    : m_maxFailures(maxFailures)
    , m_windowMs(windowMs)
{
    m_clock.start();
}

qint64 LoginThrottle::retryAfter(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_failures.find(username);
    if (it == m_failures.end())
        return 0;
    const qint64 age = m_clock.elapsed() - it->firstMs;
    if (age >= m_windowMs) {
        m_failures.erase(it);
        return 0;
    }
    return it->count >= m_maxFailures ? m_windowMs - age : 0;
}

void LoginThrottle::recordFailure(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    Failures &failures = m_failures[username];
    if (failures.count == 0 || m_clock.elapsed() - failures.firstMs >= m_windowMs)
        failures = { 0, m_clock.elapsed() };
    ++failures.count;
}

void LoginThrottle::recordSuccess(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    m_failures.remove(username);
}

} // namespace Confab::Server
