#include "net/plainconnection.h"

#include "config/serverconfig.h"
#include "limits/keyedcounter.h"
#include "logging.h"
#include "net/directsend.h"
#include "net/wireframe.h"
#include "net/wshandshake.h"
#include "protocol/chunkframe.h"
#include "protocol/errorcode.h"

#include <QHostAddress>
#include <QtEndian>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

namespace Confab::Server {

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;
constexpr int kReadsPerPass = 16;
// A close frame's payload is at most 125 bytes: the code, then the reason.
constexpr qsizetype kMaxCloseReasonBytes = 123;

// What a read brings lands in one buffer per I/O thread; a connection keeps only the part of
// a frame that has not all arrived.
char *readBuffer()
{
    thread_local const std::unique_ptr<char[]> buffer(new char[kReadChunk]);
    return buffer.get();
}

} // namespace

QString PlainConnection::peerOf(qintptr descriptor)
{
    sockaddr_storage address {};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address)).toString();
}

PlainConnection::PlainConnection(qintptr descriptor, const QString &peer, KeyedCounter &limiter,
    const ServerConfig &config, OutputBatch &batch, QObject *parent)
    : Connection(config, batch, QDeadlineTimer(config.authTimeoutMs), parent)
    , m_descriptor(int(descriptor))
    , m_peer(peer)
    , m_limiter(limiter)
    , m_readNotifier(descriptor, QSocketNotifier::Read)
    , m_writeNotifier(descriptor, QSocketNotifier::Write)
    , m_reader(config.maxTextFrameBytes, config.chunkBytes + ChunkFrame::HeaderBytes)
{
    ::fcntl(m_descriptor, F_SETFL, ::fcntl(m_descriptor, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_descriptor, F_SETFD, FD_CLOEXEC);
    // Small frames must not wait for delayed ACKs.
    const int one = 1;
    ::setsockopt(m_descriptor, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_writeNotifier.setEnabled(false);
    connect(&m_readNotifier, &QSocketNotifier::activated, this, &PlainConnection::readReady);
    connect(&m_writeNotifier, &QSocketNotifier::activated, this, &PlainConnection::writeReady);
}

PlainConnection::~PlainConnection()
{
    if (m_descriptor >= 0) {
        m_readNotifier.setEnabled(false);
        m_writeNotifier.setEnabled(false);
        ::close(m_descriptor);
    }
    m_limiter.release(m_peer);
}

void PlainConnection::readReady()
{
    // A full buffer means more may wait: read on, up to a bound that keeps the thread's
    // other connections served.
    for (int read = 0; read < kReadsPerPass; ++read) {
        if (readOnce() < kReadChunk)
            return;
    }
}

qsizetype PlainConnection::readOnce()
{
    if (m_state == State::Ended)
        return 0;
    char *buffer = readBuffer();
    ssize_t received = 0;
    do
        received = ::recv(m_descriptor, buffer, size_t(kReadChunk), 0);
    while (received < 0 && errno == EINTR);
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return 0;
    if (received <= 0) { // the peer closed, or the connection broke
        finish();
        return 0;
    }
    if (m_state == State::Draining)
        return received; // only the end of the stream is awaited
    if (m_in.isEmpty()) {
        const qsizetype used = readSome(buffer, received);
        if (used < received && isReading())
            m_in = QByteArray(buffer + used, received - used);
        return received;
    }
    m_in.append(buffer, received);
    const qsizetype used = readSome(m_in.data(), m_in.size());
    if (used == m_in.size() || !isReading())
        m_in = QByteArray(); // gives the memory back
    else
        m_in.remove(0, used);
    return received;
}

qsizetype PlainConnection::readSome(char *data, qsizetype size)
{
    qsizetype used = 0;
    if (m_state == State::Handshake)
        used = readHandshake(data, size);
    if (m_state == State::Open || m_state == State::CloseSent)
        used += readFrames(data + used, size - used);
    return used;
}

qsizetype PlainConnection::readHandshake(char *data, qsizetype size)
{
    const WsHandshake::Result result = WsHandshake::read(QByteArrayView(data, size));
    switch (result.status) {
    case WsHandshake::Status::Incomplete:
        return 0; // kept whole until it ends; the reader bounds its length
    case WsHandshake::Status::Refused:
        qCInfo(lcNet) << "refusing an opening handshake from" << m_peer << ":" << result.why;
        write(result.reply);
        m_state = State::Draining;
        finishIfWritten();
        return size;
    case WsHandshake::Status::Accepted:
        break;
    }
    write(result.reply);
    m_state = State::Open;
    startKeepAlive();
    emit opened();
    return result.consumed;
}

qsizetype PlainConnection::readFrames(char *data, qsizetype size)
{
    qsizetype used = 0;
    while (used < size && (m_state == State::Open || m_state == State::CloseSent)) {
        WsFrameReader::Step step = m_reader.next(data + used, size - used);
        used += step.consumed;
        if (step.status == WsFrameReader::Status::NeedMore)
            break;
        handle(step);
    }
    return used;
}

void PlainConnection::handle(WsFrameReader::Step &step)
{
    if (step.status == WsFrameReader::Status::Failed) {
        qCInfo(lcNet) << "closing the connection of" << m_peer << ":" << step.why;
        m_failed = true;
        if (m_state == State::CloseSent) { // our close is out already: just end
            m_state = State::Draining;
            finishIfWritten();
            return;
        }
        close(step.closeCode, QString::fromLatin1(step.why));
        return;
    }
    switch (step.kind) {
    case WsFrameReader::Kind::Text:
        if (m_state == State::Open)
            receivedText(step.payload);
        break;
    case WsFrameReader::Kind::Binary:
        if (m_state == State::Open)
            receivedBinary(step.payload);
        break;
    case WsFrameReader::Kind::Ping:
        if (m_state == State::Open)
            write(WireFrame::frame(WsOpcode::Pong, step.payload));
        break;
    case WsFrameReader::Kind::Pong:
        receivedPong();
        break;
    case WsFrameReader::Kind::Close:
        m_peerClosed = true;
        if (m_state == State::CloseSent) {
            m_state = State::Draining;
            finishIfWritten();
        } else {
            // Echoed with the peer's own code, as RFC 6455 suggests.
            const quint16 code = step.payload.size() >= 2
                ? qFromBigEndian<quint16>(step.payload.constData())
                : quint16(CloseCode::Normal);
            close(code, {});
        }
        break;
    }
}

void PlainConnection::writeFrames(const QByteArray &frames)
{
    write(frames);
}

void PlainConnection::writeBinary(const QByteArray &frame)
{
    write(WireFrame::frame(WsOpcode::Binary, frame));
}

void PlainConnection::sendClose(quint16 code, const QString &reason)
{
    if (m_state == State::Handshake) { // no WebSocket to close yet
        finish();
        return;
    }
    if (m_state != State::Open)
        return;
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(code, payload.data());
    payload += reason.toUtf8().left(kMaxCloseReasonBytes);
    write(WireFrame::frame(WsOpcode::Close, payload));
    m_state = m_peerClosed || m_failed ? State::Draining : State::CloseSent;
    finishIfWritten();
}

void PlainConnection::sendPing()
{
    write(WireFrame::frame(WsOpcode::Ping, {}));
}

void PlainConnection::deadlinePassed()
{
    if (m_state == State::Open) {
        Connection::deadlinePassed();
        return;
    }
    if (m_state == State::Handshake)
        qCInfo(lcNet) << "dropping" << m_peer << "that did not open a WebSocket in time";
    finish();
}

void PlainConnection::write(const QByteArray &bytes)
{
    if (m_state == State::Ended || bytes.isEmpty())
        return;
    if (heldBytes() > 0) { // behind what waits already
        if (m_outSent > 0) {
            m_out.remove(0, m_outSent);
            m_outSent = 0;
        }
        m_out.append(bytes);
        return;
    }
    const qsizetype sent = DirectSend::send(m_descriptor, bytes.constData(), bytes.size());
    if (sent == bytes.size())
        return;
    m_out = bytes; // shared, not copied
    m_outSent = sent;
    m_writeNotifier.setEnabled(true);
}

void PlainConnection::writeReady()
{
    bool progressed = false;
    while (heldBytes() > 0) {
        const ssize_t sent = ::send(m_descriptor, m_out.constData() + m_outSent,
            size_t(heldBytes()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent > 0) {
            m_outSent += sent;
            progressed = true;
        } else if (sent < 0 && errno == EINTR) {
            continue;
        } else if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            finish(); // the peer is gone
            return;
        }
    }
    if (heldBytes() == 0) {
        m_out = QByteArray();
        m_outSent = 0;
        m_writeNotifier.setEnabled(false);
        finishIfWritten();
    }
    if (progressed && m_state != State::Ended)
        emit bytesWritten();
}

void PlainConnection::finishIfWritten()
{
    if (m_state != State::Draining || heldBytes() > 0 || m_shutDown)
        return;
    // Our side ends after the last frame; the peer's end of the stream, or the grace period,
    // then closes the socket. Closing at once could reset data the peer has not read yet.
    m_shutDown = true;
    ::shutdown(m_descriptor, SHUT_WR);
}

void PlainConnection::finish()
{
    if (m_state == State::Ended)
        return;
    m_state = State::Ended;
    m_readNotifier.setEnabled(false);
    m_writeNotifier.setEnabled(false);
    ::close(m_descriptor);
    m_descriptor = -1;
    m_out = QByteArray();
    m_outSent = 0;
    ended();
}

} // namespace Confab::Server
