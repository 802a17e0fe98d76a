#include "protocolsteps.h"
#include "rawclient.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// Registers on a raw connection and returns the user id (empty on failure).
QString registerRaw(RawClient &client, const QString &name)
{
    client.sendText(R"({"type":"register","id":"r","username":")" + name.toUtf8()
        + R"(","password":"correct horse"})");
    QByteArray seen;
    QDeadlineTimer deadline(15000);
    while (!seen.contains("\"auth\"") && !deadline.hasExpired()) {
        client.socket().waitForReadyRead(50);
        seen += client.socket().readAll();
    }
    return QRegularExpression(u"\"userId\":\"([0-9a-f]{32})\""_s)
        .match(QString::fromUtf8(seen))
        .captured(1);
}

} // namespace

// A connection the server closes goes away, and gives its place back, even when its peer has
// stopped reading and the close cannot be sent.
class tst_Closing : public QObject {
    Q_OBJECT
private slots:
    void closeToAPeerThatDoesNotReadEnds();
};

void tst_Closing::closeToAPeerThatDoesNotReadEnds()
{
    // Three connections from this address; a large unsent allowance, so that the reader is
    // not dropped as slow but holds megabytes the server cannot send.
    SuiteServer server;
    QVERIFY(server.start("[limits]\nmax_connections_per_ip=3\nmax_unsent_bytes=268435456\n"
                         "send_burst=100000\nsend_per_second=100000\n"));
    RawClient stuck;
    QVERIFY(stuck.open(server.process().url()));
    const QString stuckName = server.uniqueName(u"stuck"_s);
    const QString stuckId = registerRaw(stuck, stuckName);
    QVERIFY(!stuckId.isEmpty());
    // From here on it reads nothing, and its kernel takes little: without the cap, Linux
    // grows a receive buffer to 32 MiB, and the server would hold nothing unsent.
    stuck.socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 65536);
    stuck.socket().setReadBufferSize(1);

    ClientPtr sender = server.newUser(u"flooder"_s);
    QVERIFY(sender);
    const QString roomId = openDirect(*sender, stuckId);
    QVERIFY(!roomId.isEmpty());
    // 12 MiB: far more than the socket buffers hold (4 MiB at most), so most of it waits in
    // the server.
    const QString text(16000, u'x');
    for (int i = 0; i < 800; ++i)
        QCOMPARE(outcome(sendMessage(*sender, roomId, text)), u"sent"_s);

    // Full: a third connection fits (signed in, so that its deadline does not end it), a
    // fourth does not.
    ClientPtr third = server.newUser(u"third"_s);
    QVERIFY(third);
    TestClient fourth;
    QVERIFY(!fourth.open(server.process().url(), 1000));

    // Signed out: the server closes the connection with 4403, which cannot be sent.
    QCOMPARE(server.process().runAdmin({ u"user"_s, u"disable"_s, stuckName }, {}), 0);
    // Within the revocation poll and the close's grace period its place is free again.
    std::unique_ptr<TestClient> again;
    QDeadlineTimer deadline(15000);
    while (!again && !deadline.hasExpired()) {
        auto client = std::make_unique<TestClient>();
        if (client->open(server.process().url(), 1000))
            again = std::move(client);
        else
            QTest::qWait(250);
    }
    QVERIFY2(again, "the closed connection kept its place");
    QVERIFY(answersPing(*again));
    QVERIFY(answersPing(*sender));
    QVERIFY(answersPing(*third));
    QVERIFY(server.stop());
}

QTEST_MAIN(tst_Closing)
#include "tst_closing.moc"
