#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"
#include "transfers.h"

#include <QJsonArray>
#include <QTest>

#include "protocol/chunkframe.h"

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

bool isRateLimited(const QJsonObject &reply)
{
    return outcome(reply) == "error:rate_limited"_L1
        && reply.value("retryAfterMs"_L1).toInteger() > 0;
}

} // namespace

// Every request costs something the server meters: typing, frames before and after sign-in,
// failed registrations, frames queued behind a sign-in, upload chunks, and writes past the
// writer's backlog. What is refused gets rate_limited with retryAfterMs, and nothing is lost.
class tst_Metering : public QObject {
    Q_OBJECT
private slots:
    void typingCountsAgainstTheRequestBudget();
    void framesPerConnectionAreMetered();
    void failedRegistrationsCloseTheConnection();
    void framesBehindASignInAreBounded();
    void oneAddressTakesAQuarterOfTheHashers();
    void uploadChunksBeyondEightUnansweredAreRefused();
    void writesBeyondTheBacklogAreRefusedAndNothingIsLost();
};

void tst_Metering::typingCountsAgainstTheRequestBudget()
{
    SuiteServer server;
    // No token comes back during the test, however slow the machine.
    QVERIFY(server.start("[limits]\nrequest_burst=4\nrequests_per_second=0.001\n"));
    ClientPtr alice = server.newUser(u"typist"_s);
    ClientPtr bob = server.newUser(u"reader"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId()); // one of the four
    QVERIFY(!roomId.isEmpty());
    // true and false alike, in a room or in one that does not exist.
    QCOMPARE(outcome(call(*alice, u"typing"_s, { { "roomId"_L1, roomId }, { "typing"_L1, true } })),
        u"ok"_s);
    QCOMPARE(
        outcome(call(*alice, u"typing"_s, { { "roomId"_L1, roomId }, { "typing"_L1, false } })),
        u"ok"_s);
    QCOMPARE(
        outcome(call(*alice, u"typing"_s, { { "roomId"_L1, randomId() }, { "typing"_L1, false } })),
        u"error:not_member"_s);
    const QJsonObject limited
        = call(*alice, u"typing"_s, { { "roomId"_L1, roomId }, { "typing"_L1, false } });
    QVERIFY2(isRateLimited(limited), qPrintable(outcome(limited)));
    QVERIFY(answersPing(*alice));
    QVERIFY(server.stop());
}

void tst_Metering::framesPerConnectionAreMetered()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nframe_burst=10\nframes_per_second=0.5\n"));
    // Before sign-in: pings are answered, then refused, and the connection stays.
    ClientPtr client = connectTo(server.process());
    QVERIFY(client);
    for (int i = 0; i < 15; ++i)
        client->sendJson({ { "type"_L1, "ping"_L1 }, { "id"_L1, u"p%1"_s.arg(i) } });
    int pongs = 0;
    int limited = 0;
    for (int i = 0; i < 15; ++i) {
        const QString id = u"p%1"_s.arg(i);
        const QJsonObject reply = client->waitFor(
            [&id](const QJsonObject &f) { return f.value("id"_L1).toString() == id; });
        pongs += outcome(reply) == "pong"_L1;
        limited += isRateLimited(reply);
    }
    // The burst, and a frame more at most if a slow machine took two seconds over them.
    QVERIFY2(pongs == 10 || pongs == 11, qPrintable(QString::number(pongs)));
    QCOMPARE(pongs + limited, 15);
    // Garbage counts too.
    client->sendText(u"{not json"_s);
    client->sendText(u"{not json"_s);
    QVERIFY(isRateLimited(client->waitForType(u"error"_s))
        || isRateLimited(client->waitForType(u"error"_s)));
    QVERIFY(client->isOpen());
    QTest::qWait(2200); // a token comes back
    QVERIFY(answersPing(*client));
    QVERIFY(server.stop());
}

