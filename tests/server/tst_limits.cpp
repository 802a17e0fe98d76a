#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// A ping frame padded with an unknown field to exactly `bytes` bytes of UTF-8.
QString paddedPing(qsizetype bytes)
{
    const QString head = u"{\"type\":\"ping\",\"id\":\"big\",\"pad\":\""_s;
    const QString tail = u"\"}"_s;
    return head + QString(bytes - head.size() - tail.size(), u'x') + tail;
}

} // namespace

// Limits: malformed input, frame and text sizes, requests before sign-in and its deadline,
// send rates. Sign-in failures and registration rules are in tst_signin.
// A shared server with defaults; tests of other limits start their own with an INI.
class tst_Limits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void malformedFramesKeepConnection_data();
    void malformedFramesKeepConnection();
    void textFrameSizeLimit_data();
    void textFrameSizeLimit();
    void requestsBeforeSignIn_data();
    void requestsBeforeSignIn();
    void signInDeadline();
    void sendRateLimit();
    void messageTextLimit_data();
    void messageTextLimit();

private:
    SuiteServer m_server;
};

void tst_Limits::malformedFramesKeepConnection_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("echoedId"); // empty: no id can be echoed
    QTest::addRow("not JSON") << u"{oops"_s << u"error:bad_request"_s << QString();
    QTest::addRow("empty") << u""_s << u"error:bad_request"_s << QString();
    QTest::addRow("array") << u"[{\"type\":\"ping\"}]"_s << u"error:bad_request"_s << QString();
    QTest::addRow("number") << u"42"_s << u"error:bad_request"_s << QString();
    QTest::addRow("string") << u"\"ping\""_s << u"error:bad_request"_s << QString();
    QTest::addRow("no type") << u"{\"id\":\"m1\"}"_s << u"error:bad_request"_s << u"m1"_s;
    QTest::addRow("type not a string")
        << u"{\"type\":5,\"id\":\"m1\"}"_s << u"error:bad_request"_s << u"m1"_s;
    QTest::addRow("unknown type") << u"{\"type\":\"frobnicate\",\"id\":\"m1\"}"_s
                                  << u"error:unknown_type"_s << u"m1"_s;
    QTest::addRow("ill-typed field") << u"{\"type\":\"history\",\"id\":\"m1\",\"roomId\":5}"_s
                                     << u"error:bad_request"_s << u"m1"_s;
    QTest::addRow("missing field")
        << u"{\"type\":\"openDirect\",\"id\":\"m1\"}"_s << u"error:bad_request"_s << u"m1"_s;
    QTest::addRow("id a number") << u"{\"type\":\"ping\",\"id\":7}"_s << u"error:bad_request"_s
                                 << QString();
    QTest::addRow("id empty") << u"{\"type\":\"ping\",\"id\":\"\"}"_s << u"error:bad_request"_s
                              << QString();
    QTest::addRow("id of 65 chars")
        << u"{\"type\":\"ping\",\"id\":\""_s + QString(65, u'i') + u"\"}"_s
        << u"error:bad_request"_s << QString();
}

void tst_Limits::malformedFramesKeepConnection()
{
    QFETCH(QString, frame);
    QFETCH(QString, expected);
    QFETCH(QString, echoedId);
    ClientPtr alice = m_server.newUser(u"bad_a"_s);
    ClientPtr bob = m_server.newUser(u"bad_b"_s);
    QVERIFY(alice && bob);

    alice->sendText(frame);
    const QJsonObject error = alice->waitForType(u"error"_s);
    QCOMPARE(outcome(error), expected);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());
    if (!echoedId.isEmpty())
        QCOMPARE(error.value("id"_L1).toString(), echoedId);

    // Nothing else happened: both connections work, bob heard nothing.
    QVERIFY(answersPing(*alice));
    QCOMPARE(outcome(call(*alice, u"listRooms"_s)), u"rooms"_s);
    QVERIFY(answersPing(*bob));
    QCOMPARE(countOfType(*bob, u"error"_s), 0);
    QCOMPARE(countOfType(*alice, u"error"_s), 0);
}

