#include "chat/hub.h"

#include "chat/roomview.h"
#include "chat/session.h"
#include "net/wireframe.h"

#include <QPointer>

namespace Confab::Server {

bool Hub::addSession(const QString &userId, const SessionRef &session)
{
    // The link is told under the lock, so that it hears of a user's comings and goings in
    // the order they happened.
    QWriteLocker lock(&m_lock);
    QList<SessionRef> &sessions = m_sessionsByUser[userId];
    sessions.append(session);
    const bool first = sessions.size() == 1;
    if (ClusterLink *link = m_link.load(); first && link)
        link->userArrived(userId);
    return first;
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
    if (ClusterLink *link = m_link.load())
        link->userLeft(userId);
    return true;
}

bool Hub::isOnline(const QString &userId) const
{
    {
        QReadLocker lock(&m_lock);
        if (m_sessionsByUser.contains(userId))
            return true;
    }
    const ClusterLink *link = m_link.load();
    return link && link->isOnline(userId);
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
    deliverEachLocal(userIds, frameFor, exceptSessionId);
    if (ClusterLink *link = m_link.load())
        link->publishEach(userIds, std::move(frameFor));
}

void Hub::deliverEachLocal(
    const QStringList &userIds, const FrameFor &frameFor, quint64 exceptSessionId) const
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
    deliverLocal(userIds, json, exceptSessionId);
    if (ClusterLink *link = m_link.load())
        link->publishToUsers(userIds, json);
}

void Hub::deliverHere(const QString &userId, const QByteArray &json) const
{
    deliverLocal({ userId }, json, 0);
}

void Hub::deliverLocal(
    const QStringList &userIds, const QByteArray &json, quint64 exceptSessionId) const
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
    ClusterLink *link = m_link.load();
    if (!link) {
        deliverEventsLocal(userIds, events, exceptSessionId);
        return;
    }
    for (const Event &event : events)
        link->publish(RoomNews(event, userIds, exceptSessionId));
}

void Hub::deliverEvent(const QStringList &userIds, const Event &event, quint64 exceptSessionId,
    std::function<void()> then) const
{
    if (ClusterLink *link = m_link.load()) {
        link->publish(RoomNews(event, userIds, exceptSessionId, std::move(then)));
        return;
    }
    if (!userIds.isEmpty())
        deliverLocal(userIds, eventFrame(event), exceptSessionId);
    if (then)
        then();
}

void Hub::deliverNewsHere(const QList<RoomNews> &news) const
{
    for (const RoomNews &one : news) {
        if (!one.recipients.isEmpty())
            deliverLocal(one.recipients, eventFrame(one.event), one.exceptSessionId);
        if (one.then)
            one.then();
    }
}

void Hub::deliverEventsLocal(
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
