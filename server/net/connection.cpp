#include "net/connection.h"

#include "config/serverconfig.h"
#include "logging.h"
#include "protocol/errorcode.h"

#include <QWebSocket>

namespace Confab::Server {

using namespace Qt::StringLiterals;

Connection::Connection(QWebSocket *socket, const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_config(config)
{
    // Qt's defaults allow frames of about 2 GiB; a text frame here is small.
    m_socket->setMaxAllowedIncomingFrameSize(quint64(config.maxTextFrameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(config.maxTextFrameBytes));

    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &Connection::textReceived);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this] {
        close(CloseCode::PolicyViolation, u"binary frames are only for uploads"_s);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        m_authTimer.stop();
        m_pingTimer.stop();
        emit closed();
    });
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_sinceLastPong.restart(); });

    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this,
        [this] { close(CloseCode::NotAuthenticated, u"not authenticated in time"_s); });
    m_authTimer.start(config.authTimeoutMs);

    // Qt answers pings but never sends them.
    m_sinceLastPong.start();
    connect(&m_pingTimer, &QTimer::timeout, this, &Connection::checkPong);
    m_pingTimer.start(config.pingIntervalMs);
}

Connection::~Connection() = default;

QString Connection::peerAddress() const { return m_socket->peerAddress().toString(); }

void Connection::markAuthenticated() { m_authTimer.stop(); }

void Connection::checkPong()
{
    if (m_sinceLastPong.elapsed() > m_config.pongTimeoutMs) {
        close(CloseCode::PongTimeout, u"no pong in time"_s);
        return;
    }
    m_socket->ping();
}

void Connection::sendText(const QString &frame)
{
    if (m_closing)
        return;
    // Sending is not back-pressured by Qt: a reader that falls this far behind is closed
    // and catches up from history when it reconnects.
    if (m_socket->bytesToWrite() > m_config.maxUnsentBytes) {
        // A close frame would queue behind the backlog it is meant to end: drop the
        // connection at once. The client reconnects and catches up from history.
        qCWarning(lcNet) << "dropping a slow consumer at" << peerAddress();
        m_closing = true;
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(frame);
}

void Connection::close(quint16 code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

} // namespace Confab::Server
