#include "bystander.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using ProtocolSteps::outcome;

Bystander::Bystander(ProtocolSteps::ClientPtr client, const QString &name, const QString &roomId)
    : m_client(std::move(client))
    , m_name(name)
    , m_roomId(roomId)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer,
        [this] { send(u"%1-%2"_s.arg(m_name).arg(++m_count)); });
    QObject::connect(&m_client->socket(), &QWebSocket::textMessageReceived, &m_timer,
        [this](const QString &text) { onText(text); });
}

void Bystander::send(const QString &clientMsgId)
{
    pending.insert(clientMsgId);
    m_client->sendJson({ { "type"_L1, "send"_L1 }, { "id"_L1, clientMsgId },
        { "roomId"_L1, m_roomId }, { "clientMsgId"_L1, clientMsgId }, { "text"_L1, clientMsgId } });
}

void Bystander::onText(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value("type"_L1).toString();
    const QString clientMsgId = frame.value("clientMsgId"_L1).toString();
    const QJsonObject event = frame.value("event"_L1).toObject();
    if (type == "sent"_L1 && pending.remove(clientMsgId)) {
        ownSeqs.append(frame.value("seq"_L1).toInteger());
        arrivals.append(ownSeqs.last());
    } else if (type == "event"_L1 && event.value("roomId"_L1).toString() == m_roomId) {
        received.append(event.value("seq"_L1).toInteger());
        arrivals.append(received.last());
    } else if (type == "error"_L1 && pending.contains(clientMsgId)) {
        if (outcome(frame) != "error:rate_limited"_L1) {
            qWarning() << m_name << "could not send:" << frame;
            pending.remove(clientMsgId);
            ++failures;
            return;
        }
        ++refusals;
        QTimer::singleShot(int(frame.value("retryAfterMs"_L1).toInteger()), &m_timer,
            [this, clientMsgId] { send(clientMsgId); });
    }
}
