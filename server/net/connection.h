#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class QWebSocket;

namespace Confab::Server {

class AcceptedSocket;
struct ServerConfig;

// One WebSocket and the rules of the transport: frame limits, the authentication deadline,
// keep-alive pings, and a bound on what may wait unsent for a slow reader.
class Connection : public QObject {
    Q_OBJECT
public:
    // Takes over the socket the WebSocket came from, with its place in the per-address count
    // and the sign-in deadline that began at accept.
    Connection(QWebSocket *socket, std::unique_ptr<AcceptedSocket> accepted,
        const ServerConfig &config, QObject *parent = nullptr);
    ~Connection() override;

    // A frame made by WireFrame, written as it is (many connections may share it).
    void sendWire(const QByteArray &frame);
    void sendBinary(const QByteArray &frame);
    qint64 bytesToWrite() const;
    void close(quint16 code, const QString &reason);
    void markAuthenticated();
    QString peerAddress() const;

signals:
    void textReceived(const QString &frame);
    void binaryReceived(const QByteArray &frame);
    void bytesWritten();
    void closed();

private:
    void checkPong();
    bool dropIfFarBehind();

    // Declared first so that it goes last: the WebSocket uses the TCP socket it owns.
    std::unique_ptr<AcceptedSocket> m_accepted;
    std::unique_ptr<QWebSocket> m_socket;
    const ServerConfig &m_config;
    QTimer m_authTimer;
    QTimer m_pingTimer;
    QElapsedTimer m_sinceLastPong;
    bool m_closing = false;
};

} // namespace Confab::Server
