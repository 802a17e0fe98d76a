#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A WebSocket client made by hand, so that it can do what QWebSocket never does: ignore
// pings, and stop reading.
class RawClient {
public:
    bool open(const QUrl &url)
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

    // A masked text frame, as a client must send.
    void sendText(const QByteArray &payload)
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

    // Reads until the server's close frame arrives; returns its code, or -1.
    int waitForCloseCode(int timeoutMs)
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

    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

// Keep-alive, slow readers and TLS.
class tst_Transport : public QObject {
    Q_OBJECT
private slots:
    void silentPeerIsClosedWith4408()
    {
        ServerProcess server;
        const QString config = server.writeConfig(
            "[limits]\nping_interval_ms=150\npong_timeout_ms=500\nauth_timeout_ms=60000\n");
        QVERIFY(server.start({ u"--config"_s, config }));

        RawClient silent;
        QVERIFY(silent.open(server.url()));
        TestClient answering; // QWebSocket answers pings by itself
        QVERIFY(answering.open(server.url()));

        QCOMPARE(silent.waitForCloseCode(5000), 4408);
        QTest::qWait(400);
        QVERIFY(answering.isOpen());
        QCOMPARE(answering.request({ { "type"_L1, "ping"_L1 } }).value("type"_L1).toString(), u"pong"_s);
    }

    void slowReaderIsDroppedAndOthersCarryOn()
    {
        ServerProcess server;
        const QString config = server.writeConfig(
            "[limits]\nmax_unsent_bytes=65536\nsend_burst=100000\nsend_per_second=100000\n");
        QVERIFY(server.start({ u"--config"_s, config }));

        RawClient slow;
        QVERIFY(slow.open(server.url()));
        slow.sendText(R"({"type":"register","id":"r","username":"sloth","password":"long enough"})");
        QDeadlineTimer deadline(10000);
        QByteArray seen;
        while (!seen.contains("\"auth\"") && !deadline.hasExpired()) {
            slow.socket().waitForReadyRead(50);
            seen += slow.socket().readAll();
        }
        const QRegularExpressionMatch userId = QRegularExpression(u"\"userId\":\"([0-9a-f]{32})\""_s)
                                                   .match(QString::fromUtf8(seen));
        QVERIFY(userId.hasMatch());
        // From here on the slow client reads nothing.
        slow.socket().setReadBufferSize(1);

        TestClient sender, bystander;
        QVERIFY(sender.open(server.url()));
        QVERIFY(bystander.open(server.url()));
        sender.registerUser(u"flooder"_s);
        bystander.registerUser(u"bystander"_s);
        const QString roomId = sender.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "flood"_L1 },
                                                  { "members"_L1, QJsonArray { userId.captured(1), bystander.userId() } } })
                                   .value("room"_L1).toObject().value("roomId"_L1).toString();
        const QString big(15000, u'x');
        QJsonObject presence;
        for (int i = 0; i < 400 && presence.isEmpty(); ++i) {
            sender.sendJson(QJsonObject { { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
                { "clientMsgId"_L1, QString(u"f"_s + QString::number(i)) }, { "text"_L1, big } });
            QTest::qWait(2);
            presence = sender.waitFor([&](const QJsonObject &frame) {
                return frame.value("type"_L1).toString() == "presence"_L1
                    && frame.value("userId"_L1).toString() == userId.captured(1)
                    && !frame.value("online"_L1).toBool();
            }, 0);
        }
        if (presence.isEmpty())
            presence = sender.waitFor([&](const QJsonObject &frame) {
                return frame.value("type"_L1).toString() == "presence"_L1 && !frame.value("online"_L1).toBool();
            }, 5000);
        QVERIFY2(!presence.isEmpty(), "the slow reader was not dropped");
        QVERIFY(bystander.isOpen());
        QVERIFY(sender.isOpen());
        // The bystander received the flood and the server still answers.
        QTRY_VERIFY(bystander.frames().size() > 10);
        QCOMPARE(bystander.request({ { "type"_L1, "ping"_L1 } }).value("type"_L1).toString(), u"pong"_s);
    }

    void servesWssWithACertificate()
    {
        QTemporaryDir certDir;
        const QString cert = certDir.filePath(u"cert.pem"_s);
        const QString key = certDir.filePath(u"key.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                        u"-keyout"_s, key, u"-out"_s, cert, u"-days"_s, u"2"_s, u"-subj"_s,
                                        u"/CN=localhost"_s });
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);

        ServerProcess server;
        QVERIFY(server.start({ u"--tls-cert"_s, cert, u"--tls-key"_s, key }));
        QCOMPARE(server.url().scheme(), u"wss"_s);
        TestClient client;
        QObject::connect(&client.socket(), &QWebSocket::sslErrors, &client.socket(),
            [&client](const QList<QSslError> &) { client.socket().ignoreSslErrors(); });
        QVERIFY(client.open(server.url()));
        QCOMPARE(client.registerUser(u"secure"_s).value("type"_L1).toString(), u"auth"_s);
    }
};

QTEST_MAIN(tst_Transport)
#include "tst_transport.moc"
