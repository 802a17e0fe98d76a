#include "net/wireframe.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The server writes its own frames beside Qt's; a real QWebSocket client must read them as
// the messages they were, at every length encoding (7-bit, 16-bit and 64-bit).
class tst_WireFrame : public QObject {
    Q_OBJECT
private slots:
    void aClientReadsEveryLength_data();
    void aClientReadsEveryLength();
};

namespace {

// Answers the client's opening handshake (RFC 6455 section 4.2.2) on a plain TCP socket.
bool acceptHandshake(QTcpSocket &socket)
{
    // The client runs in this thread too: wait with its event loop going.
    QByteArray request;
    if (!QTest::qWaitFor([&] {
            request += socket.readAll();
            return request.contains("\r\n\r\n");
        }))
        return false;
    QByteArray key;
    for (const QByteArray &line : request.split('\n')) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(line.indexOf(':') + 1).trimmed();
    }
    const QByteArray keyed = key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    const QByteArray accept
        = QCryptographicHash::hash(keyed, QCryptographicHash::Sha1).toBase64();
    const QByteArray reply = QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                                               "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                               "Sec-WebSocket-Accept: ")
        + accept + QByteArrayLiteral("\r\n\r\n");
    return socket.write(reply) == reply.size();
}

} // namespace

void tst_WireFrame::aClientReadsEveryLength_data()
{
    QTest::addColumn<int>("size");
    for (int size : { 0, 1, 125, 126, 127, 65535, 65536, 300000 })
        QTest::addRow("%d bytes", size) << size;
}

void tst_WireFrame::aClientReadsEveryLength()
{
    QFETCH(int, size);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QWebSocket client;
    client.setMaxAllowedIncomingMessageSize(1 << 20);
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy received(&client, &QWebSocket::textMessageReceived);
    client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(server.serverPort())));
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *socket = server.nextPendingConnection();
    QVERIFY(acceptHandshake(*socket));
    QTRY_COMPARE(connected.size(), 1);

    // Text with characters of one, two and three UTF-8 bytes, cut to `size` bytes whole.
    const QStringList pieces { u"a"_s, u"é"_s, u"語"_s }; // 1, 2 and 3 bytes
    QString text;
    int bytes = 0;
    for (int i = 0; bytes + 3 <= size; ++i) {
        text += pieces.at(i % 3);
        bytes += i % 3 + 1;
    }
    for (; bytes < size; ++bytes)
        text += u'z';
    QCOMPARE(text.toUtf8().size(), size);
    socket->write(WireFrame::text(text.toUtf8()));
    socket->write(WireFrame::text("after"));
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(0).at(0).toString(), text);
    QCOMPARE(received.at(1).at(0).toString(), u"after"_s);
}

QTEST_GUILESS_MAIN(tst_WireFrame)
#include "tst_wireframe.moc"
