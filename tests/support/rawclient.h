#pragma once

#include <QByteArray>
#include <QTcpSocket>
#include <QUrl>

// A WebSocket client made by hand, so that it can do what QWebSocket never does: ignore
// pings, and stop reading.
class RawClient {
public:
    // Connects and completes the handshake.
    bool open(const QUrl &url);
    // A masked text frame, as a client must send.
    void sendText(const QByteArray &payload);
    // Reads until the server's close frame arrives; returns its code, or -1.
    int waitForCloseCode(int timeoutMs);
    // Drops the connection with a TCP reset, as a client that vanishes does.
    void reset();
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};
