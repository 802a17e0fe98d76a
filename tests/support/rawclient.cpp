#include "rawclient.h"

#include <QDeadlineTimer>
#include <QTest>

#include <sys/socket.h>

bool RawClient::open(const QUrl &url)
{
    m_socket.connectToHost(url.host(), quint16(url.port()));
    if (!m_socket.waitForConnected(5000))
        return false;
    m_socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
    QDeadlineTimer deadline(5000);
    while (!m_received.contains("\r\n\r\n") && !deadline.hasExpired()) {
        m_socket.waitForReadyRead(50);
        m_received += m_socket.readAll();
    }
    const bool upgraded = m_received.startsWith("HTTP/1.1 101");
    m_received = m_received.mid(m_received.indexOf("\r\n\r\n") + 4);
    return upgraded;
}

void RawClient::sendText(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xff));
    }
    const char mask[4] = { 0x11, 0x22, 0x33, 0x44 };
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    m_socket.write(frame);
    m_socket.flush();
}

void RawClient::reset()
{
    // No lingering: the close sends RST at once, whatever is unsent or unread.
    const linger noLinger { 1, 0 };
    ::setsockopt(
        int(m_socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
    m_socket.abort();
}

int RawClient::waitForCloseCode(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        // Spin the event loop, so that other clients of the test keep answering pings.
        QTest::qWait(20);
        m_received += m_socket.readAll();
        const qsizetype at = m_received.indexOf(char(0x88));
        if (at >= 0 && m_received.size() >= at + 4)
            return (quint8(m_received.at(at + 2)) << 8) | quint8(m_received.at(at + 3));
    }
    return -1;
}
