#include "benchclient.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

BenchClient::BenchClient(const QElapsedTimer &clock, const QString &username, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_username(username)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &BenchClient::handleFrame);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        sendJson({ { "type"_L1, "register"_L1 }, { "id"_L1, "reg"_L1 }, { "username"_L1, m_username },
            { "password"_L1, "benchmark password"_L1 } });
    });
}

void BenchClient::open(const QUrl &url) { m_socket.open(url); }

void BenchClient::sendJson(const QJsonObject &frame)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void BenchClient::createGroup(const QStringList &memberIds)
{
    sendJson({ { "type"_L1, "createGroup"_L1 }, { "id"_L1, "grp"_L1 }, { "name"_L1, "bench"_L1 },
        { "members"_L1, QJsonArray::fromStringList(memberIds) } });
}

void BenchClient::startSending(const QString &roomId, int messages, int window)
{
    m_roomId = roomId;
    m_toSend = messages;
    m_window = window;
    for (int i = 0; i < window && m_sent < m_toSend; ++i)
        sendNext();
    if (m_toSend == 0)
        emit finishedSending();
}

void BenchClient::sendNext()
{
    const QString clientMsgId = m_userId.left(8) + u'-' + QString::number(m_sent++);
    const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
    m_sentAtUs.insert(clientMsgId, nowUs);
    // The send time travels in the text, so a receiver can measure delivery.
    sendJson({ { "type"_L1, "send"_L1 }, { "roomId"_L1, m_roomId }, { "clientMsgId"_L1, clientMsgId },
        { "text"_L1, QString::number(nowUs) } });
}

void BenchClient::handleFrame(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value("type"_L1).toString();
    const qint64 nowUs = m_clock.nsecsElapsed() / 1000;
    if (type == "auth"_L1) {
        m_userId = frame.value("userId"_L1).toString();
        emit registered();
    } else if (type == "room"_L1 || type == "roomAdded"_L1) {
        emit roomReady(frame.value("room"_L1).toObject().value("roomId"_L1).toString());
    } else if (type == "sent"_L1) {
        m_ackUs.append(nowUs - m_sentAtUs.take(frame.value("clientMsgId"_L1).toString()));
        ++m_acked;
        if (m_sent < m_toSend)
            sendNext();
        else if (m_acked == m_toSend)
            emit finishedSending();
    } else if (type == "event"_L1) {
        const QJsonObject event = frame.value("event"_L1).toObject();
        if (event.value("kind"_L1).toString() == "message"_L1)
            m_deliveryUs.append(nowUs - event.value("text"_L1).toString().toLongLong());
    } else if (type == "error"_L1) {
        ++m_errors;
        qWarning("error from server: %s", qPrintable(text));
        if (frame.value("clientMsgId"_L1).isString() && m_sent < m_toSend)
            sendNext();
    }
}
