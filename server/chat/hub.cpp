#include "chat/hub.h"

#include "chat/session.h"

namespace Confab::Server {

bool Hub::addSession(const QString &userId, const SessionRef &session)
{
    QWriteLocker lock(&m_lock);
    QList<SessionRef> &sessions = m_sessionsByUser[userId];
    sessions.append(session);
    return sessions.size() == 1;
}

bool Hub::removeSession(const QString &userId, quint64 sessionId)
{
    QWriteLocker lock(&m_lock);
    auto it = m_sessionsByUser.find(userId);
    if (it == m_sessionsByUser.end())
        return false;
    it->removeIf([sessionId](const SessionRef &ref) { return ref.id == sessionId; });
    if (!it->isEmpty())
        return false;
    m_sessionsByUser.erase(it);
    return true;
}

bool Hub::isOnline(const QString &userId) const
{
    QReadLocker lock(&m_lock);
    return m_sessionsByUser.contains(userId);
}

int Hub::sessionCount() const
{
    QReadLocker lock(&m_lock);
    int count = 0;
    for (const QList<SessionRef> &sessions : m_sessionsByUser)
        count += int(sessions.size());
    return count;
}

void Hub::deliver(const QStringList &userIds, const QString &frame, quint64 exceptSessionId) const
{
    // Group by thread so one queued call carries the frame to all of a thread's sessions.
    QHash<QObject *, QList<QPointer<Session>>> byAnchor;
    {
        QReadLocker lock(&m_lock);
        for (const QString &userId : userIds) {
            const auto it = m_sessionsByUser.constFind(userId);
            if (it == m_sessionsByUser.constEnd())
                continue;
            for (const SessionRef &ref : *it) {
                if (ref.id != exceptSessionId)
                    byAnchor[ref.anchor].append(ref.session);
            }
        }
    }
    for (auto it = byAnchor.cbegin(); it != byAnchor.cend(); ++it) {
        QMetaObject::invokeMethod(
            it.key(),
            [sessions = it.value(), frame] {
                for (const QPointer<Session> &session : sessions) {
                    if (session)
                        session->sendFrame(frame);
                }
            },
            Qt::QueuedConnection);
    }
}

} // namespace Confab::Server
