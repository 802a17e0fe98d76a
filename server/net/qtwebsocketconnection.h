#pragma once

#include "net/connection.h"

#include <memory>

class QWebSocket;

namespace Confab::Server {

class AcceptedSocket;

// A connection whose frames Qt's QWebSocket reads and writes: over TLS, and on systems
// without PlainConnection.
class QtWebSocketConnection : public Connection {
    Q_OBJECT
public:
    // Takes over the socket the WebSocket came from, with its place in the per-address count
    // and the sign-in deadline that began at accept.
    QtWebSocketConnection(QWebSocket *socket, std::unique_ptr<AcceptedSocket> accepted,
        const ServerConfig &config, OutputBatch &batch, QObject *parent = nullptr);
    ~QtWebSocketConnection() override;

    QString peerAddress() const override;

protected:
    void writeFrames(const QByteArray &frames) override;
    void writeBinary(const QByteArray &frame) override;
    qint64 heldBytes() const override;
    void sendClose(quint16 code, const QString &reason) override;
    void sendPing() override;
    void abortNow() override;

private:
    // Declared first so that it goes last: the WebSocket uses the TCP socket it owns.
    std::unique_ptr<AcceptedSocket> m_accepted;
    std::unique_ptr<QWebSocket> m_socket;
    const bool m_directWrites;
};

} // namespace Confab::Server
