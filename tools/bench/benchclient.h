#pragma once

#include "websocketconnection.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

// One signed-in Confab session as the generator drives it. Requests of the setup phases
// (sign-in, createGroup, history, listRooms) are JSON with a reply callback; the hot path
// (`send`, its `sent`, `event` pushes, `markDelivered`) is written and read as bytes.
class BenchClient : public QObject {
    Q_OBJECT
public:
    enum class AuthMode { Register, Login, Auto }; // Auto: register, log in if the name is taken

    struct Delivery {
        QByteArrayView roomId;
        qint64 seq = -1;
        bool isMessage = false;
        QByteArrayView text; // raw JSON string contents, only for messages
    };
    using Done = std::function<void(const QString &errorCode)>; // empty: success
    using ReplyHandler = std::function<void(const QJsonObject &reply)>;
    using DeliveryHandler = std::function<void(const Delivery &delivery)>;
    // `errorCode` empty: acked as `seq`.
    using SendHandler = std::function<void(qint64 tag, QByteArrayView errorCode, qint64 seq)>;

    explicit BenchClient(QObject *parent = nullptr);
    ~BenchClient() override;

    void open(const QUrl &url, Done opened);
    void signIn(const QString &username, const QString &password, AuthMode mode, Done done);
    // Sends `frame` with a fresh request id; the reply (or `error`) goes to `handler`.
    void request(QJsonObject frame, ReplyHandler handler);
    // The same, with the reply unparsed: for timing requests whose replies are large.
    void requestRaw(QJsonObject frame, std::function<void(QByteArrayView reply)> handler);
    // A `send` with request id "s<tag>"; its outcome goes to the send handler.
    void sendMessage(
        QByteArrayView roomId, qint64 tag, QByteArrayView clientMsgId, QByteArrayView text);
    void markDelivered(QByteArrayView roomId, qint64 seq);
    void close();

    void setDeliveryHandler(DeliveryHandler handler) { m_onDelivery = std::move(handler); }
    void setSendHandler(SendHandler handler) { m_onSend = std::move(handler); }
    void setClosedHandler(std::function<void(int code)> handler)
    {
        m_onClosed = std::move(handler);
    }

    QString userId() const { return m_userId; }
    int closeCode() const { return m_closeCode; } // -1 while open
    qint64 receiptsSent() const { return m_receiptsSent; }
    qint64 receiptErrors() const { return m_receiptErrors; }

private:
    void handleFrame(QByteArrayView frame);
    void handleReply(QByteArrayView id, QByteArrayView frame);
    void handleClosed(int code);

    WebSocketConnection m_connection;
    QString m_userId;
    Done m_opened;
    QHash<QByteArray, ReplyHandler> m_pending;
    QHash<QByteArray, std::function<void(QByteArrayView)>> m_pendingRaw;
    qint64 m_nextRequest = 1;
    qint64 m_receiptsSent = 0;
    qint64 m_receiptErrors = 0;
    int m_closeCode = -1;
    QByteArray m_frame; // reused to build hot-path frames
    DeliveryHandler m_onDelivery;
    SendHandler m_onSend;
    std::function<void(int)> m_onClosed;
};
