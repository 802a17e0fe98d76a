#pragma once

#include <QBasicTimer>
#include <QDeadlineTimer>
#include <QObject>
#include <QString>

class QTcpSocket;

namespace Confab::Server {

class KeyedCounter;

// One accepted TCP connection, from accept to its last byte. It owns the socket (Qt's
// WebSocket classes disconnect every signal of a socket they are done with, so nothing they
// hold can be relied on to free it), holds the connection's place in the per-address count,
// and carries the sign-in deadline that starts at accept: a peer that sends nothing, or half
// a handshake, is dropped when it passes.
class AcceptedSocket : public QObject {
    Q_OBJECT
public:
    // Takes `socket` as a child. `peer` already holds a place in `limiter`.
    AcceptedSocket(QTcpSocket *socket, KeyedCounter &limiter, const QString &peer, int deadlineMs,
        QObject *parent = nullptr);
    ~AcceptedSocket() override; // gives the place back

    QTcpSocket *socket() const { return m_socket; }
    const QString &peer() const { return m_peer; }
    quint16 peerPort() const { return m_peerPort; }
    QDeadlineTimer deadline() const { return m_deadline; }

    // The handshake is done: from now on the connection that took this object over watches
    // the socket and the deadline.
    void handOver();

signals:
    // Before the hand-over: the socket closed, or the deadline passed and it was dropped.
    // The object deletes itself after this.
    void ended();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void end();

    QTcpSocket *m_socket;
    KeyedCounter &m_limiter;
    const QString m_peer;
    const quint16 m_peerPort;
    const QDeadlineTimer m_deadline;
    QBasicTimer m_deadlineTimer; // not a QTimer: one object fewer per connection
    bool m_ended = false;
};

} // namespace Confab::Server