void tst_Metering::failedRegistrationsCloseTheConnection()
{
    SuiteServer server;
    QVERIFY(server.start());
    const QString taken = server.uniqueName(u"taken"_s);
    QVERIFY(registeredClient(server.process(), taken));
    ClientPtr client = connectTo(server.process());
    QVERIFY(client);
    const QStringList attempts { u"error:username_taken"_s, u"error:invalid_username"_s,
        u"error:weak_password"_s, u"error:username_taken"_s };
    QCOMPARE(outcome(client->registerUser(taken)), attempts.at(0));
    QCOMPARE(outcome(client->registerUser(u"x"_s)), attempts.at(1));
    QCOMPARE(
        outcome(client->registerUser(server.uniqueName(u"weak"_s), u"short"_s)), attempts.at(2));
    QCOMPARE(outcome(client->registerUser(taken)), attempts.at(3));
    // The fifth failure is answered with rate_limited, and the connection closes.
    QCOMPARE(outcome(client->registerUser(taken)), u"error:rate_limited"_s);
    QVERIFY(client->waitForClosed());
    QCOMPARE(client->closeCode(), 4401);
    QVERIFY(server.stop());
}

void tst_Metering::framesBehindASignInAreBounded()
{
    SuiteServer server;
    QVERIFY(server.start());
    const QString name = server.uniqueName(u"eager"_s);
    QVERIFY(registeredClient(server.process(), name));
    ClientPtr client = connectTo(server.process());
    QVERIFY(client);
    client->sendJson({ { "type"_L1, "login"_L1 }, { "id"_L1, u"in"_s }, { "username"_L1, name },
        { "password"_L1, u"correct horse"_s } });
    for (int i = 0; i < 60; ++i)
        client->sendJson({ { "type"_L1, "listRooms"_L1 }, { "id"_L1, u"r%1"_s.arg(i) } });
    QCOMPARE(outcome(client->waitFor(
                 [](const QJsonObject &f) { return f.value("id"_L1) == "in"_L1; }, 15000)),
        u"auth"_s);
    int rooms = 0;
    int limited = 0;
    for (int i = 0; i < 60; ++i) {
        const QString id = u"r%1"_s.arg(i);
        const QJsonObject reply = client->waitFor(
            [&id](const QJsonObject &f) { return f.value("id"_L1).toString() == id; });
        rooms += outcome(reply) == "rooms"_L1;
        limited += isRateLimited(reply);
    }
    // The first 32 waited for the sign-in and were answered; the rest were refused at once.
    QCOMPARE(rooms, 32);
    QCOMPARE(limited, 28);
    QVERIFY(server.stop());
}

void tst_Metering::oneAddressTakesAQuarterOfTheHashers()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nmax_queued_hashes=4\n")); // one per address
    const QString name = server.uniqueName(u"hasher"_s);
    QVERIFY(registeredClient(server.process(), name));
    ClientPtr clients[] = { connectTo(server.process()), connectTo(server.process()) };
    QVERIFY(clients[0] && clients[1]);
    // Both at once: while one is hashed, the other has no place.
    for (ClientPtr &client : clients) {
        client->sendJson({ { "type"_L1, "login"_L1 }, { "id"_L1, u"in"_s }, { "username"_L1, name },
            { "password"_L1, u"correct horse"_s } });
    }
    QStringList outcomes;
    ClientPtr *refused = nullptr;
    for (ClientPtr &client : clients) {
        const QJsonObject reply = client->waitFor(
            [](const QJsonObject &f) { return f.value("id"_L1) == "in"_L1; }, 15000);
        outcomes.append(outcome(reply));
        if (isRateLimited(reply))
            refused = &client;
    }
    QCOMPARE(sorted(outcomes), QStringList({ u"auth"_s, u"error:rate_limited"_s }));
    // The place is back once the other was decided, and the refusal was no failed sign-in.
    QCOMPARE(outcome(call(**refused, u"login"_s,
                 { { "username"_L1, name }, { "password"_L1, u"correct horse"_s } })),
        u"auth"_s);
    QVERIFY(server.stop());
}

