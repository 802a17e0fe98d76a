#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

// The client side of one WebSocket (RFC 6455) on a QTcpSocket, text frames only.
// QWebSocket decodes every text frame to UTF-16 and reads each frame header in small
// QIODevice reads; a generator that must take 150,000 frames/s on one core scans the
// received bytes in place instead and hands each frame to the owner as a byte view.
class WebSocketConnection : public QObject {
    Q_OBJECT
public:
    using FrameHandler = std::function<void(QByteArrayView text)>;

    explicit WebSocketConnection(QObject *parent = nullptr);
    ~WebSocketConnection() override;

    void open(const QUrl &url);
    void sendText(QByteArrayView payload);
    void close(quint16 code = 1000);
    bool isOpen() const { return m_state == State::Open; }
    // Called for each complete text frame; the view is valid during the call only.
    void setFrameHandler(FrameHandler handler) { m_frameHandler = std::move(handler); }

signals:
    void opened();
    // `code` is the peer's close code, or 1006 when the connection broke without one.
    void closed(int code, const QString &reason);

private:
    enum class State { Idle, Connecting, Handshaking, Open, Closed };

    void writeHandshake();
    void readIncoming();
    bool readHandshake();
    void readFrames();
    void handleFrame(int opcode, bool fin, QByteArrayView payload);
    void writeFrame(int opcode, QByteArrayView payload);
    void finish(int code, const QString &reason);

    QTcpSocket m_socket;
    QUrl m_url;
    State m_state = State::Idle;
    QByteArray m_key;
    QByteArray m_incoming;
    QByteArray m_fragments; // a text message split over continuation frames
    QByteArray m_outgoing; // reused for every frame sent
    quint32 m_maskState = 0;
    int m_closeCode = 1006;
    bool m_closedReported = false;
    FrameHandler m_frameHandler;
};
