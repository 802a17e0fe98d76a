#pragma once

#include "net/outbox.h"

#include <protocol/event.h>

#include <QObject>
#include <QSet>
#include <QTimer>

namespace Confab {

class Connection;

// Sends what the outbox holds, in order, whenever the session is usable, and removes an
// entry only when the server answered `sent` (or refused it for good). After a dropped
// connection the same entries go out again with the same clientMsgId; the server's
// double-send prevention turns the repeat into the original `sent`.
class OutboxSender : public QObject {
    Q_OBJECT
public:
    OutboxSender(Connection *connection, Outbox *outbox, QObject *parent = nullptr);

    void setUserId(const QString &userId) { m_userId = userId; }
    void setReady(bool ready);
    bool isReady() const { return m_ready; }
    void flush();

Q_SIGNALS:
    void messageSent(const Confab::Event &event);
    void messageFailed(const QString &clientMsgId, const QString &roomId, const QString &code,
        const QString &message);

private:
    void sendEntry(const OutboxEntry &entry);
    void onReply(const OutboxEntry &entry, const QJsonObject &reply);

    Connection *m_connection;
    Outbox *m_outbox;
    QString m_userId;
    bool m_ready = false;
    QSet<QString> m_inFlight;
    QTimer m_retryTimer;
};

} // namespace Confab
