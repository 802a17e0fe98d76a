#pragma once

#include <QBasicTimer>
#include <QByteArray>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>

namespace Confab::Server {

class OutputBatch;
struct ServerConfig;

// One WebSocket, as sessions see it, and the rules of the transport that do not depend on
// how frames are read and written: frame limits, the sign-in deadline, keep-alive pings, and
// a bound on what may wait unsent for a slow reader. Subclasses move the frames.
class Connection : public QObject {
    Q_OBJECT
public:
    ~Connection() override;

    // A frame made by WireFrame (many connections may share it), written as it is with the
    // others of this event-loop pass.
    void sendWire(const QByteArray &frame);
    // Writes the frames sendWire() queued; called by the batch.
    void flush();
    void sendBinary(const QByteArray &frame);
    // What is not yet written: queued here and held below.
    qint64 bytesToWrite() const { return heldBytes() + m_unflushed.size(); }
    void close(quint16 code, const QString &reason);
    void markAuthenticated();
    virtual QString peerAddress() const = 0;

signals:
    void textReceived(const QByteArray &utf8);
    void binaryReceived(const QByteArray &frame);
    void bytesWritten();
    void closed();

protected:
    // `signInDeadline` began at accept. Frames wait in `batch` (of this thread) to be
    // written together.
    Connection(const ServerConfig &config, OutputBatch &batch, QDeadlineTimer signInDeadline,
        QObject *parent);

    // For subclasses, as the WebSocket's life goes on.
    void startKeepAlive(); // once the handshake is done
    void receivedText(const QByteArray &utf8);
    void receivedBinary(const QByteArray &frame);
    void receivedPong() { m_sinceLastPong.restart(); }
    void ended(); // the socket is gone: emits closed()
    bool isClosing() const { return m_closing; }
    const ServerConfig &config() const { return m_config; }

    // What subclasses do.
    virtual void writeFrames(const QByteArray &frames) = 0; // whole text frames, in order
    virtual void writeBinary(const QByteArray &frame) = 0; // a message's payload
    virtual qint64 heldBytes() const = 0;
    virtual void sendClose(quint16 code, const QString &reason) = 0;
    virtual void sendPing() = 0;
    virtual void abortNow() = 0; // drop the socket at once; ended() follows
    virtual void deadlinePassed();

    void timerEvent(QTimerEvent *event) override;

private:
    void checkPong();
    bool dropIfFarBehind();

    const ServerConfig &m_config;
    OutputBatch &m_batch;
    // Frames not yet given to the socket: one shared frame, or several copied together.
    QByteArray m_unflushed;
    // Not QTimers: an object and a signal connection fewer each, per connection.
    QBasicTimer m_authTimer;
    QBasicTimer m_pingTimer;
    QBasicTimer m_graceTimer;
    QElapsedTimer m_sinceLastPong;
    bool m_closing = false;
    bool m_ended = false;
};

} // namespace Confab::Server
