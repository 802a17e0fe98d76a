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
    // A window learnt from other nodes may end before those queued ahead of it are forgotten.
    if (it == m_failures.constEnd() || it->count < m_maxFailures || now - it->firstMs >= m_windowMs)
        return 0;
    return m_windowMs - (now - it->firstMs);
}

void LoginThrottle::recordFailure(const QString &username)
{
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
    if (m_report)
        m_report(username, true);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    {
        QMutexLocker lock(&m_mutex);
        m_failures.remove(username);
    }
    if (m_report)
        m_report(username, false);
}

void LoginThrottle::noteShared(const QString &username, int failures, qint64 windowLeftMs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    Failures &local = m_failures[username];
    if (failures <= local.count) {
        if (local.count == 0)
            m_failures.remove(username);
        return;
    }
    // The window the nodes share began when the first of them saw a failure.
    local = { failures, now - qBound<qint64>(0, m_windowMs - windowLeftMs, m_windowMs) };
    m_windows.emplace_back(username, local.firstMs);
    forgetOld(now);
}

qsizetype LoginThrottle::trackedAccounts() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures.size();
}

} // namespace Confab::Server
