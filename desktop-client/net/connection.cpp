#include "net/connection.h"

#include "net/clientlogging.h"
#include "net/replyerror.h"

#include <protocol/codec.h>

#include <QElapsedTimer>
#include <QJsonDocument>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kConnectTimeoutMs = 15000;
constexpr int kKeepAliveMs = 25000;
constexpr int kRequestTimeoutMs = 30000;

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.elapsed();
}

// What a request's callback receives when the connection is not there to answer it.
QJsonObject offlineError(const QString &id)
{
    return ReplyError::make(id, u"offline"_s, u"not connected"_s);
}
}

Connection::Connection(QObject *parent)
    : QObject(parent)
    , m_requestTimeoutMs(kRequestTimeoutMs)
{
    m_requestDeadlines.setInterval(250);
    connect(&m_requestDeadlines, &QTimer::timeout, this, &Connection::expireRequests);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::open);
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(kConnectTimeoutMs);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        qCInfo(lcClientNet) << "connecting timed out";
        abort();
    });
    m_keepAlive.setInterval(kKeepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &Connection::sendKeepAlive);
}

Connection::~Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Connection::open()
{
    m_reconnectTimer.stop();
    m_keepAlive.stop();
    m_requestDeadlines.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setState(State::Connecting);
    failPending(); // what the old socket had asked will not be answered
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_connectTimeout.stop();
        m_awaitingPong = false;
        m_keepAlive.start();
        qCInfo(lcClientNet) << "connected to" << m_url.toDisplayString();
        setState(State::Connected);
        Q_EMIT connected();
    });
    connect(m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Connection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        extendOpenRequests();
        Q_EMIT binaryReceived(frame);
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this](QAbstractSocket::SocketError) {
            qCInfo(lcClientNet) << "socket error" << m_socket->errorString();
        });
    m_connectTimeout.start();
    m_socket->open(m_url);
}

void Connection::close()
{
    m_autoReconnect = false;
    m_reconnectTimer.stop();
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->close();
    else
        onDisconnected();
}

void Connection::abort()
{
    if (m_socket)
        m_socket->abort();
}

void Connection::onDisconnected()
{
    m_connectTimeout.stop();
    m_keepAlive.stop();
    m_requestDeadlines.stop();
    const int code = m_socket ? int(m_socket->closeCode()) : 0;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    const bool wasOpen = m_state == State::Connected;
    // The state first: what the failed requests' callbacks do next must see it.
    if (m_autoReconnect) {
        m_lastDelayMs = m_backoff.nextDelayMs();
        qCInfo(lcClientNet) << "disconnected, code" << code << "- reconnecting in" << m_lastDelayMs
                            << "ms";
        setState(State::WaitingToReconnect);
        m_reconnectTimer.start(m_lastDelayMs);
    } else {
        setState(State::Disconnected);
    }
    failPending();
    if (m_autoReconnect)
        Q_EMIT reconnectScheduled(m_lastDelayMs);
    if (wasOpen || !m_autoReconnect)
        Q_EMIT disconnected(code);
}

void Connection::expireRequests()
{
    if (m_pending.isEmpty()) {
        m_requestDeadlines.stop();
        return;
    }
    const qint64 now = monotonicMs();
    QStringList expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadline <= now)
            expired.append(it.key());
    }
    if (expired.isEmpty())
        return;
    qCInfo(lcClientNet) << expired.size() << "request(s) unanswered; dropping the connection";
    for (const QString &id : std::as_const(expired)) {
        const Pending pending = m_pending.take(id);
        if (pending.context)
            pending.callback(ReplyError::make(id, u"timeout"_s, u"the server did not answer"_s));
    }
    abort(); // what else is pending fails as offline, and the connection is made again
}

void Connection::failPending()
{
    const QHash<QString, Pending> pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (it->context)
            it->callback(offlineError(it.key()));
    }
}

QString Connection::request(
    const QString &type, QJsonObject fields, QObject *context, Callback callback)
{
    return startRequest(type, std::move(fields), Pending { context, std::move(callback), false });
}

QString Connection::openRequest(
    const QString &type, QJsonObject fields, QObject *context, Callback callback)
{
    return startRequest(type, std::move(fields), Pending { context, std::move(callback), true });
}

QString Connection::startRequest(const QString &type, QJsonObject fields, Pending pending)
{
    const QString id = u"c"_s + QString::number(m_nextId++);
    if (!isConnected() || !m_socket) {
        // Answer asynchronously, as a real reply would be.
        QMetaObject::invokeMethod(
            this,
            [id, pending] {
                if (pending.context)
                    pending.callback(offlineError(id));
            },
            Qt::QueuedConnection);
        return id;
    }
    pending.deadline = monotonicMs() + m_requestTimeoutMs;
    m_pending.insert(id, pending);
    if (!m_requestDeadlines.isActive())
        m_requestDeadlines.start();
    m_socket->sendTextMessage(QString::fromUtf8(Codec::encode(Codec::reply(type, id, fields))));
    return id;
}

void Connection::send(const QString &type, QJsonObject fields)
{
    if (isConnected() && m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(Codec::encode(Codec::push(type, fields))));
}

void Connection::sendBinary(const QByteArray &frame)
{
    if (isConnected() && m_socket)
        m_socket->sendBinaryMessage(frame);
}

void Connection::extendOpenRequests()
{
    // Any frame shows the server is answering: an upload's progress pushes carry no id, and
    // a download's chunks are binary.
    const qint64 deadline = monotonicMs() + m_requestTimeoutMs;
    for (Pending &pending : m_pending) {
        if (pending.open)
            pending.deadline = deadline;
    }
}

void Connection::onTextMessage(const QString &text)
{
    extendOpenRequests();
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    if (frame.isEmpty()) {
        qCWarning(lcClientNet) << "ignoring a frame that is not a JSON object";
        return;
    }
    const QString type = frame.value("type"_L1).toString();
    if (type == "pong"_L1) {
        m_awaitingPong = false;
        return;
    }
    const QString id = frame.value("id"_L1).toString();
    if (!id.isEmpty()) {
        const auto it = m_pending.find(id);
        if (it != m_pending.end()) {
            const Pending pending = *it;
            if (!pending.open)
                m_pending.erase(it);
            else
                it->deadline = monotonicMs() + m_requestTimeoutMs;
            if (pending.context)
                pending.callback(frame);
            return;
        }
    }
    Q_EMIT pushReceived(frame);
}

void Connection::sendKeepAlive()
{
    if (m_awaitingPong) {
        qCInfo(lcClientNet) << "no pong from the server; dropping the connection";
        abort();
        return;
    }
    m_awaitingPong = true;
    send(u"ping"_s);
}

} // namespace Confab
