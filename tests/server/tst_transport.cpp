#include "serverprocess.h"
#include "rawclient.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

// Keep-alive, slow readers and TLS.
class tst_Transport : public QObject {
    Q_OBJECT
private slots:
    void silentPeerIsClosedWith4408()
    {
        ServerProcess server;
        QVERIFY(server.startWithConfig(
            "[limits]\nping_interval_ms=150\npong_timeout_ms=500\nauth_timeout_ms=60000\n"));

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
        QVERIFY(server.startWithConfig(
            "[limits]\nmax_unsent_bytes=65536\nsend_burst=100000\nsend_per_second=100000\n"));

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
            // One at a time: while waiting for each `sent`, this process also reads what the
            // bystander receives, so only the slow reader falls behind, however busy the
            // machine is.
            const QJsonObject sent = sender.request(QJsonObject { { "type"_L1, "send"_L1 },
                { "roomId"_L1, roomId }, { "clientMsgId"_L1, QString(u"f"_s + QString::number(i)) },
                { "text"_L1, big } });
            QCOMPARE(sent.value("type"_L1).toString(), u"sent"_s);
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
