#include "limits/typingthrottle.h"

namespace Confab::Server {

TypingThrottle::TypingThrottle(qint64 intervalMs, Clock clock)
    : m_intervalMs(intervalMs)
    , m_clock(std::move(clock))
    , m_currentSinceMs(m_clock())
{
}

void TypingThrottle::rotate(qint64 nowMs)
{
    if (nowMs - m_currentSinceMs < m_intervalMs)
        return;
    if (nowMs - m_currentSinceMs >= 2 * m_intervalMs)
        m_current.clear(); // older than an interval as well
    m_previous = std::exchange(m_current, {});
    m_currentSinceMs = nowMs;
}

bool TypingThrottle::allow(const QString &userId, const QString &roomId)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    rotate(now);
    const QString key = userId + u'/' + roomId;
    for (const QHash<QString, qint64> *generation : { &m_current, &m_previous }) {
        const auto it = generation->constFind(key);
        if (it != generation->constEnd() && now - *it < m_intervalMs)
            return false;
    }
    m_current.insert(key, now);
    return true;
}

qsizetype TypingThrottle::trackedKeys() const
{
    QMutexLocker lock(&m_mutex);
    return m_current.size() + m_previous.size();
}

} // namespace Confab::Server
