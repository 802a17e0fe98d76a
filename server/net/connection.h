#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

#include <memory>

class QWebSocket;

namespace Confab::Server {

class AcceptedSocket;
class OutputBatch;
struct ServerConfig;

// One WebSocket and the rules of the transport: frame limits, the authentication deadline,
// keep-alive pings, and a bound on what may wait unsent for a slow reader.
class Connection : public QObject {
    Q_OBJECT
public:
    // Takes over the socket the WebSocket came from, with its place in the per-address count
    // and the sign-in deadline that began at accept. Frames wait in `batch` (of this thread)
    // to be written together.
    Connection(QWebSocket *socket, std::unique_ptr<AcceptedSocket> accepted,
        const ServerConfig &config, OutputBatch &batch, QObject *parent = nullptr);
    ~Connection() override;

    // A frame made by WireFrame (many connections may share it), written as it is with the
    // others of this event-loop pass.
    void sendWire(const QByteArray &frame);
    // Writes the frames sendWire() queued; called by the batch.
    void flush();
    void sendBinary(const QByteArray &frame);
    // What is not yet written: queued here and held by the socket.
    qint64 bytesToWrite() const;
    void close(quint16 code, const QString &reason);
    void markAuthenticated();
    QString peerAddress() const;

signals:
    void textReceived(const QString &frame);
    void binaryReceived(const QByteArray &frame);
    void bytesWritten();
    void closed();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void checkPong();
    bool dropIfFarBehind();

    // Declared first so that it goes last: the WebSocket uses the TCP socket it owns.
    std::unique_ptr<AcceptedSocket> m_accepted;
    std::unique_ptr<QWebSocket> m_socket;
    const ServerConfig &m_config;
    OutputBatch &m_batch;
    // Frames not yet given to the socket: one shared frame, or several copied together.
    QByteArray m_unflushed;
    const bool m_directWrites;
    // Not QTimers: an object and a signal connection fewer each, per connection.
    QBasicTimer m_authTimer;
    QBasicTimer m_pingTimer;
    QElapsedTimer m_sinceLastPong;
    bool m_closing = false;
};

} // namespace Confab::Server
