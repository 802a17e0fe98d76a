#pragma once

#include "net/connection.h"
#include "net/wsframereader.h"

#include <QSocketNotifier>

namespace Confab::Server {

class KeyedCounter;

// A connection on a plain TCP socket whose WebSocket this server runs itself, from the
// handshake on: bytes go from the kernel to the frame reader and back without a socket
// object's buffers in between. An idle connection holds no buffer at all, and text frames
// reach the session as the UTF-8 they came as.
class PlainConnection : public Connection {
    Q_OBJECT
public:
    // Takes over `descriptor` (accepted, connected), whose peer already holds a place in
    // `limiter`; gives it back when it goes.
    PlainConnection(qintptr descriptor, const QString &peer, KeyedCounter &limiter,
        const ServerConfig &config, OutputBatch &batch, QObject *parent = nullptr);
    ~PlainConnection() override;

    QString peerAddress() const override { return m_peer; }
    // The address of the peer of an accepted descriptor, as the per-address count keys it.
    static QString peerOf(qintptr descriptor);

signals:
    // The handshake is done: frames may flow. Before it, only closed() can come.
    void opened();

protected:
    void writeFrames(const QByteArray &frames) override;
    void writeBinary(const QByteArray &frame) override;
    qint64 heldBytes() const override { return m_out.size() - m_outSent; }
    void sendClose(quint16 code, const QString &reason) override;
    void sendPing() override;
    void abortNow() override { finish(); }
    void deadlinePassed() override;

private:
    enum class State {
        Handshake,
        Open,
        CloseSent, // reading on only for the peer's close
        Draining, // nothing more to read: our side ends once the output is written
        Ended,
    };
    bool isReading() const
    {
        return m_state == State::Handshake || m_state == State::Open || m_state == State::CloseSent;
    }

    void readReady();
    qsizetype readOnce(); // how much one read brought
    void writeReady();
    // Each returns how much of `data` it used.
    qsizetype readSome(char *data, qsizetype size);
    qsizetype readHandshake(char *data, qsizetype size);
    qsizetype readFrames(char *data, qsizetype size);
    void handle(WsFrameReader::Step &step);
    void write(const QByteArray &bytes);
    void finishIfWritten(); // once a closing connection's last frame is out
    void finish();

    int m_descriptor;
    const QString m_peer;
    KeyedCounter &m_limiter;
    QSocketNotifier m_readNotifier;
    QSocketNotifier m_writeNotifier;
    WsFrameReader m_reader;
    State m_state = State::Handshake;
    // The start of a frame (or of the handshake) still arriving; empty between frames.
    QByteArray m_in;
    // What the kernel has not taken yet; the first m_outSent bytes of it are written.
    QByteArray m_out;
    qsizetype m_outSent = 0;
    bool m_peerClosed = false;
    bool m_failed = false;
    bool m_shutDown = false;
};

} // namespace Confab::Server
