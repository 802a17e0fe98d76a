#include "limits/keyedcounter.h"

namespace Confab::Server {

bool KeyedCounter::tryAcquire(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_open.find(key);
    const int open = it == m_open.end() ? 0 : it.value();
    if (open >= m_max)
        return false;
    if (it == m_open.end())
        m_open.insert(key, 1);
    else
        ++it.value();
    return true;
}

void KeyedCounter::release(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_open.find(key);
    if (it == m_open.end())
        return;
    if (--it.value() <= 0)
        m_open.erase(it);
}

int KeyedCounter::heldBy(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_open.value(key);
}

qsizetype KeyedCounter::trackedKeys() const
{
    QMutexLocker lock(&m_mutex);
    return m_open.size();
}

} // namespace Confab::Server
