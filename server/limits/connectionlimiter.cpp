#include "limits/connectionlimiter.h"

namespace Confab::Server {

bool ConnectionLimiter::tryAcquire(const QString &address)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_open.find(address);
    const int open = it == m_open.end() ? 0 : it.value();
    if (open >= m_max)
        return false;
    if (it == m_open.end())
        m_open.insert(address, 1);
    else
        ++it.value();
    return true;
}

void ConnectionLimiter::release(const QString &address)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_open.find(address);
    if (it == m_open.end())
        return;
    if (--it.value() <= 0)
        m_open.erase(it);
}

int ConnectionLimiter::openFrom(const QString &address) const
{
    QMutexLocker lock(&m_mutex);
    return m_open.value(address);
}

qsizetype ConnectionLimiter::trackedAddresses() const
{
    QMutexLocker lock(&m_mutex);
    return m_open.size();
}

} // namespace Confab::Server