void tst_Metering::uploadChunksBeyondEightUnansweredAreRefused()
{
    SuiteServer server;
    QVERIFY(server.start("[files]\nchunk_bytes=65536\n"));
    ClientPtr client = server.newUser(u"uploader"_s);
    QVERIFY(client);
    // Enough chunks that more than eight are unanswered at once even when the server keeps
    // pace with a slow (sanitized) client.
    constexpr int kChunks = 160;
    const QByteArray data(kChunks * 65536, 'c');
    const QJsonObject ready = call(*client, u"uploadBegin"_s,
        { { "name"_L1, u"big.bin"_s }, { "mime"_L1, u"application/octet-stream"_s },
            { "size"_L1, data.size() }, { "sha256"_L1, Transfers::sha256Hex(data) },
            { "kind"_L1, u"file"_s } });
    QCOMPARE(outcome(ready), u"uploadReady"_s);
    const QString uploadId = ready.value("uploadId"_L1).toString();
    // All at once: a client that does not wait for uploadProgress.
    for (qint64 offset = 0; offset < data.size(); offset += 65536)
        client->socket().sendBinaryMessage(
            Confab::ChunkFrame::encode(uploadId, offset, data.mid(offset, 65536)));
    int progress = 0;
    int limited = 0;
    int refused = 0;
    while (progress + limited + refused < kChunks) {
        const QJsonObject frame = client->waitFor([](const QJsonObject &f) {
            return f.value("type"_L1) == "uploadProgress"_L1 || f.value("type"_L1) == "error"_L1;
        });
        QVERIFY(!frame.isEmpty());
        if (frame.value("type"_L1) == "uploadProgress"_L1) {
            ++progress;
        } else if (isRateLimited(frame)) {
            QCOMPARE(frame.value("uploadId"_L1).toString(), uploadId);
            ++limited;
        } else {
            // Once a chunk is refused, the ones behind it no longer start at the next byte.
            QCOMPARE(outcome(frame), u"error:bad_request"_s);
            ++refused;
        }
    }
    QVERIFY2(limited > 0, "every chunk was taken");
    QVERIFY(progress >= 8);
    // What was refused was not taken: the upload goes on from where the server is.
    const QJsonObject resumed = Transfers::upload(*client, data, Transfers::named(u"big.bin"_s));
    QCOMPARE(outcome(resumed), u"uploaded"_s);
    QCOMPARE(resumed.value("attachment"_L1).toObject().value("size"_L1).toInteger(), data.size());
    QVERIFY(server.stop());
}

void tst_Metering::writesBeyondTheBacklogAreRefusedAndNothingIsLost()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nmax_queued_writes=2\nsend_burst=1000\nsend_per_second=1000\n"
                         "frame_burst=1000\n"));
    ClientPtr alice = server.newUser(u"burst_a"_s);
    ClientPtr bob = server.newUser(u"burst_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    // Some ids need escaping in JSON: a refusal echoes those exactly too.
    const auto requestId = [](int i) { return i % 10 ? u"s%1"_s.arg(i) : u"s%1 \"q\"\\"_s.arg(i); };
    for (int i = 0; i < 200; ++i) {
        alice->sendJson(
            { { "type"_L1, "send"_L1 }, { "id"_L1, requestId(i) }, { "roomId"_L1, roomId },
                { "clientMsgId"_L1, u"m%1"_s.arg(i) }, { "text"_L1, u"n%1"_s.arg(i) } });
    }
    QSet<QString> acked;
    int limited = 0;
    for (int i = 0; i < 200; ++i) {
        const QString id = requestId(i);
        const QJsonObject reply = alice->waitFor(
            [&id](const QJsonObject &f) { return f.value("id"_L1).toString() == id; });
        if (outcome(reply) == "sent"_L1) {
            acked.insert(reply.value("clientMsgId"_L1).toString());
        } else {
            QVERIFY2(isRateLimited(reply), qPrintable(outcome(reply)));
            QCOMPARE(reply.value("clientMsgId"_L1).toString(), u"m%1"_s.arg(i));
            QVERIFY(!reply.value("message"_L1).toString().isEmpty());
            ++limited;
        }
    }
    QVERIFY2(limited > 0, "nothing was refused");
    // Exactly what was acknowledged is in the log.
    QSet<QString> stored;
    qint64 after = 0;
    for (;;) {
        const QJsonObject page = call(*bob, u"history"_s,
            { { "roomId"_L1, roomId }, { "after"_L1, after }, { "limit"_L1, 200 } });
        const QJsonArray events = page.value("events"_L1).toArray();
        for (const QJsonValue &event : events)
            stored.insert(event.toObject().value("clientMsgId"_L1).toString());
        if (events.isEmpty() || !page.value("hasMore"_L1).toBool())
            break;
        after = events.last().toObject().value("seq"_L1).toInteger();
    }
    QCOMPARE(stored, acked);
    QVERIFY(server.stop());
}

QTEST_MAIN(tst_Metering)
#include "tst_metering.moc"
