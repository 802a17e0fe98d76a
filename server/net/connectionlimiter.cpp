#include "net/connectionlimiter.h"

namespace Confab::Server {

bool ConnectionLimiter::tryAcquire(const QString &address)
{
    QMutexLocker lock(&m_mutex);
    int &count = m_open[address];
    if (count >= m_max)
        return false;
    ++count;
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

} // namespace Confab::Server
