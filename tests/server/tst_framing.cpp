#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

// The WebSocket framing the server reads and writes itself, seen from a client that writes
// every byte by hand: fragments, control frames between them, frames right behind the
// handshake, the close handshake, and each breach of RFC 6455 failed with its own code while
// other clients carry on.
class tst_Framing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void fragmentsAroundAPingMakeOneRequest();
    void framesRightBehindTheHandshakeAreRead();
    void aMessageInPiecesOfOneByteIsRead();
    void aClientCloseIsEchoedAndTheServerEndsTheStream();
    void breachesCloseWithTheirCode_data();
    void breachesCloseWithTheirCode();
    void aBadHandshakeGetsAnHttpError_data();
    void aBadHandshakeGetsAnHttpError();

private:
    ServerProcess m_server;
};

namespace {

const QByteArray kHandshake
    = "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";

QByteArray clientFrame(quint8 opcode, QByteArray payload, bool final = true, bool masked = true)
{
    QByteArray frame;
    frame.append(char((final ? 0x80 : 0) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xff));
    }
    if (masked) {
        const char key[4] = { char(0x9e), 0x12, char(0xc0), 0x55 };
        frame.append(key, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ key[i % 4]);
    }
    return frame + payload;
}

struct ServerFrame {
    int opcode = -1; // -1: none came
    QByteArray payload;
    int closeCode() const
    {
        return payload.size() >= 2 ? (quint8(payload[0]) << 8) | quint8(payload[1]) : -1;
    }
};

