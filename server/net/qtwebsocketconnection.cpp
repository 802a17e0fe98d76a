#include "net/qtwebsocketconnection.h"

#include "config/serverconfig.h"
#include "net/acceptedsocket.h"
#include "net/directsend.h"
#include "protocol/chunkframe.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>

namespace Confab::Server {

QtWebSocketConnection::QtWebSocketConnection(QWebSocket *socket,
    std::unique_ptr<AcceptedSocket> accepted, const ServerConfig &config, OutputBatch &batch,
    QObject *parent)
    : Connection(config, batch, accepted->deadline(), parent)
    , m_accepted(std::move(accepted))
    , m_socket(socket)
    // Encrypted bytes must go through the TLS socket.
    , m_directWrites(!qobject_cast<QSslSocket *>(m_accepted->socket()))
{
    // Qt's defaults allow frames of about 2 GiB. The socket's limit is the larger of the two
    // kinds; each kind is held to its own limit by Connection.
    const qint64 largest
        = qMax(config.maxTextFrameBytes, config.chunkBytes + ChunkFrame::HeaderBytes);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(largest));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(largest));

    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
        [this](const QString &frame) { receivedText(frame.toUtf8()); });
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
        &QtWebSocketConnection::receivedBinary);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &Connection::bytesWritten);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &QtWebSocketConnection::ended);
    connect(m_socket.get(), &QWebSocket::pong, this, &QtWebSocketConnection::receivedPong);

    m_accepted->handOver();
    startKeepAlive(); // Qt answers pings but never sends them
}

QtWebSocketConnection::~QtWebSocketConnection() = default;

QString QtWebSocketConnection::peerAddress() const
{
    return m_accepted->peer();
}

void QtWebSocketConnection::writeFrames(const QByteArray &frames)
{
    // Written beside the WebSocket's own frames (pongs, the close) to the socket under it,
    // in the same thread, so frames never interleave. While Qt still holds bytes of
    // earlier frames, the new ones queue behind them.
    QTcpSocket *tcp = m_accepted->socket();
    qsizetype written = 0;
    if (m_directWrites && tcp->bytesToWrite() == 0
        && tcp->state() == QAbstractSocket::ConnectedState)
        written = DirectSend::send(tcp->socketDescriptor(), frames.constData(), frames.size());
    if (written == 0)
        tcp->write(frames);
    else if (written < frames.size())
        tcp->write(frames.constData() + written, frames.size() - written);
}

void QtWebSocketConnection::writeBinary(const QByteArray &frame)
{
    m_socket->sendBinaryMessage(frame);
}

qint64 QtWebSocketConnection::heldBytes() const
{
    return m_socket->bytesToWrite();
}

void QtWebSocketConnection::sendClose(quint16 code, const QString &reason)
{
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void QtWebSocketConnection::sendPing()
{
    m_socket->ping();
}

void QtWebSocketConnection::abortNow()
{
    m_socket->abort();
}

} // namespace Confab::Server