void tst_Limits::textFrameSizeLimit_data()
{
    QTest::addColumn<qsizetype>("bytes");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("128 KiB") << qsizetype(128 * 1024) << true;
    QTest::addRow("128 KiB + 1") << qsizetype(128 * 1024 + 1) << false;
    QTest::addRow("1 MiB") << qsizetype(1024 * 1024) << false;
}

void tst_Limits::textFrameSizeLimit()
{
    QFETCH(qsizetype, bytes);
    QFETCH(bool, accepted);
    ClientPtr alice = m_server.newUser(u"big_a"_s);
    ClientPtr bob = m_server.newUser(u"big_b"_s);
    QVERIFY(alice && bob);

    const QString frame = paddedPing(bytes);
    QCOMPARE(frame.toUtf8().size(), bytes);
    alice->sendText(frame);
    if (accepted) {
        const QJsonObject pong = alice->waitForType(u"pong"_s);
        QCOMPARE(pong.value("id"_L1).toString(), u"big"_s);
        QVERIFY(answersPing(*alice));
    } else {
        QVERIFY(alice->waitForClosed());
        QCOMPARE(alice->closeCode(), 1009);
        QCOMPARE(countOfType(*alice, u"error"_s), 0);
    }
    // The server stays up for everyone else, and for new connections.
    QVERIFY(answersPing(*bob));
    ClientPtr carol = m_server.newUser(u"big_c"_s);
    QVERIFY(carol);
    QVERIFY(answersPing(*carol));
}

void tst_Limits::requestsBeforeSignIn_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addRow("listRooms") << u"listRooms"_s << QJsonObject();
    QTest::addRow("logout") << u"logout"_s << QJsonObject();
    QTest::addRow("openDirect") << u"openDirect"_s << QJsonObject { { "userId"_L1, randomId() } };
    QTest::addRow("send") << u"send"_s
                          << QJsonObject { { "roomId"_L1, randomId() },
                                 { "clientMsgId"_L1, u"c1"_s }, { "text"_L1, u"hi"_s } };
    QTest::addRow("typing") << u"typing"_s
                            << QJsonObject { { "roomId"_L1, randomId() }, { "typing"_L1, true } };
    QTest::addRow("findUsers") << u"findUsers"_s << QJsonObject { { "query"_L1, u"a"_s } };
}

void tst_Limits::requestsBeforeSignIn()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, fields);
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    const QJsonObject reply = call(*client, type, fields);
    QCOMPARE(outcome(reply), u"error:unauthenticated"_s);
    QVERIFY(!reply.value("id"_L1).toString().isEmpty());
    // The connection stays; ping is answered before sign-in, and sign-in still works.
    QVERIFY(answersPing(*client));
    QCOMPARE(outcome(client->registerUser(m_server.uniqueName(u"late"_s))), u"auth"_s);
    QCOMPARE(outcome(call(*client, u"listRooms"_s)), u"rooms"_s);
}

void tst_Limits::signInDeadline()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nauth_timeout_ms=800\n"));

    QElapsedTimer sinceOpen;
    ClientPtr idle = connectTo(server.process());
    sinceOpen.start();
    ClientPtr signedIn = server.newUser(u"dl"_s);
    QVERIFY(idle && signedIn);
    QCOMPARE(outcome(call(*idle, u"listRooms"_s)), u"error:unauthenticated"_s);
    QVERIFY(answersPing(*idle));

    // Closed with 4401 at the deadline, not before.
    QVERIFY(idle->waitForClosed(5000));
    QCOMPARE(idle->closeCode(), 4401);
    QVERIFY2(sinceOpen.elapsed() >= 700, qPrintable(QString::number(sinceOpen.elapsed())));

    // A connection that signed in in time stays.
    QTest::qWait(int(qMax<qint64>(0, 1000 - sinceOpen.elapsed())));
    QVERIFY(answersPing(*signedIn));
    QVERIFY(server.stop());
}