// A client socket that speaks bytes, and reads the server's (unmasked) frames back.
class HandClient {
public:
    bool connectTo(const QUrl &url)
    {
        m_socket.connectToHost(url.host(), quint16(url.port()));
        return m_socket.waitForConnected(5000);
    }
    void write(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    bool open(const QUrl &url, const QByteArray &behindHandshake = {})
    {
        if (!connectTo(url))
            return false;
        write(kHandshake + behindHandshake);
        return readHttpReply().startsWith("HTTP/1.1 101 ");
    }
    QByteArray readHttpReply()
    {
        waitFor([&] { return m_received.contains("\r\n\r\n"); });
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return {};
        const QByteArray reply = m_received.first(end + 4);
        m_received.remove(0, end + 4);
        return reply;
    }
    // The next frame, skipping the server's keep-alive pings.
    ServerFrame nextFrame(int timeoutMs = 5000)
    {
        ServerFrame frame;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (takeFrame(&frame)) {
                if (frame.opcode != 0x9)
                    return frame;
                continue;
            }
            if (!waitFor([&] { return hasFrame(); }, int(deadline.remainingTime())))
                break;
        }
        return {};
    }
    // Whether the server ended the stream (a FIN, after which nothing more can come).
    bool waitForEnd(int timeoutMs)
    {
        return waitFor(
            [&] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

private:
    bool waitFor(const std::function<bool()> &done, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            if (m_socket.state() == QAbstractSocket::UnconnectedState) {
                m_received += m_socket.readAll();
                return done();
            }
            m_socket.waitForReadyRead(20);
            m_received += m_socket.readAll();
        }
        return true;
    }
    qsizetype frameSize() const
    {
        if (m_received.size() < 2)
            return -1;
        const int length = quint8(m_received[1]) & 0x7f;
        qsizetype header = 2;
        quint64 size = quint64(length);
        if (length == 126) {
            if (m_received.size() < 4)
                return -1;
            size = (quint8(m_received[2]) << 8) | quint8(m_received[3]);
            header = 4;
        } else if (length == 127) {
            if (m_received.size() < 10)
                return -1;
            size = 0;
            for (int i = 2; i < 10; ++i)
                size = (size << 8) | quint8(m_received[i]);
            header = 10;
        }
        return m_received.size() >= header + qsizetype(size) ? header + qsizetype(size) : -1;
    }
    bool hasFrame() const { return frameSize() > 0; }
    bool takeFrame(ServerFrame *frame)
    {
        const qsizetype size = frameSize();
        if (size < 0)
            return false;
        const int length = quint8(m_received[1]) & 0x7f;
        const qsizetype header = length == 126 ? 4 : length == 127 ? 10 : 2;
        frame->opcode = quint8(m_received[0]) & 0x0f;
        frame->payload = m_received.mid(header, size - header);
        m_received.remove(0, size);
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

void tst_Framing::initTestCase()
{
    QVERIFY(m_server.startWithConfig("[limits]\nauth_timeout_ms=60000\n"));
}

void tst_Framing::cleanupTestCase()
{
    QVERIFY(m_server.stop());
}

void tst_Framing::fragmentsAroundAPingMakeOneRequest()
{
    HandClient client;
    QVERIFY(client.open(m_server.url()));
    client.write(clientFrame(0x1, R"({"type":"pi)", false) + clientFrame(0x9, "are you there")
        + clientFrame(0x0, R"(ng","id":)", false) + clientFrame(0x0, R"("p1"})"));
    const ServerFrame pong = client.nextFrame();
    QCOMPARE(pong.opcode, 0xA);
    QCOMPARE(pong.payload, "are you there");
    const ServerFrame reply = client.nextFrame();
    QCOMPARE(reply.opcode, 0x1);
    QCOMPARE(reply.payload, R"({"id":"p1","type":"pong"})");
}

void tst_Framing::framesRightBehindTheHandshakeAreRead()
{
    HandClient client;
    QVERIFY(client.open(m_server.url(), clientFrame(0x1, R"({"type":"ping","id":"early"})")));
    const ServerFrame reply = client.nextFrame();
    QCOMPARE(reply.opcode, 0x1);
    QVERIFY(reply.payload.contains(R"("id":"early")"));
}

void tst_Framing::aMessageInPiecesOfOneByteIsRead()
{
    HandClient client;
    QVERIFY(client.connectTo(m_server.url()));
    const QByteArray bytes = kHandshake + clientFrame(0x1, R"({"type":"ping","id":"slow"})");
    for (char byte : bytes) {
        client.write(QByteArray(1, byte));
        QTest::qWait(1);
    }
    QVERIFY(client.readHttpReply().startsWith("HTTP/1.1 101 "));
    QVERIFY(client.nextFrame().payload.contains(R"("id":"slow")"));
}

void tst_Framing::aClientCloseIsEchoedAndTheServerEndsTheStream()
{
    HandClient client;
    QVERIFY(client.open(m_server.url()));
    client.write(clientFrame(0x8, QByteArray("\x0f\xa0", 2) + "done")); // 4000
    const ServerFrame close = client.nextFrame();
    QCOMPARE(close.opcode, 0x8);
    QCOMPARE(close.closeCode(), 4000);
    QVERIFY(client.waitForEnd(3000));
}

void tst_Framing::breachesCloseWithTheirCode_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked") << clientFrame(0x1, R"({"type":"ping"})", true, false) << 1002;
    QTest::newRow("reserved opcode") << clientFrame(0x3, "x") << 1002;
    QTest::newRow("continuation first") << clientFrame(0x0, "x") << 1002;
    QTest::newRow("not UTF-8") << clientFrame(0x1, "{\"type\":\"\xff\"}") << 1007;
    QTest::newRow("text too large") << clientFrame(0x1, QByteArray(128 * 1024 + 1, ' ')) << 1009;
    QTest::newRow("binary too large") << clientFrame(0x2, QByteArray(256 * 1024 + 25, 'b')) << 1009;
}

void tst_Framing::breachesCloseWithTheirCode()
{
    QFETCH(QByteArray, frames);
    QFETCH(int, code);
    TestClient bystander;
    QVERIFY(bystander.open(m_server.url()));

    HandClient client;
    QVERIFY(client.open(m_server.url()));
    client.write(frames);
    const ServerFrame close = client.nextFrame();
    QCOMPARE(close.opcode, 0x8);
    QCOMPARE(close.closeCode(), code);
    QVERIFY(client.waitForEnd(7000));

    QCOMPARE(
        bystander.request({ { "type"_L1, "ping"_L1 } }).value("type"_L1).toString(), u"pong"_s);
}

void tst_Framing::aBadHandshakeGetsAnHttpError_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("plain HTTP") << QByteArray("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("version 8") << QByteArray(kHandshake).replace("Version: 13", "Version: 8")
                               << QByteArray("426");
}

void tst_Framing::aBadHandshakeGetsAnHttpError()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    HandClient client;
    QVERIFY(client.connectTo(m_server.url()));
    client.write(request);
    QVERIFY(client.readHttpReply().startsWith(QByteArray("HTTP/1.1 " + status + ' ')));
    QVERIFY(client.waitForEnd(3000));
}

QTEST_MAIN(tst_Framing)
#include "tst_framing.moc"
