#include "net/connection.h"

#include "config/serverconfig.h"
#include "logging.h"
#include "net/outputbatch.h"
#include "protocol/chunkframe.h"
#include "protocol/errorcode.h"

#include <QTimerEvent>

#include <utility>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
// How long a closing connection may take to send what it has left before it is dropped.
constexpr int kCloseGraceMs = 5000;
} // namespace

Connection::Connection(
    const ServerConfig &config, OutputBatch &batch, QDeadlineTimer signInDeadline, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_batch(batch)
{
    m_authTimer.start(int(qMax<qint64>(0, signInDeadline.remainingTime())), this);
}

Connection::~Connection() = default;

void Connection::startKeepAlive()
{
    m_sinceLastPong.start();
    m_pingTimer.start(m_config.pingIntervalMs, this);
}

void Connection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_authTimer.timerId()) {
        m_authTimer.stop();
        deadlinePassed();
    } else if (event->timerId() == m_pingTimer.timerId()) {
        checkPong();
    } else if (event->timerId() == m_graceTimer.timerId()) {
        m_graceTimer.stop();
        abortNow();
    } else {
        QObject::timerEvent(event);
    }
}

void Connection::deadlinePassed()
{
    close(CloseCode::NotAuthenticated, u"not authenticated in time"_s);
}

void Connection::markAuthenticated()
{
    m_authTimer.stop();
}

void Connection::receivedText(const QByteArray &utf8)
{
    if (m_closing)
        return;
    if (utf8.size() > m_config.maxTextFrameBytes) {
        close(CloseCode::TooLarge, u"text frame too large"_s);
        return;
    }
    emit textReceived(utf8);
}

void Connection::receivedBinary(const QByteArray &frame)
{
    if (m_closing)
        return;
    if (frame.size() > m_config.chunkBytes + ChunkFrame::HeaderBytes) {
        close(CloseCode::TooLarge, u"binary frame too large"_s);
        return;
    }
    emit binaryReceived(frame);
}

void Connection::ended()
{
    if (m_ended)
        return;
    m_ended = true;
    m_closing = true;
    m_unflushed.clear();
    m_authTimer.stop();
    m_pingTimer.stop();
    m_graceTimer.stop();
    emit closed();
}

void Connection::checkPong()
{
    if (m_closing)
        return; // the close's own grace period ends it
    if (m_sinceLastPong.elapsed() > m_config.pongTimeoutMs) {
        close(CloseCode::PongTimeout, u"no pong in time"_s);
        return;
    }
    sendPing();
}

bool Connection::dropIfFarBehind()
{
    // A reader this far behind is dropped at once (a close frame would queue behind the
    // backlog it is meant to end); it reconnects and catches up from history.
    if (bytesToWrite() <= m_config.maxUnsentBytes)
        return false;
    qCWarning(lcNet) << "dropping a slow consumer at" << peerAddress();
    m_closing = true;
    m_unflushed.clear();
    abortNow();
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
    writeFrames(std::exchange(m_unflushed, {}));
}

void Connection::sendBinary(const QByteArray &frame)
{
    if (m_closing || dropIfFarBehind())
        return;
    flush(); // after the text frames sent before it
    writeBinary(frame);
}

void Connection::close(quint16 code, const QString &reason)
{
    if (m_closing)
        return;
    flush(); // what was sent before the close goes before it
    m_closing = true;
    // The socket closes once its unsent data is out: a peer that does not read would hold
    // it, and its place in the count, for ever.
    m_graceTimer.start(kCloseGraceMs, this);
    sendClose(code, reason);
}

} // namespace Confab::Server
