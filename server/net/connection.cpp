#include "net/connection.h"

#include "config/serverconfig.h"
#include "logging.h"
#include "net/acceptedsocket.h"
#include "net/directsend.h"
#include "net/outputbatch.h"
#include "protocol/chunkframe.h"
#include "protocol/errorcode.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>
#include <QWebSocket>

#include <utility>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
// How long a closing connection may take to send what it has left before it is dropped.
constexpr int kCloseGraceMs = 5000;
} // namespace

Connection::Connection(QWebSocket *socket, std::unique_ptr<AcceptedSocket> accepted,
    const ServerConfig &config, OutputBatch &batch, QObject *parent)
    : QObject(parent)
    , m_accepted(std::move(accepted))
    , m_socket(socket)
    , m_config(config)
    , m_batch(batch)
    // Encrypted bytes must go through the TLS socket.
    , m_directWrites(!qobject_cast<QSslSocket *>(m_accepted->socket()))
{
    // Qt's defaults allow frames of about 2 GiB. The socket's limit is the larger of the two
    // kinds; each kind is held to its own limit below.
    const qint64 largest
        = qMax(config.maxTextFrameBytes, config.chunkBytes + ChunkFrame::HeaderBytes);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(largest));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(largest));

    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
        // UTF-16 length bounds the UTF-8 size from below; count bytes only when it matters.
        if (frame.size() * 3 > m_config.maxTextFrameBytes
            && frame.toUtf8().size() > m_config.maxTextFrameBytes) {
            close(CloseCode::TooLarge, u"text frame too large"_s);
            return;
        }
        emit textReceived(frame);
    });
    connect(
        m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
            if (frame.size() > m_config.chunkBytes + ChunkFrame::HeaderBytes) {
                close(CloseCode::TooLarge, u"binary frame too large"_s);
                return;
            }
            emit binaryReceived(frame);
        });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &Connection::bytesWritten);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        m_authTimer.stop();
        m_pingTimer.stop();
        emit closed();
    });
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_sinceLastPong.restart(); });

    m_accepted->handOver();
    m_authTimer.start(int(qMax<qint64>(0, m_accepted->deadline().remainingTime())), this);

    // Qt answers pings but never sends them.
    m_sinceLastPong.start();
    m_pingTimer.start(config.pingIntervalMs, this);
}

void Connection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_authTimer.timerId()) {
        m_authTimer.stop();
        close(CloseCode::NotAuthenticated, u"not authenticated in time"_s);
    } else if (event->timerId() == m_pingTimer.timerId()) {
        checkPong();
    } else {
        QObject::timerEvent(event);
    }
}

Connection::~Connection() = default;

QString Connection::peerAddress() const
{
    return m_accepted->peer();
}

void Connection::markAuthenticated()
{
    m_authTimer.stop();
}

void Connection::checkPong()
{
    if (m_closing)
        return; // the close's own grace period ends it
    if (m_sinceLastPong.elapsed() > m_config.pongTimeoutMs) {
        close(CloseCode::PongTimeout, u"no pong in time"_s);
        return;
    }
    m_socket->ping();
}

bool Connection::dropIfFarBehind()
{
    // Sending is not back-pressured by Qt. A reader this far behind is dropped at once (a
    // close frame would queue behind the backlog it is meant to end); it reconnects and
    // catches up from history.
    if (bytesToWrite() <= m_config.maxUnsentBytes)
        return false;
    qCWarning(lcNet) << "dropping a slow consumer at" << peerAddress();
    m_closing = true;
    m_unflushed.clear();
    m_socket->abort();
    return true;
}

void Connection::sendWire(const QByteArray &frame)
{
    if (m_closing || dropIfFarBehind())
        return;
    if (m_unflushed.isEmpty())
        m_batch.add(this);
    m_unflushed.append(frame); // shares the first frame, copies the ones after it
}

void Connection::flush()
{
    if (m_unflushed.isEmpty())
        return;
    const QByteArray out = std::exchange(m_unflushed, {});
    // Written beside the WebSocket's own frames (pongs, the close) to the socket under it,
    // in the same thread, so frames never interleave. While Qt still holds bytes of
    // earlier frames, the new ones queue behind them.
    QTcpSocket *tcp = m_accepted->socket();
    qsizetype written = 0;
    if (m_directWrites && tcp->bytesToWrite() == 0
        && tcp->state() == QAbstractSocket::ConnectedState)
        written = DirectSend::send(tcp->socketDescriptor(), out.constData(), out.size());
    if (written == 0)
        tcp->write(out);
    else if (written < out.size())
        tcp->write(out.constData() + written, out.size() - written);
}

void Connection::sendBinary(const QByteArray &frame)
{
    if (m_closing || dropIfFarBehind())
        return;
    flush(); // after the text frames sent before it
    m_socket->sendBinaryMessage(frame);
}

qint64 Connection::bytesToWrite() const
{
    return m_socket->bytesToWrite() + m_unflushed.size();
}

void Connection::close(quint16 code, const QString &reason)
{
    if (m_closing)
        return;
    flush(); // what was sent before the close goes before it
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    // The socket closes once its unsent data is out: a peer that does not read would hold
    // it, and its place in the count, for ever.
    QTimer::singleShot(kCloseGraceMs, this, [this] { m_socket->abort(); });
}

} // namespace Confab::Server
