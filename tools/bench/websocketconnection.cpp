#include "websocketconnection.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr int OpContinuation = 0x0;
constexpr int OpText = 0x1;
constexpr int OpClose = 0x8;
constexpr int OpPing = 0x9;
constexpr qsizetype MaxMessageBytes = 64 * 1024 * 1024;

} // namespace

WebSocketConnection::WebSocketConnection(QObject *parent)
    : QObject(parent)
    , m_maskState(QRandomGenerator::global()->generate() | 1)
{
    connect(&m_socket, &QTcpSocket::connected, this, &WebSocketConnection::writeHandshake);
    connect(&m_socket, &QTcpSocket::readyRead, this, &WebSocketConnection::readIncoming);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { finish(m_closeCode, {}); });
    connect(
        &m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                finish(1006, m_socket.errorString());
        });
}

WebSocketConnection::~WebSocketConnection()
{
    // The socket outlives the other members: it must not call back into a half-gone object.
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
}

void WebSocketConnection::open(const QUrl &url)
{
    m_url = url;
    m_state = State::Connecting;
    m_socket.connectToHost(url.host(), quint16(url.port(80)));
}

void WebSocketConnection::writeHandshake()
{
    // Small frames must not wait for delayed ACKs (Nagle), or latency measures the kernel.
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    m_key = nonce.toBase64();
    const QByteArray path = m_url.path().isEmpty() ? QByteArrayLiteral("/") : m_url.path().toUtf8();
    m_socket.write("GET " + path + " HTTP/1.1\r\nHost: " + m_url.host().toUtf8() + ':'
        + QByteArray::number(m_url.port(80))
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
    m_state = State::Handshaking;
}

void WebSocketConnection::readIncoming()
{
    // Read straight into the buffer's tail: no temporary per readyRead.
    const qsizetype old = m_incoming.size();
    const qint64 available = m_socket.bytesAvailable();
    m_incoming.resize(old + available);
    const qint64 got = m_socket.read(m_incoming.data() + old, available);
    m_incoming.resize(old + qMax<qint64>(0, got));
    if (m_state == State::Handshaking && !readHandshake())
        return;
    if (m_state == State::Open)
        readFrames();
}

bool WebSocketConnection::readHandshake()
{
    const qsizetype end = m_incoming.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = m_incoming.left(end);
    m_incoming.remove(0, end + 4);
    const QByteArray accept = QCryptographicHash::hash(
        QByteArray(m_key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
                                  .toBase64();
    if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept)) {
        finish(1006, u"handshake refused: "_s + QString::fromUtf8(head.left(head.indexOf('\r'))));
        m_socket.abort();
        return false;
    }
    m_state = State::Open;
    emit opened();
    return true;
}

void WebSocketConnection::readFrames()
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_incoming.constData());
    const qsizetype size = m_incoming.size();
    qsizetype pos = 0;
    while (m_state == State::Open && size - pos >= 2) {
        const bool fin = bytes[pos] & 0x80;
        const int opcode = bytes[pos] & 0x0f;
        const bool masked = bytes[pos + 1] & 0x80;
        quint64 length = bytes[pos + 1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (size - pos < 4)
                break;
            length = (quint64(bytes[pos + 2]) << 8) | bytes[pos + 3];
            header = 4;
        } else if (length == 127) {
            if (size - pos < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | bytes[pos + 2 + i];
            header = 10;
        }
        if (masked || length > quint64(MaxMessageBytes)) { // a server never masks
            finish(1002, u"bad frame from server"_s);
            m_socket.abort();
            return;
        }
        if (quint64(size - pos - header) < length)
            break;
        handleFrame(
            opcode, fin, QByteArrayView(m_incoming.constData() + pos + header, qsizetype(length)));
        pos += header + qsizetype(length);
    }
    m_incoming.remove(0, pos); // only a partial frame stays behind
}

void WebSocketConnection::handleFrame(int opcode, bool fin, QByteArrayView payload)
{
    if (opcode == OpText || opcode == OpContinuation) {
        if (fin && m_fragments.isEmpty()) {
            if (opcode == OpText && m_frameHandler)
                m_frameHandler(payload);
            return;
        }
        m_fragments.append(payload);
        if (fin) {
            const QByteArray message = std::exchange(m_fragments, {});
            if (m_frameHandler)
                m_frameHandler(message);
        }
    } else if (opcode == OpPing) {
        writeFrame(0xA, payload);
    } else if (opcode == OpClose) {
        m_closeCode = payload.size() >= 2 ? (uchar(payload[0]) << 8) | uchar(payload[1]) : 1005;
        writeFrame(OpClose, payload.first(qMin<qsizetype>(2, payload.size())));
        m_state = State::Closed;
        m_socket.disconnectFromHost();
    }
}

void WebSocketConnection::sendText(QByteArrayView payload)
{
    if (m_state == State::Open)
        writeFrame(OpText, payload);
}

void WebSocketConnection::close(quint16 code)
{
    if (m_state != State::Open) {
        m_socket.abort();
        return;
    }
    const char body[2] = { char(code >> 8), char(code & 0xff) };
    writeFrame(OpClose, QByteArrayView(body, 2));
    m_state = State::Closed;
    m_socket.disconnectFromHost();
}

void WebSocketConnection::writeFrame(int opcode, QByteArrayView payload)
{
    const qsizetype length = payload.size();
    m_outgoing.resize(0);
    m_outgoing.append(char(0x80 | opcode));
    if (length < 126) {
        m_outgoing.append(char(0x80 | length));
    } else if (length < 65536) {
        m_outgoing.append(char(0x80 | 126)).append(char(length >> 8)).append(char(length & 0xff));
    } else {
        m_outgoing.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            m_outgoing.append(char((quint64(length) >> shift) & 0xff));
    }
    // Clients must mask (RFC 6455 5.3): a cheap xorshift is unpredictable enough on loopback.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    const char mask[4] = { char(m_maskState), char(m_maskState >> 8), char(m_maskState >> 16),
        char(m_maskState >> 24) };
    m_outgoing.append(mask, 4);
    const qsizetype start = m_outgoing.size();
    m_outgoing.append(payload);
    char *data = m_outgoing.data() + start;
    for (qsizetype i = 0; i < length; ++i)
        data[i] ^= mask[i & 3];
    m_socket.write(m_outgoing);
}

void WebSocketConnection::finish(int code, const QString &reason)
{
    if (std::exchange(m_closedReported, true))
        return;
    m_state = State::Closed;
    emit closed(code, reason);
}
