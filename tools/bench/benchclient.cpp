#include "benchclient.h"

#include "framescanner.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

BenchClient::BenchClient(QObject *parent)
    : QObject(parent)
{
    m_connection.setFrameHandler([this](QByteArrayView frame) { handleFrame(frame); });
    connect(&m_connection, &WebSocketConnection::opened, this, [this] {
        if (m_opened)
            std::exchange(m_opened, {})(QString());
    });
    connect(&m_connection, &WebSocketConnection::closed, this,
        [this](int code) { handleClosed(code); });
}

BenchClient::~BenchClient()
{
    // Handlers belong to the owner, which may be going away too: no callbacks from here on.
    disconnect(&m_connection, nullptr, this, nullptr);
    m_connection.setFrameHandler({});
}

void BenchClient::open(const QUrl &url, Done opened)
{
    m_opened = std::move(opened);
    m_connection.open(url);
}

void BenchClient::signIn(const QString &username, const QString &password, AuthMode mode, Done done)
{
    const bool registering = mode != AuthMode::Login;
    QJsonObject frame { { "type"_L1, registering ? "register"_L1 : "login"_L1 },
        { "username"_L1, username }, { "password"_L1, password },
        { "device"_L1, "confab-bench"_L1 } };
    request(frame, [this, username, password, mode, done](const QJsonObject &reply) {
        const QString code = reply.value("code"_L1).toString();
        if (mode == AuthMode::Auto && code == "username_taken"_L1)
            return signIn(username, password, AuthMode::Login, done);
        if (reply.value("type"_L1).toString() != "auth"_L1)
            return done(code.isEmpty() ? reply.value("type"_L1).toString() : code);
        m_userId = reply.value("userId"_L1).toString();
        done(QString());
    });
}

void BenchClient::request(QJsonObject frame, ReplyHandler handler)
{
    const QByteArray id = 'r' + QByteArray::number(m_nextRequest++);
    frame.insert("id"_L1, QString::fromLatin1(id));
    if (m_closeCode >= 0)
        return handler({ { "type"_L1, "error"_L1 }, { "code"_L1, "closed"_L1 } });
    m_pending.insert(id, std::move(handler));
    m_connection.sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void BenchClient::requestRaw(QJsonObject frame, std::function<void(QByteArrayView reply)> handler)
{
    const QByteArray id = 'r' + QByteArray::number(m_nextRequest++);
    frame.insert("id"_L1, QString::fromLatin1(id));
    if (m_closeCode >= 0)
        return handler(R"({"type":"error","code":"closed"})");
    m_pendingRaw.insert(id, std::move(handler));
    m_connection.sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void BenchClient::sendMessage(
    QByteArrayView roomId, qint64 tag, QByteArrayView clientMsgId, QByteArrayView text)
{
    if (m_closeCode >= 0) {
        if (m_onSend)
            m_onSend(tag, "closed", -1);
        return;
    }
    m_frame.resize(0);
    m_frame.append(R"({"type":"send","id":"s)").append(QByteArray::number(tag));
    m_frame.append(R"(","roomId":")")
        .append(roomId)
        .append(R"(","clientMsgId":")")
        .append(clientMsgId);
    m_frame.append(R"(","text":")").append(text).append(R"("})");
    m_connection.sendText(m_frame);
}

void BenchClient::markDelivered(QByteArrayView roomId, qint64 seq)
{
    if (m_closeCode >= 0)
        return;
    ++m_receiptsSent;
    m_frame.resize(0);
    m_frame.append(R"({"type":"markDelivered","id":"d)").append(QByteArray::number(m_receiptsSent));
    m_frame.append(R"(","roomId":")")
        .append(roomId)
        .append(R"(","seq":)")
        .append(QByteArray::number(seq));
    m_frame.append('}');
    m_connection.sendText(m_frame);
}

void BenchClient::close()
{
    m_connection.close(1000);
}

void BenchClient::handleFrame(QByteArrayView frame)
{
    const FrameScanner scanner(frame);
    const QByteArrayView type = scanner.string("\"type\"");
    if (type == "event") {
        if (!m_onDelivery)
            return;
        Delivery delivery;
        delivery.roomId = scanner.string("\"roomId\"");
        delivery.seq = scanner.integer("\"seq\"");
        delivery.isMessage = scanner.string("\"kind\"") == "message";
        if (delivery.isMessage)
            delivery.text = scanner.string("\"text\"");
        m_onDelivery(delivery);
        return;
    }
    const QByteArrayView id = scanner.string("\"id\"");
    if (!id.isEmpty())
        handleReply(
            id, frame); // pushes without an id (roomAdded, receipt, presence) are not measured
}

void BenchClient::handleReply(QByteArrayView id, QByteArrayView frame)
{
    const FrameScanner scanner(frame);
    const bool isError = scanner.string("\"type\"") == "error";
    if (id[0] == 's') {
        if (m_onSend)
            m_onSend(id.sliced(1).toLongLong(),
                isError ? scanner.string("\"code\"") : QByteArrayView(),
                scanner.integer("\"seq\""));
    } else if (id[0] == 'd') {
        m_receiptErrors += isError ? 1 : 0;
    } else if (auto raw = m_pendingRaw.take(id.toByteArray())) {
        raw(frame);
    } else if (auto handler = m_pending.take(id.toByteArray())) {
        handler(QJsonDocument::fromJson(frame.toByteArray()).object());
    }
}

void BenchClient::handleClosed(int code)
{
    m_closeCode = code;
    if (m_opened)
        std::exchange(m_opened, {})(u"connect_failed"_s);
    const auto pending = std::exchange(m_pending, {});
    for (const ReplyHandler &handler : pending)
        handler({ { "type"_L1, "error"_L1 }, { "code"_L1, "closed"_L1 } });
    const auto pendingRaw = std::exchange(m_pendingRaw, {});
    for (const auto &handler : pendingRaw)
        handler(R"({"type":"error","code":"closed"})");
    if (m_onClosed)
        m_onClosed(code);
}
