#pragma once

#include "bus/clusterlink.h"
#include "chat/sessionref.h"
#include "protocol/event.h"
#include "store/tokenrepository.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Confab::Server {

// Which sessions each signed-in user has, across all I/O threads, and delivery to them and,
// when the node has a cluster link, to the sessions on the other nodes. Safe to use from any
// thread.
class Hub {
public:
    // Makes every delivery reach the other nodes too: before the first session; null again at
    // shutdown. Not owned.
    void attach(ClusterLink *link) { m_link.store(link); }

    // True when this is the user's first session (the user just came online).
    bool addSession(const QString &userId, const SessionRef &session);
    // True when it was the user's last session (the user just went offline).
    bool removeSession(const QString &userId, quint64 sessionId);
    // On any node, with a cluster link.
    bool isOnline(const QString &userId) const;
    // With a cluster link, the link decides who came online or went offline (and says so).
    bool isClustered() const { return m_link.load() != nullptr; }
    int sessionCount() const;

    // Posts the same frame to every session of every listed user but one. The frame is
    // serialised once by the caller (UTF-8 JSON) and put in wire form once here; each session
    // writes the same bytes.
    void deliver(
        const QStringList &userIds, const QByteArray &json, quint64 exceptSessionId = 0) const;

    // Posts events of one room, in order, to every session of every listed user but one:
    // one post per thread for all of them, each event serialised there once.
    void deliverEvents(
        const QStringList &userIds, const QList<Event> &events, quint64 exceptSessionId = 0) const;
    // One event, then `then` (its sender's reply): with a cluster link both wait until the
    // room's earlier events from the other nodes are handed on.
    void deliverEvent(const QStringList &userIds, const Event &event, quint64 exceptSessionId,
        std::function<void()> then) const;

    // What the cluster link hands on: to this node's sessions only.
    void deliverHere(const QString &userId, const QByteArray &json) const;
    void deliverNewsHere(const QList<RoomNews> &news) const;

    // Posts to every session of every listed user but one a frame made for that user. The
    // frames are made on the sessions' threads, once per user and thread, so that a large
    // announcement costs the caller nothing per recipient. `frameFor` must be thread-safe.
    using FrameFor = std::function<QByteArray(const QString &userId)>;
    void deliverEach(
        const QStringList &userIds, FrameFor frameFor, quint64 exceptSessionId = 0) const;

    // Closes with 4403 every session that signed in with one of these tokens.
    void closeRevoked(const QList<RevokedToken> &tokens) const;

private:
    struct Recipient {
        QString userId;
        QPointer<Session> session;
    };
    void deliverLocal(
        const QStringList &userIds, const QByteArray &json, quint64 exceptSessionId) const;
    void deliverEachLocal(
        const QStringList &userIds, const FrameFor &frameFor, quint64 exceptSessionId) const;
    void deliverEventsLocal(
        const QStringList &userIds, const QList<Event> &events, quint64 exceptSessionId) const;
    // The sessions of `userIds` but one, grouped by the thread object they are reached through.
    QHash<PostQueue *, QList<Recipient>> recipientsByAnchor(
        const QStringList &userIds, quint64 exceptSessionId) const;

    std::atomic<ClusterLink *> m_link { nullptr };
    mutable QReadWriteLock m_lock;
    QHash<QString, QList<SessionRef>> m_sessionsByUser;
};

} // namespace Confab::Server
