#include "net/ioworker.h"

#include "config/serverconfig.h"
#include "limits/keyedcounter.h"
#include "logging.h"
#include "net/acceptedsocket.h"
#ifdef CONFAB_HAVE_PLAIN_CONNECTION
#include "net/plainconnection.h"
#endif
#include "net/outputbatch.h"
#include "net/postqueue.h"
#include "net/qtwebsocketconnection.h"

#include <QSslSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#ifdef CONFAB_HAVE_PLAIN_CONNECTION
#include <unistd.h>
#endif

namespace Confab::Server {

using namespace Qt::StringLiterals;

IoWorker::IoWorker(const ServerConfig &config, KeyedCounter &limiter,
    std::optional<QSslConfiguration> tls, ConnectionHandler onConnection)
    : m_config(config)
    , m_limiter(limiter)
    , m_tls(std::move(tls))
    , m_onConnection(std::move(onConnection))
    , m_output(new OutputBatch(this))
    , m_posts(new PostQueue(this))
{
    m_posts->setAfterEachBatch([output = m_output] { output->flush(); });
}

IoWorker::~IoWorker() = default;

void IoWorker::acceptDescriptor(qintptr descriptor)
{
#ifdef CONFAB_HAVE_PLAIN_CONNECTION
    if (!m_tls) {
        acceptPlain(descriptor);
        return;
    }
#endif
    acceptThroughQt(descriptor);
}

#ifdef CONFAB_HAVE_PLAIN_CONNECTION
void IoWorker::acceptPlain(qintptr descriptor)
{
    const QString peer = PlainConnection::peerOf(descriptor);
    if (peer.isEmpty() || !m_limiter.tryAcquire(peer)) {
        if (!peer.isEmpty())
            qCWarning(lcNet) << "too many connections from" << peer;
        ::close(int(descriptor));
        return;
    }
    auto *connection = new PlainConnection(descriptor, peer, m_limiter, m_config, *m_output, this);
    connect(connection, &Connection::closed, connection, &QObject::deleteLater);
    connect(connection, &PlainConnection::opened, this, [this, connection] { adopt(connection); });
}
#endif

void IoWorker::acceptThroughQt(qintptr descriptor)
{
    if (!m_handshaker) {
        // Created lazily so that it belongs to this worker's thread. It never listens:
        // it only runs the handshake on sockets handed to it.
        m_handshaker = new QWebSocketServer(u"confab"_s, QWebSocketServer::NonSecureMode, this);
        m_handshaker->setMaxPendingConnections(1024);
        connect(m_handshaker, &QWebSocketServer::newConnection, this,
            &IoWorker::takePendingConnections);
    }
    QTcpSocket *socket = m_tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcNet) << "cannot adopt an accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    const QString peer = socket->peerAddress().toString();
    if (!m_limiter.tryAcquire(peer)) {
        qCWarning(lcNet) << "too many connections from" << peer;
        socket->abort();
        delete socket;
        return;
    }
    // From here the accepted socket owns the socket and gives the place back when it goes.
    auto *accepted = new AcceptedSocket(socket, m_limiter, peer, m_config.authTimeoutMs, this);
    const QString key = handshakeKey(peer, accepted->peerPort());
    m_handshaking.insert(key, accepted);
    connect(accepted, &AcceptedSocket::ended, this, [this, key, accepted] {
        if (m_handshaking.value(key) == accepted)
            m_handshaking.remove(key);
    });
    // Small frames must not wait for delayed ACKs.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(*m_tls);
        ssl->startServerEncryption();
    }
    m_handshaker->handleConnection(socket);
}

QString IoWorker::handshakeKey(const QString &peer, quint16 port)
{
    return peer + u'/' + QString::number(port);
}

void IoWorker::takePendingConnections()
{
    while (m_handshaker->hasPendingConnections()) {
        QWebSocket *socket = m_handshaker->nextPendingConnection();
        socket->setParent(nullptr);
        AcceptedSocket *accepted = m_handshaking.take(
            handshakeKey(socket->peerAddress().toString(), socket->peerPort()));
        if (!accepted) {
            qCWarning(lcNet) << "a WebSocket without its accepted socket; closing it";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new QtWebSocketConnection(
            socket, std::unique_ptr<AcceptedSocket>(accepted), m_config, *m_output, this);
        connect(connection, &Connection::closed, connection, &QObject::deleteLater);
        adopt(connection);
    }
}

void IoWorker::adopt(Connection *connection)
{
    m_connections.append(connection);
    connect(connection, &Connection::closed, this,
        [this, connection] { m_connections.removeAll(connection); });
    m_onConnection(connection, m_posts);
}

void IoWorker::closeAll(quint16 code, const QString &reason)
{
    const QList<QPointer<Connection>> open = m_connections;
    for (const QPointer<Connection> &connection : open) {
        if (connection)
            connection->close(code, reason);
    }
}

} // namespace Confab::Server
