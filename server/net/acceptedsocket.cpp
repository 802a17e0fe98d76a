#include "net/acceptedsocket.h"

#include "limits/keyedcounter.h"
#include "logging.h"

#include <QTcpSocket>
#include <QTimerEvent>

namespace Confab::Server {

AcceptedSocket::AcceptedSocket(
    QTcpSocket *socket, KeyedCounter &limiter, const QString &peer, int deadlineMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limiter(limiter)
    , m_peer(peer)
    , m_peerPort(socket->peerPort())
    , m_deadline(deadlineMs)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::disconnected, this, &AcceptedSocket::end);
    m_deadlineTimer.start(deadlineMs, this);
}

void AcceptedSocket::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_deadlineTimer.timerId())
        return QObject::timerEvent(event);
    m_deadlineTimer.stop();
    qCInfo(lcNet) << "dropping" << m_peer << "that did not open a WebSocket in time";
    m_socket->abort();
    end();
}

AcceptedSocket::~AcceptedSocket()
{
    m_limiter.release(m_peer);
}

void AcceptedSocket::handOver()
{
    setParent(nullptr); // the connection owns it now
    m_deadlineTimer.stop();
    disconnect(m_socket, &QTcpSocket::disconnected, this, &AcceptedSocket::end);
}

void AcceptedSocket::end()
{
    if (m_ended)
        return;
    m_ended = true;
    m_deadlineTimer.stop();
    emit ended();
    deleteLater();
}

} // namespace Confab::Server
