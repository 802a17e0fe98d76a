#include "chat/typingthrottle.h"

namespace Confab::Server {

TypingThrottle::TypingThrottle(qint64 intervalMs)
    : m_intervalMs(intervalMs)
{
    m_clock.start();
}

bool TypingThrottle::allow(const QString &userId, const QString &roomId)
{
    QMutexLocker lock(&m_mutex);
    const QString key = userId + u'/' + roomId;
    const qint64 now = m_clock.elapsed();
    auto it = m_lastRelay.find(key);
    if (it != m_lastRelay.end() && now - *it < m_intervalMs)
        return false;
    m_lastRelay.insert(key, now);
    return true;
}

} // namespace Confab::Server
