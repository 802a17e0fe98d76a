#include "net/wshandshake.h"

#include <QTest>

using namespace Confab::Server;
using Status = WsHandshake::Status;

// The server's half of the opening handshake (RFC 6455, section 4.2).
class tst_WsHandshake : public QObject {
    Q_OBJECT
private slots:
    void acceptKeyIsTheRfcExample();
    void acceptsAnUpgradeAndLeavesWhatFollows();
    void acceptsHeadersInAnyCaseAndTokenLists();
    void waitsForTheEndOfTheRequest();
    void refuses_data();
    void refuses();
    void refusesAnEndlessRequestWithoutItsEnd();
};

namespace {

const QByteArray kKey = "dGhlIHNhbXBsZSBub25jZQ==";

QByteArray request(const QByteArray &headers)
{
    return "GET /chat HTTP/1.1\r\n" + headers + "\r\n";
}

QByteArray goodHeaders()
{
    return "Host: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: "
        + kKey + "\r\nSec-WebSocket-Version: 13\r\n";
}

} // namespace

void tst_WsHandshake::acceptKeyIsTheRfcExample()
{
    QCOMPARE(WsHandshake::acceptKey(kKey), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void tst_WsHandshake::acceptsAnUpgradeAndLeavesWhatFollows()
{
    const QByteArray opening = request(goodHeaders());
    const WsHandshake::Result result = WsHandshake::read(QByteArray(opening
        + "\x81\x80"
          "frames"));
    QCOMPARE(result.status, Status::Accepted);
    QCOMPARE(result.consumed, opening.size());
    QVERIFY(result.reply.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    QVERIFY(result.reply.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    QVERIFY(result.reply.contains("\r\nUpgrade: websocket\r\n"));
    QVERIFY(result.reply.endsWith("\r\n\r\n"));
    // Nothing is agreed that was not asked for.
    QVERIFY(!result.reply.contains("Sec-WebSocket-Protocol"));
    QVERIFY(!result.reply.contains("Sec-WebSocket-Extensions"));
}

void tst_WsHandshake::acceptsHeadersInAnyCaseAndTokenLists()
{
    const QByteArray headers
        = "host: x\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
          "sec-websocket-key:"
        + kKey
        + "\r\nsec-websocket-version:13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"
          "Origin: http://example.com\r\n";
    const WsHandshake::Result result = WsHandshake::read(request(headers));
    QCOMPARE(result.status, Status::Accepted);
    QVERIFY(!result.reply.contains("permessage-deflate"));
}

void tst_WsHandshake::waitsForTheEndOfTheRequest()
{
    const QByteArray opening = request(goodHeaders());
    for (qsizetype cut = 0; cut < opening.size(); ++cut)
        QCOMPARE(WsHandshake::read(opening.first(cut)).status, Status::Incomplete);
}

void tst_WsHandshake::refuses_data()
{
    QTest::addColumn<QByteArray>("opening");
    QTest::addColumn<QByteArray>("status");
    const QByteArray good = goodHeaders();
    QTest::newRow("POST") << "POST / HTTP/1.1\r\n" + good + "\r\n" << QByteArray("400");
    QTest::newRow("HTTP/1.0") << "GET / HTTP/1.0\r\n" + good + "\r\n" << QByteArray("400");
    QTest::newRow("not a path") << "GET x HTTP/1.1\r\n" + good + "\r\n" << QByteArray("400");
    QTest::newRow("no host") << request(QByteArray(good).replace("Host: example.com\r\n", ""))
                             << QByteArray("400");
    QTest::newRow("no upgrade") << request(QByteArray(good).replace("Upgrade: websocket",
        "Upgrade: h2c")) << QByteArray("400");
    QTest::newRow("connection without upgrade")
        << request(QByteArray(good).replace("Connection: Upgrade", "Connection: keep-alive"))
        << QByteArray("400");
    QTest::newRow("version 8") << request(QByteArray(good).replace("Version: 13", "Version: 8"))
                               << QByteArray("426");
    QTest::newRow("short key") << request(QByteArray(good).replace(kKey, "c2hvcnQ="))
                               << QByteArray("400");
    QTest::newRow("key not base64")
        << request(QByteArray(good).replace(kKey, "!!!!")) << QByteArray("400");
    QTest::newRow("header without colon") << request(good + "Broken\r\n") << QByteArray("400");
    QTest::newRow("bare line feed") << request(good + "X: a\nY: b\r\n") << QByteArray("400");
    QTest::newRow("too long") << request(good + "X: " + QByteArray(9000, 'x') + "\r\n")
                              << QByteArray("431");
}

void tst_WsHandshake::refuses()
{
    QFETCH(QByteArray, opening);
    QFETCH(QByteArray, status);
    const WsHandshake::Result result = WsHandshake::read(opening);
    QCOMPARE(result.status, Status::Refused);
    QVERIFY2(
        result.reply.startsWith(QByteArray("HTTP/1.1 " + status + ' ')), result.reply.constData());
    QVERIFY(result.reply.contains("\r\nConnection: close\r\n"));
    QVERIFY(result.why);
    if (status == "426")
        QVERIFY(result.reply.contains("\r\nSec-WebSocket-Version: 13\r\n"));
}

void tst_WsHandshake::refusesAnEndlessRequestWithoutItsEnd()
{
    const QByteArray endless
        = "GET / HTTP/1.1\r\nX: " + QByteArray(WsHandshake::MaxRequestBytes, 'x');
    const WsHandshake::Result result = WsHandshake::read(endless);
    QCOMPARE(result.status, Status::Refused);
    QVERIFY(result.reply.startsWith("HTTP/1.1 431 "));
}

QTEST_APPLESS_MAIN(tst_WsHandshake)
#include "tst_wshandshake.moc"
