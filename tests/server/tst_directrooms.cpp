#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

// Direct rooms: one room per pair of users however often it is opened, and blocks, which
// stop a direct room both ways.
// One server for the suite; every test uses its own freshly registered users.
class tst_DirectRooms : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void openDirectIsTheSameRoomEachTime();
    void openDirectRefusals_data();
    void openDirectRefusals();
    void blockStopsDirectRoomBothWays_data();
    void blockStopsDirectRoomBothWays();
    void blockRefusals();

private:
    SuiteServer m_server;
};

void tst_DirectRooms::openDirectIsTheSameRoomEachTime()
{
    ClientPtr alice = m_server.newUser(u"dir_a"_s);
    ClientPtr bob = m_server.newUser(u"dir_b"_s);
    QVERIFY(alice && bob);
    ClientPtr alice2 = resumedClient(m_server.process(), alice->token());
    QVERIFY(alice2);

    const QJsonObject first = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } });
    QCOMPARE(outcome(first), u"room"_s);
    const QJsonObject room = first.value("room"_L1).toObject();
    const QString roomId = room.value("roomId"_L1).toString();
    QCOMPARE(roomId.size(), 32);
    QCOMPARE(room.value("kind"_L1).toString(), u"direct"_s);
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 0);
    QCOMPARE(room.value("unread"_L1).toInteger(), 0);
    QVERIFY(!room.contains("lastEvent"_L1));
    QVERIFY(!room.contains("ownerId"_L1));
    QCOMPARE(memberIds(room), sorted({ alice->userId(), bob->userId() }));

    // The peer and the caller's other session learn of the new room; the caller's session
    // learns from the reply only.
    const QJsonObject added = bob->waitForType(u"roomAdded"_s);
    QCOMPARE(added.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
    QCOMPARE(added.value("room"_L1).toObject().value("kind"_L1).toString(), u"direct"_s);
    const QJsonObject addedToOther = alice2->waitForType(u"roomAdded"_s);
    QCOMPARE(addedToOther.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
    QVERIFY(alice->staysQuiet(u"roomAdded"_s, 200));

    // Again, and from the other side: the same room, and nobody hears of it again.
    const QJsonObject again = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } });
    QCOMPARE(outcome(again), u"room"_s);
    QCOMPARE(again.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
    const QJsonObject fromBob = call(*bob, u"openDirect"_s, { { "userId"_L1, alice->userId() } });
    QCOMPARE(outcome(fromBob), u"room"_s);
    QCOMPARE(fromBob.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
    QVERIFY(bob->staysQuiet(u"roomAdded"_s, 200));
    QVERIFY(alice2->staysQuiet(u"roomAdded"_s, 0));

    // No membership events: the first message is seq 1.
    const QJsonObject sent = sendMessage(*alice, roomId, u"hello"_s);
    QCOMPARE(outcome(sent), u"sent"_s);
    QCOMPARE(sent.value("seq"_L1).toInteger(), 1);
    const QJsonObject event = nextEvent(*bob, roomId);
    QCOMPARE(event.value("seq"_L1).toInteger(), 1);
    QCOMPARE(event.value("kind"_L1).toString(), u"message"_s);
    QCOMPARE(event.value("senderId"_L1).toString(), alice->userId());
    const QJsonObject history = call(*bob, u"history"_s, { { "roomId"_L1, roomId } });
    QCOMPARE(outcome(history), u"history"_s);
    QCOMPARE(history.value("events"_L1).toArray().size(), 1);
}

void tst_DirectRooms::openDirectRefusals_data()
{
    QTest::addColumn<QString>("peer"); // "self", "unknown" or a literal id
    QTest::addColumn<QString>("expected");
    QTest::addRow("yourself") << u"self"_s << u"error:bad_request"_s;
    QTest::addRow("unknown user") << u"unknown"_s << u"error:not_found"_s;
    QTest::addRow("not an id") << u"bob"_s << u"error:bad_request"_s;
    QTest::addRow("upper-case id")
        << u"0123456789ABCDEF0123456789ABCDEF"_s << u"error:bad_request"_s;
}

void tst_DirectRooms::openDirectRefusals()
{
    QFETCH(QString, peer);
    QFETCH(QString, expected);
    ClientPtr alice = m_server.newUser(u"dirx"_s);
    QVERIFY(alice);
    if (peer == "self"_L1)
        peer = alice->userId();
    else if (peer == "unknown"_L1)
        peer = randomId();
    QCOMPARE(outcome(call(*alice, u"openDirect"_s, { { "userId"_L1, peer } })), expected);
    const QJsonObject rooms = call(*alice, u"listRooms"_s);
    QCOMPARE(rooms.value("rooms"_L1).toArray().size(), 0);
}

void tst_DirectRooms::blockStopsDirectRoomBothWays_data()
{
    QTest::addColumn<bool>("aliceBlocks"); // else bob blocks alice
    QTest::addRow("alice blocks bob") << true;
    QTest::addRow("bob blocks alice") << false;
}

void tst_DirectRooms::blockStopsDirectRoomBothWays()
{
    QFETCH(bool, aliceBlocks);
    ClientPtr alice = m_server.newUser(u"blk_a"_s);
    ClientPtr bob = m_server.newUser(u"blk_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(sendMessage(*alice, roomId, u"before"_s).value("seq"_L1).toInteger(), 1);
    QCOMPARE(nextEvent(*bob, roomId).value("seq"_L1).toInteger(), 1);

    TestClient &blocker = aliceBlocks ? *alice : *bob;
    TestClient &blocked = aliceBlocks ? *bob : *alice;
    QCOMPARE(outcome(call(blocker, u"block"_s, { { "userId"_L1, blocked.userId() } })), u"ok"_s);
    // Blocking twice is harmless.
    QCOMPARE(outcome(call(blocker, u"block"_s, { { "userId"_L1, blocked.userId() } })), u"ok"_s);

    for (TestClient *client : { alice.get(), bob.get() }) {
        const QString peer = client == alice.get() ? bob->userId() : alice->userId();
        const QJsonObject send = call(*client, u"send"_s,
            { { "roomId"_L1, roomId },
                { "clientMsgId"_L1, QString(u"blocked-"_s + client->userId()) },
                { "text"_L1, u"hello?"_s } });
        QCOMPARE(outcome(send), u"error:blocked"_s);
        QCOMPARE(send.value("clientMsgId"_L1).toString(), u"blocked-"_s + client->userId());
        QCOMPARE(
            outcome(call(*client, u"openDirect"_s, { { "userId"_L1, peer } })), u"error:blocked"_s);
    }
    QVERIFY(alice->staysQuiet(u"event"_s, 200));
    QVERIFY(bob->staysQuiet(u"event"_s, 0));
    // The room and its history stay.
    QCOMPARE(call(blocked, u"history"_s, { { "roomId"_L1, roomId } })
                 .value("events"_L1)
                 .toArray()
                 .size(),
        1);

    // Only the blocker can lift it.
    QCOMPARE(outcome(call(blocked, u"unblock"_s, { { "userId"_L1, blocker.userId() } })), u"ok"_s);
    QCOMPARE(outcome(sendMessage(blocked, roomId, u"still?"_s)), u"error:blocked"_s);
    QCOMPARE(outcome(call(blocker, u"unblock"_s, { { "userId"_L1, blocked.userId() } })), u"ok"_s);

    // A blocked send left no trace: the next message is seq 2, and its retry now goes through.
    const QJsonObject retried = call(blocked, u"send"_s,
        { { "roomId"_L1, roomId }, { "clientMsgId"_L1, QString(u"blocked-"_s + blocked.userId()) },
            { "text"_L1, u"hello?"_s } });
    QCOMPARE(outcome(retried), u"sent"_s);
    QCOMPARE(retried.value("seq"_L1).toInteger(), 2);
    QCOMPARE(nextEvent(blocker, roomId).value("seq"_L1).toInteger(), 2);
    const QJsonObject reopened
        = call(blocker, u"openDirect"_s, { { "userId"_L1, blocked.userId() } });
    QCOMPARE(outcome(reopened), u"room"_s);
    QCOMPARE(reopened.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
}

void tst_DirectRooms::blockRefusals()
{
    ClientPtr alice = m_server.newUser(u"blkx_a"_s);
    ClientPtr bob = m_server.newUser(u"blkx_b"_s);
    QVERIFY(alice && bob);
    QCOMPARE(outcome(call(*alice, u"block"_s, { { "userId"_L1, alice->userId() } })),
        u"error:bad_request"_s);
    QCOMPARE(
        outcome(call(*alice, u"block"_s, { { "userId"_L1, randomId() } })), u"error:not_found"_s);
    QCOMPARE(
        outcome(call(*alice, u"unblock"_s, { { "userId"_L1, randomId() } })), u"error:not_found"_s);

    // A block before any room: openDirect creates nothing, and nobody hears of a room.
    QCOMPARE(outcome(call(*bob, u"block"_s, { { "userId"_L1, alice->userId() } })), u"ok"_s);
    QCOMPARE(outcome(call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })),
        u"error:blocked"_s);
    QVERIFY(bob->staysQuiet(u"roomAdded"_s, 200));
    QCOMPARE(call(*alice, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
    // Groups are not affected by blocks.
    QVERIFY(!createGroup(*alice, u"Both"_s, { bob->userId() }).isEmpty());
}

QTEST_MAIN(tst_DirectRooms)
#include "tst_directrooms.moc"
