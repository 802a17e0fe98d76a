#include "chat/hub.h"

#include "chat/roomview.h"
#include "chat/session.h"
#include "net/wireframe.h"

#include <QPointer>

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

void Hub::deliverEach(const QStringList &userIds, FrameFor frameFor, quint64 exceptSessionId) const
{
    const auto byAnchor = recipientsByAnchor(userIds, exceptSessionId);
    for (auto it = byAnchor.cbegin(); it != byAnchor.cend(); ++it) {
        it.key()->post([recipients = it.value(), frameFor] {
            QHash<QString, QByteArray> made;
            for (const Recipient &recipient : recipients) {
                if (!recipient.session)
                    continue;
                auto frame = made.constFind(recipient.userId);
                if (frame == made.constEnd()) {
                    frame = made.insert(
                        recipient.userId, WireFrame::text(frameFor(recipient.userId)));
                }
                recipient.session->sendWire(*frame);
            }
        });
    }
}

void Hub::closeRevoked(const QList<RevokedToken> &tokens) const
{
    QList<SessionRef> revoked;
    {
        QReadLocker lock(&m_lock);
        for (const RevokedToken &token : tokens) {
            const auto it = m_sessionsByUser.constFind(token.userId);
            if (it == m_sessionsByUser.constEnd())
                continue;
            for (const SessionRef &ref : *it) {
                if (ref.tokenHash == token.hash)
                    revoked.append(ref);
            }
        }
    }
    for (const SessionRef &ref : std::as_const(revoked))
        ref.post([](Session &session) { session.closeRevoked(); });
}

QHash<PostQueue *, QList<Hub::Recipient>> Hub::recipientsByAnchor(
    const QStringList &userIds, quint64 exceptSessionId) const
{
    QHash<PostQueue *, QList<Recipient>> byAnchor;
    QReadLocker lock(&m_lock);
    for (const QString &userId : userIds) {
        const auto it = m_sessionsByUser.constFind(userId);
        if (it == m_sessionsByUser.constEnd())
            continue;
        for (const SessionRef &ref : *it) {
            if (ref.id != exceptSessionId)
                byAnchor[ref.anchor].append({ userId, ref.session });
        }
    }
    return byAnchor;
}

void Hub::deliver(const QStringList &userIds, const QByteArray &json, quint64 exceptSessionId) const
{
    // Grouped by thread so one queued call carries the frame to all of a thread's sessions.
    const auto byAnchor = recipientsByAnchor(userIds, exceptSessionId);
    if (byAnchor.isEmpty())
        return;
    const QByteArray wire = WireFrame::text(json);
    for (auto it = byAnchor.cbegin(); it != byAnchor.cend(); ++it) {
        it.key()->post([recipients = it.value(), wire] {
            for (const Recipient &recipient : recipients) {
                if (recipient.session)
                    recipient.session->sendWire(wire);
            }
        });
    }
}

void Hub::deliverEvents(
    const QStringList &userIds, const QList<Event> &events, quint64 exceptSessionId) const
{
    const auto byAnchor = recipientsByAnchor(userIds, exceptSessionId);
    for (auto it = byAnchor.cbegin(); it != byAnchor.cend(); ++it) {
        it.key()->post([recipients = it.value(), events] {
            for (const Event &event : events) {
                const QByteArray wire = WireFrame::text(eventFrame(event));
                for (const Recipient &recipient : recipients) {
                    if (recipient.session)
                        recipient.session->sendWire(wire);
                }
            }
        });
    }
}

} // namespace Confab::Server
