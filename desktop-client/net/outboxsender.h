#pragma once

#include "net/outbox.h"

#include <protocol/event.h>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Confab {

class Connection;

// Sends what the outbox holds whenever the session is usable: the messages of one room one at
// a time in the order they were written (so the room's log has them in that order, across
// reconnects and rate limits alike), rooms side by side. An entry leaves the outbox only on
// the server's `sent`. `rate_limited` pauses all sending until its `retryAfterMs`, then the
// same message goes first; a refusal for good marks the entry failed, and it waits for
// retry() or discard() while the room's later messages go on. After a dropped connection the
// same entries go out again with the same clientMsgId; the server's double-send prevention
// turns a repeat into the original `sent`. After a `rate_limited`, messages go one at a time,
// spaced by the wait the server named, until the server has taken them for a while without
// refusing: the client finds the budget instead of hitting it once per message.
class OutboxSender : public QObject {
    Q_OBJECT
public:
    OutboxSender(Connection *connection, Outbox *outbox, QObject *parent = nullptr);

    void setUserId(const QString &userId) { m_userId = userId; }
    void setReady(bool ready);
    bool isReady() const { return m_ready; }
    void flush();
    void retry(const QString &clientMsgId); // a failed message: send it again
    void discard(const QString &clientMsgId); // a failed or waiting message: never send it

Q_SIGNALS:
    void messageSent(const Confab::Event &event);
    void messageFailed(const QString &clientMsgId, const QString &roomId, const QString &code,
        const QString &message);
    void messageRetrying(const QString &clientMsgId, const QString &roomId);
    void paused(int waitMs); // the server asked to wait

private:
    void sendEntry(const OutboxEntry &entry);
    void onReply(const OutboxEntry &entry, const QJsonObject &reply);
    bool isCareful() const;

    Connection *m_connection;
    Outbox *m_outbox;
    QString m_userId;
    bool m_ready = false;
    QHash<QString, QString> m_inFlight; // roomId -> the clientMsgId being sent
    QTimer m_pause; // running while nothing may be sent
    int m_spacingMs = 0; // between two sends while careful
    qint64 m_lastRefusal = 0; // msecs since the epoch
};

} // namespace Confab
