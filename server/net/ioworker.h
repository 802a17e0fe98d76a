#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

#include <functional>
#include <optional>

class QWebSocketServer;

namespace Confab::Server {

class AcceptedSocket;
class Connection;
class KeyedCounter;
class OutputBatch;
class PostQueue;
struct ServerConfig;

// One I/O thread's share of the connections. Sockets are created here from the accepted
// descriptor, so each connection lives in one thread from its first byte to its last.
class IoWorker : public QObject {
    Q_OBJECT
public:
    // Gets each new connection with the queue through which other threads reach its thread.
    using ConnectionHandler = std::function<void(Connection *, PostQueue *)>;

    IoWorker(const ServerConfig &config, KeyedCounter &limiter,
        std::optional<QSslConfiguration> tls, ConnectionHandler onConnection);
    ~IoWorker() override;

    // Called through a queued invocation in this worker's thread.
    void acceptDescriptor(qintptr descriptor);
    void closeAll(quint16 code, const QString &reason);
    int connectionCount() const { return int(m_connections.size()); }

private:
#ifdef CONFAB_HAVE_PLAIN_CONNECTION
    void acceptPlain(qintptr descriptor);
#endif
    void acceptThroughQt(qintptr descriptor);
    void takePendingConnections();
    void adopt(Connection *connection);
    static QString handshakeKey(const QString &peer, quint16 port);

    const ServerConfig &m_config;
    KeyedCounter &m_limiter;
    std::optional<QSslConfiguration> m_tls;
    ConnectionHandler m_onConnection;
    // Children: they move to the worker's thread with it.
    OutputBatch *m_output;
    PostQueue *m_posts;
    QWebSocketServer *m_handshaker = nullptr;
    // Sockets in the WebSocket handshake, by peer address and port: Qt hands the finished
    // WebSocket over without the socket it came from.
    QHash<QString, AcceptedSocket *> m_handshaking;
    QList<QPointer<Connection>> m_connections;
};

} // namespace Confab::Server