void tst_Limits::sendRateLimit()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nsend_burst=3\nsend_per_second=1\n"));
    ClientPtr alice = server.newUser(u"rate_a"_s);
    ClientPtr bob = server.newUser(u"rate_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    auto send = [&roomId](TestClient &client, const QString &clientMsgId) {
        return call(client, u"send"_s,
            { { "roomId"_L1, roomId }, { "clientMsgId"_L1, clientMsgId }, { "text"_L1, u"hi"_s } });
    };

    for (int i = 1; i <= 3; ++i)
        QCOMPARE(send(*alice, u"burst-%1"_s.arg(i)).value("seq"_L1).toInteger(), i);
    const QJsonObject limited = send(*alice, u"burst-4"_s);
    QCOMPARE(outcome(limited), u"error:rate_limited"_s);
    QCOMPARE(limited.value("clientMsgId"_L1).toString(), u"burst-4"_s);
    QVERIFY(limited.value("id"_L1).toString().startsWith(u't'));
    const qint64 retryAfter = limited.value("retryAfterMs"_L1).toInteger();
    QVERIFY2(retryAfter > 0 && retryAfter <= 1000, qPrintable(QString::number(retryAfter)));

    // The budget is the user's, on every session; other requests have their own.
    ClientPtr alice2 = connectTo(server.process());
    QVERIFY(alice2);
    QCOMPARE(outcome(call(*alice2, u"resume"_s, { { "token"_L1, alice->token() } })), u"auth"_s);
    QCOMPARE(outcome(send(*alice2, u"other-session"_s)), u"error:rate_limited"_s);
    QCOMPARE(outcome(call(*alice, u"history"_s, { { "roomId"_L1, roomId } })), u"history"_s);
    QCOMPARE(send(*bob, u"bob-1"_s).value("seq"_L1).toInteger(), 4);

    // After the wait it goes through, and the refused sends left no trace.
    QTest::qWait(int(retryAfter) + 50);
    const QJsonObject later = send(*alice, u"burst-4"_s);
    QCOMPARE(outcome(later), u"sent"_s);
    QCOMPARE(later.value("seq"_L1).toInteger(), 5);
    QVERIFY(server.stop());
}

void tst_Limits::messageTextLimit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("16 KiB") << QString(16 * 1024, u'a') << u"sent"_s;
    QTest::addRow("16 KiB + 1") << QString(16 * 1024 + 1, u'a') << u"error:too_large"_s;
    QTest::addRow("16 KiB in 2-byte characters") << QString(8 * 1024, u'\u00e9') << u"sent"_s;
    QTest::addRow("16 KiB + 2 in 2-byte characters")
        << QString(8 * 1024 + 1, u'\u00e9') << u"error:too_large"_s;
    QTest::addRow("empty") << QString() << u"error:bad_request"_s;
    QTest::addRow("blank") << u" \n\t "_s << u"error:bad_request"_s;
}

void tst_Limits::messageTextLimit()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    ClientPtr alice = m_server.newUser(u"txt_a"_s);
    ClientPtr bob = m_server.newUser(u"txt_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    const QJsonObject reply = call(*alice, u"send"_s,
        { { "roomId"_L1, roomId }, { "clientMsgId"_L1, u"long-one"_s }, { "text"_L1, text } });
    QCOMPARE(outcome(reply), expected);
    QCOMPARE(reply.value("clientMsgId"_L1).toString(), u"long-one"_s);
    const QJsonArray events
        = call(*bob, u"history"_s, { { "roomId"_L1, roomId } }).value("events"_L1).toArray();
    if (expected == "sent"_L1) {
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).toObject().value("text"_L1).toString(), text);
    } else {
        QCOMPARE(events.size(), 0);
        QVERIFY(bob->staysQuiet(u"event"_s, 100));
    }
}

QTEST_MAIN(tst_Limits)
#include "tst_limits.moc"
