#pragma once

#include "chat/sessionref.h"
#include "protocol/event.h"
#include "store/tokenrepository.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

#include <functional>

namespace Confab::Server {

// Which sessions each signed-in user has, across all I/O threads, and delivery to them.
// Safe to use from any thread.
class Hub {
public:
    // True when this is the user's first session (the user just came online).
    bool addSession(const QString &userId, const SessionRef &session);
    // True when it was the user's last session (the user just went offline).
    bool removeSession(const QString &userId, quint64 sessionId);
    bool isOnline(const QString &userId) const;
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
    // The sessions of `userIds` but one, grouped by the thread object they are reached through.
    QHash<PostQueue *, QList<Recipient>> recipientsByAnchor(
        const QStringList &userIds, quint64 exceptSessionId) const;

    mutable QReadWriteLock m_lock;
    QHash<QString, QList<SessionRef>> m_sessionsByUser;
};

} // namespace Confab::Server
