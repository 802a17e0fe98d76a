#pragma once

#include "chat/sessionref.h"

#include <QHash>
#include <QList>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

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
    // serialised once by the caller; each session gets a shared copy.
    void deliver(const QStringList &userIds, const QString &frame, quint64 exceptSessionId = 0) const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, QList<SessionRef>> m_sessionsByUser;
};

} // namespace Confab::Server
