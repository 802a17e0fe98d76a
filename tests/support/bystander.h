#pragma once

#include "protocolsteps.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QTimer>

// A user who chats through a storm of other traffic: sends to the peer every 210 ms (the default
// budget is 5 a second), sends again what is refused with rate_limited, and records the seq of each
// `sent` and `event` of the room in the order they arrive.
class Bystander {
public:
    Bystander(ProtocolSteps::ClientPtr client, const QString &name, const QString &roomId);
    TestClient &client() { return *m_client; }
    void start() { m_timer.start(210); }
    void stop() { m_timer.stop(); }

    QList<qint64> arrivals, ownSeqs, received;
    QSet<QString> pending; // clientMsgIds (also the texts) until their `sent`
    int refusals = 0, failures = 0;

private:
    void send(const QString &clientMsgId);
    void onText(const QString &text);

    ProtocolSteps::ClientPtr m_client;
    const QString m_name, m_roomId;
    QTimer m_timer;
    int m_count = 0;
};
