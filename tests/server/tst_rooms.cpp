#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

QJsonObject sendText(TestClient &client, const QString &roomId, const QString &text)
{
    return call(client, u"send"_s,
        { { "roomId"_L1, roomId }, { "clientMsgId"_L1, randomId() }, { "text"_L1, text } });
}

// The next `event` push of a room (consumed).
QJsonObject nextEvent(TestClient &client, const QString &roomId, int timeoutMs = 5000)
{
    const QJsonObject frame = client.waitFor(
        [&roomId](const QJsonObject &f) {
            return f.value("type"_L1).toString() == "event"_L1
                && f.value("event"_L1).toObject().value("roomId"_L1).toString() == roomId;
        },
        timeoutMs);
    return frame.value("event"_L1).toObject();
}

QStringList memberIds(const QJsonObject &room)
{
    QStringList ids;
    for (const QJsonValue &member : room.value("members"_L1).toArray())
        ids.append(member.toObject().value("userId"_L1).toString());
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// The rooms' ts come from the server clock in milliseconds; this keeps two steps apart.
void nextMillisecond()
{
    QTest::qWait(3);
}

} // namespace

// Rooms: direct and group rooms, membership changes, renames, listing order, and blocks.
// One server for the suite; every test uses its own freshly registered users.
class tst_Rooms : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void openDirectIsTheSameRoomEachTime();
    void openDirectRefusals_data();
    void openDirectRefusals();
    void createGroupLogsOneJoinPerMember();
    void createGroupWithUnknownMemberCreatesNothing();
    void anyMemberAddsMembers();
    void addMembersRefusals_data();
    void addMembersRefusals();
    void ownerRemovesAndMembersLeave();
    void removeMemberRefusals_data();
    void removeMemberRefusals();
    void ownerLeavingHandsOverToEarliestMember();
    void ownerRenamesGroup();
    void renameRefusals_data();
    void renameRefusals();
    void notMemberLooksLikeNoRoom_data();
    void notMemberLooksLikeNoRoom();
    void listRoomsByRecentActivity();
    void blockStopsDirectRoomBothWays_data();
    void blockStopsDirectRoomBothWays();
    void blockRefusals();

private:
    ClientPtr newUser(const QString &prefix);

    ServerProcess m_server;
    int m_userCount = 0;
};

void tst_Rooms::initTestCase()
{
    // Every test opens fresh connections from 127.0.0.1; lift the per-address cap so the
    // suite's total does not run into it.
    const QString config = m_server.writeConfig("[limits]\nmax_connections_per_ip=1000\n");
    QVERIFY(!config.isEmpty());
    QVERIFY(m_server.start({ u"--config"_s, config }));
}

void tst_Rooms::cleanupTestCase()
{
    QVERIFY(m_server.stop());
}

ClientPtr tst_Rooms::newUser(const QString &prefix)
{
    return registeredClient(m_server, prefix + u'_' + QString::number(++m_userCount));
}

void tst_Rooms::openDirectIsTheSameRoomEachTime()
{
    ClientPtr alice = newUser(u"dir_a"_s);
    ClientPtr bob = newUser(u"dir_b"_s);
    QVERIFY(alice && bob);
    ClientPtr alice2 = resumedClient(m_server, alice->token());
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
    const QJsonObject sent = sendText(*alice, roomId, u"hello"_s);
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

void tst_Rooms::openDirectRefusals_data()
{
    QTest::addColumn<QString>("peer"); // "self", "unknown" or a literal id
    QTest::addColumn<QString>("expected");
    QTest::addRow("yourself") << u"self"_s << u"error:bad_request"_s;
    QTest::addRow("unknown user") << u"unknown"_s << u"error:not_found"_s;
    QTest::addRow("not an id") << u"bob"_s << u"error:bad_request"_s;
    QTest::addRow("upper-case id")
        << u"0123456789ABCDEF0123456789ABCDEF"_s << u"error:bad_request"_s;
}

void tst_Rooms::openDirectRefusals()
{
    QFETCH(QString, peer);
    QFETCH(QString, expected);
    ClientPtr alice = newUser(u"dirx"_s);
    QVERIFY(alice);
    if (peer == "self"_L1)
        peer = alice->userId();
    else if (peer == "unknown"_L1)
        peer = randomId();
    QCOMPARE(outcome(call(*alice, u"openDirect"_s, { { "userId"_L1, peer } })), expected);
    const QJsonObject rooms = call(*alice, u"listRooms"_s);
    QCOMPARE(rooms.value("rooms"_L1).toArray().size(), 0);
}

void tst_Rooms::createGroupLogsOneJoinPerMember()
{
    ClientPtr owner = newUser(u"grp_o"_s);
    ClientPtr bob = newUser(u"grp_b"_s);
    ClientPtr carol = newUser(u"grp_c"_s);
    QVERIFY(owner && bob && carol);

    // The caller listed too, and twice, and a member listed twice: each joins once.
    const QJsonObject reply = call(*owner, u"createGroup"_s,
        { { "name"_L1, u"Team"_s },
            { "members"_L1,
                QJsonArray { bob->userId(), carol->userId(), bob->userId(), owner->userId(),
                    owner->userId() } } });
    QCOMPARE(outcome(reply), u"room"_s);
    const QJsonObject room = reply.value("room"_L1).toObject();
    const QString roomId = room.value("roomId"_L1).toString();
    QCOMPARE(room.value("kind"_L1).toString(), u"group"_s);
    QCOMPARE(room.value("name"_L1).toString(), u"Team"_s);
    QCOMPARE(room.value("ownerId"_L1).toString(), owner->userId());
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 3);
    QCOMPARE(room.value("readSeq"_L1).toInteger(), 1);
    QCOMPARE(room.value("unread"_L1).toInteger(), 0);
    QCOMPARE(room.value("members"_L1).toArray().size(), 3);
    QCOMPARE(memberOf(room, owner->userId()).value("role"_L1).toString(), u"owner"_s);
    QCOMPARE(memberOf(room, bob->userId()).value("role"_L1).toString(), u"member"_s);
    QCOMPARE(memberOf(room, carol->userId()).value("role"_L1).toString(), u"member"_s);

    // The log: one memberJoined per member, the caller first, then in the order listed.
    const QJsonObject history = call(*bob, u"history"_s, { { "roomId"_L1, roomId } });
    QCOMPARE(outcome(history), u"history"_s);
    const QJsonArray events = history.value("events"_L1).toArray();
    QCOMPARE(events.size(), 3);
    const QStringList joinOrder { owner->userId(), bob->userId(), carol->userId() };
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        QCOMPARE(event.value("seq"_L1).toInteger(), i + 1);
        QCOMPARE(event.value("kind"_L1).toString(), u"memberJoined"_s);
        QCOMPARE(event.value("userId"_L1).toString(), joinOrder.at(i));
        QCOMPARE(event.value("byId"_L1).toString(), owner->userId());
    }
    QCOMPARE(room.value("lastEvent"_L1).toObject().value("seq"_L1).toInteger(), 3);

    // The other members hear of the room, each with their own markers.
    const QJsonObject forBob = bob->waitForType(u"roomAdded"_s).value("room"_L1).toObject();
    QCOMPARE(forBob.value("roomId"_L1).toString(), roomId);
    QCOMPARE(forBob.value("readSeq"_L1).toInteger(), 2);
    QCOMPARE(forBob.value("unread"_L1).toInteger(), 0);
    const QJsonObject forCarol = carol->waitForType(u"roomAdded"_s).value("room"_L1).toObject();
    QCOMPARE(forCarol.value("roomId"_L1).toString(), roomId);
    QCOMPARE(forCarol.value("readSeq"_L1).toInteger(), 3);
    QVERIFY(owner->staysQuiet(u"roomAdded"_s, 200));
    QVERIFY(bob->staysQuiet(u"event"_s, 0));
}

void tst_Rooms::createGroupWithUnknownMemberCreatesNothing()
{
    ClientPtr owner = newUser(u"grpx_o"_s);
    ClientPtr bob = newUser(u"grpx_b"_s);
    QVERIFY(owner && bob);
    const QJsonObject reply = call(*owner, u"createGroup"_s,
        { { "name"_L1, u"Ghosts"_s }, { "members"_L1, QJsonArray { bob->userId(), randomId() } } });
    QCOMPARE(outcome(reply), u"error:not_found"_s);
    QVERIFY(bob->staysQuiet(u"roomAdded"_s, 300));
    QCOMPARE(call(*owner, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
    QCOMPARE(call(*bob, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
}

void tst_Rooms::anyMemberAddsMembers()
{
    ClientPtr owner = newUser(u"add_o"_s);
    ClientPtr bob = newUser(u"add_b"_s);
    ClientPtr carol = newUser(u"add_c"_s);
    ClientPtr dave = newUser(u"add_d"_s);
    QVERIFY(owner && bob && carol && dave);
    const QString roomId = createGroup(*owner, u"Adders"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    QVERIFY(!bob->waitForType(u"roomAdded"_s).isEmpty());

    // A plain member adds two users; one already in the room is skipped.
    const QJsonObject reply = call(*bob, u"addMembers"_s,
        { { "roomId"_L1, roomId },
            { "userIds"_L1,
                QJsonArray {
                    carol->userId(), owner->userId(), dave->userId(), carol->userId() } } });
    QCOMPARE(outcome(reply), u"ok"_s);
    const QJsonArray events = reply.value("events"_L1).toArray();
    QCOMPARE(events.size(), 2);
    const QStringList added { carol->userId(), dave->userId() };
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        QCOMPARE(event.value("roomId"_L1).toString(), roomId);
        QCOMPARE(event.value("seq"_L1).toInteger(), 3 + i);
        QCOMPARE(event.value("kind"_L1).toString(), u"memberJoined"_s);
        QCOMPARE(event.value("userId"_L1).toString(), added.at(i));
        QCOMPARE(event.value("byId"_L1).toString(), bob->userId());
    }

    // Existing members other than the caller get the events, in order.
    for (qsizetype i = 0; i < added.size(); ++i) {
        const QJsonObject event = nextEvent(*owner, roomId);
        QCOMPARE(event.value("seq"_L1).toInteger(), 3 + i);
        QCOMPARE(event.value("kind"_L1).toString(), u"memberJoined"_s);
        QCOMPARE(event.value("userId"_L1).toString(), added.at(i));
        QCOMPARE(event.value("byId"_L1).toString(), bob->userId());
    }
    QVERIFY(bob->staysQuiet(u"event"_s, 200));

    // The new members get the room, with their markers at their own join.
    const QJsonObject forCarol = carol->waitForType(u"roomAdded"_s).value("room"_L1).toObject();
    QCOMPARE(forCarol.value("roomId"_L1).toString(), roomId);
    QCOMPARE(forCarol.value("lastSeq"_L1).toInteger(), 4);
    QCOMPARE(forCarol.value("readSeq"_L1).toInteger(), 3);
    QCOMPARE(forCarol.value("members"_L1).toArray().size(), 4);
    const QJsonObject forDave = dave->waitForType(u"roomAdded"_s).value("room"_L1).toObject();
    QCOMPARE(forDave.value("roomId"_L1).toString(), roomId);
    QCOMPARE(forDave.value("readSeq"_L1).toInteger(), 4);

    // Adding only existing members changes nothing.
    const QJsonObject none = call(*owner, u"addMembers"_s,
        { { "roomId"_L1, roomId }, { "userIds"_L1, QJsonArray { dave->userId() } } });
    QCOMPARE(outcome(none), u"ok"_s);
    QCOMPARE(none.value("events"_L1).toArray().size(), 0);
    QVERIFY(dave->staysQuiet(u"roomAdded"_s, 200));
    QCOMPARE(
        call(*owner, u"history"_s, { { "roomId"_L1, roomId } }).value("events"_L1).toArray().size(),
        4);

    // New members can send and read the whole history.
    QCOMPARE(sendText(*dave, roomId, u"hi all"_s).value("seq"_L1).toInteger(), 5);
    QCOMPARE(
        call(*dave, u"history"_s, { { "roomId"_L1, roomId } }).value("events"_L1).toArray().size(),
        5);
}

void tst_Rooms::addMembersRefusals_data()
{
    QTest::addColumn<QString>("room"); // "direct", "foreign" or "group"
    QTest::addColumn<bool>("unknownUser");
    QTest::addColumn<QString>("expected");
    QTest::addRow("unknown user") << u"group"_s << true << u"error:not_found"_s;
    QTest::addRow("direct room") << u"direct"_s << false << u"error:forbidden"_s;
    QTest::addRow("not a member") << u"foreign"_s << false << u"error:not_member"_s;
}

void tst_Rooms::addMembersRefusals()
{
    QFETCH(QString, room);
    QFETCH(bool, unknownUser);
    QFETCH(QString, expected);
    ClientPtr alice = newUser(u"addx_a"_s);
    ClientPtr bob = newUser(u"addx_b"_s);
    ClientPtr carol = newUser(u"addx_c"_s);
    QVERIFY(alice && bob && carol);
    QString roomId;
    if (room == "direct"_L1)
        roomId = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })
                     .value("room"_L1)
                     .toObject()
                     .value("roomId"_L1)
                     .toString();
    else if (room == "foreign"_L1)
        roomId = createGroup(*bob, u"Theirs"_s, {});
    else
        roomId = createGroup(*alice, u"Mine"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    const QJsonArray userIds { carol->userId(), unknownUser ? randomId() : carol->userId() };
    const QJsonObject reply
        = call(*alice, u"addMembers"_s, { { "roomId"_L1, roomId }, { "userIds"_L1, userIds } });
    QCOMPARE(outcome(reply), expected);
    // Nothing changed: carol was not added, even though she was listed before the bad id.
    QVERIFY(carol->staysQuiet(u"roomAdded"_s, 200));
    QCOMPARE(call(*carol, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
}

void tst_Rooms::ownerRemovesAndMembersLeave()
{
    ClientPtr owner = newUser(u"rm_o"_s);
    ClientPtr bob = newUser(u"rm_b"_s);
    ClientPtr carol = newUser(u"rm_c"_s);
    QVERIFY(owner && bob && carol);
    ClientPtr bob2 = resumedClient(m_server, bob->token());
    QVERIFY(bob2);
    const QString roomId = createGroup(*owner, u"Removers"_s, { bob->userId(), carol->userId() });
    QVERIFY(!roomId.isEmpty());

    // A plain member may not remove someone else.
    QCOMPARE(outcome(call(*bob, u"removeMember"_s,
                 { { "roomId"_L1, roomId }, { "userId"_L1, carol->userId() } })),
        u"error:forbidden"_s);

    // The owner removes carol: seq 4.
    const QJsonObject removed = call(
        *owner, u"removeMember"_s, { { "roomId"_L1, roomId }, { "userId"_L1, carol->userId() } });
    QCOMPARE(outcome(removed), u"ok"_s);
    const QJsonArray events = removed.value("events"_L1).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value("seq"_L1).toInteger(), 4);
    QCOMPARE(events.at(0).toObject().value("kind"_L1).toString(), u"memberLeft"_s);
    QCOMPARE(events.at(0).toObject().value("userId"_L1).toString(), carol->userId());
    QCOMPARE(events.at(0).toObject().value("byId"_L1).toString(), owner->userId());
    for (TestClient *member : { bob.get(), bob2.get() }) {
        const QJsonObject event = nextEvent(*member, roomId);
        QCOMPARE(event.value("seq"_L1).toInteger(), 4);
        QCOMPARE(event.value("kind"_L1).toString(), u"memberLeft"_s);
        QCOMPARE(event.value("userId"_L1).toString(), carol->userId());
        QCOMPARE(event.value("byId"_L1).toString(), owner->userId());
    }
    QCOMPARE(carol->waitForType(u"roomRemoved"_s).value("roomId"_L1).toString(), roomId);

    // Carol is out: the room looks as if it did not exist.
    QCOMPARE(
        outcome(call(*carol, u"history"_s, { { "roomId"_L1, roomId } })), u"error:not_member"_s);
    const QJsonObject send = sendText(*carol, roomId, u"still here?"_s);
    QCOMPARE(outcome(send), u"error:not_member"_s);
    QVERIFY(!send.value("clientMsgId"_L1).toString().isEmpty());
    QCOMPARE(call(*carol, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
    QVERIFY(owner->staysQuiet(u"event"_s, 0));

    // Bob leaves on his own: seq 5, his other session hears of it.
    const QJsonObject left = call(
        *bob, u"removeMember"_s, { { "roomId"_L1, roomId }, { "userId"_L1, bob->userId() } });
    QCOMPARE(outcome(left), u"ok"_s);
    const QJsonObject leftEvent = nextEvent(*owner, roomId);
    QCOMPARE(leftEvent.value("seq"_L1).toInteger(), 5);
    QCOMPARE(leftEvent.value("kind"_L1).toString(), u"memberLeft"_s);
    QCOMPARE(leftEvent.value("userId"_L1).toString(), bob->userId());
    QCOMPARE(leftEvent.value("byId"_L1).toString(), bob->userId());
    QCOMPARE(bob2->waitForType(u"roomRemoved"_s).value("roomId"_L1).toString(), roomId);
    QVERIFY(bob->staysQuiet(u"roomRemoved"_s, 200));
    QCOMPARE(
        outcome(call(*bob2, u"history"_s, { { "roomId"_L1, roomId } })), u"error:not_member"_s);

    // The owner is alone now; the room is still theirs.
    const QJsonObject room
        = findRoom(call(*owner, u"listRooms"_s).value("rooms"_L1).toArray(), roomId);
    QCOMPARE(memberIds(room), QStringList { owner->userId() });
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 5);
}

void tst_Rooms::removeMemberRefusals_data()
{
    QTest::addColumn<QString>("room"); // "direct" or "group"
    QTest::addColumn<QString>("target"); // "peer", "outsider", "unknown"
    QTest::addColumn<QString>("expected");
    QTest::addRow("direct room") << u"direct"_s << u"peer"_s << u"error:forbidden"_s;
    QTest::addRow("not in the group") << u"group"_s << u"outsider"_s << u"error:not_found"_s;
    QTest::addRow("unknown user") << u"group"_s << u"unknown"_s << u"error:not_found"_s;
}

void tst_Rooms::removeMemberRefusals()
{
    QFETCH(QString, room);
    QFETCH(QString, target);
    QFETCH(QString, expected);
    ClientPtr alice = newUser(u"rmx_a"_s);
    ClientPtr bob = newUser(u"rmx_b"_s);
    ClientPtr carol = newUser(u"rmx_c"_s);
    QVERIFY(alice && bob && carol);
    const QString roomId = room == "direct"_L1
        ? call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })
              .value("room"_L1)
              .toObject()
              .value("roomId"_L1)
              .toString()
        : createGroup(*alice, u"Fixed"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    const QString targetId = target == "peer"_L1 ? bob->userId()
        : target == "outsider"_L1                ? carol->userId()
                                                 : randomId();
    QCOMPARE(outcome(call(*alice, u"removeMember"_s,
                 { { "roomId"_L1, roomId }, { "userId"_L1, targetId } })),
        expected);
    QVERIFY(bob->staysQuiet(u"roomRemoved"_s, 200));
    QCOMPARE(findRoom(call(*bob, u"listRooms"_s).value("rooms"_L1).toArray(), roomId)
                 .value("members"_L1)
                 .toArray()
                 .size(),
        2);
}

void tst_Rooms::ownerLeavingHandsOverToEarliestMember()
{
    ClientPtr owner = newUser(u"own_o"_s);
    ClientPtr bob = newUser(u"own_b"_s);
    ClientPtr carol = newUser(u"own_c"_s);
    QVERIFY(owner && bob && carol);
    const QString roomId = createGroup(*owner, u"Heirs"_s, { bob->userId(), carol->userId() });
    QVERIFY(!roomId.isEmpty());

    QCOMPARE(outcome(call(*owner, u"removeMember"_s,
                 { { "roomId"_L1, roomId }, { "userId"_L1, owner->userId() } })),
        u"ok"_s);
    const QJsonObject room
        = findRoom(call(*carol, u"listRooms"_s).value("rooms"_L1).toArray(), roomId);
    QCOMPARE(room.value("ownerId"_L1).toString(), bob->userId());
    QCOMPARE(memberOf(room, bob->userId()).value("role"_L1).toString(), u"owner"_s);
    QCOMPARE(memberOf(room, carol->userId()).value("role"_L1).toString(), u"member"_s);
    QVERIFY(memberOf(room, owner->userId()).isEmpty());

    // The new owner has the owner's rights, the others still do not.
    QCOMPARE(outcome(call(
                 *carol, u"renameRoom"_s, { { "roomId"_L1, roomId }, { "name"_L1, u"Mine"_s } })),
        u"error:forbidden"_s);
    QCOMPARE(outcome(call(
                 *bob, u"renameRoom"_s, { { "roomId"_L1, roomId }, { "name"_L1, u"Bob's"_s } })),
        u"ok"_s);
    QCOMPARE(outcome(call(*bob, u"removeMember"_s,
                 { { "roomId"_L1, roomId }, { "userId"_L1, carol->userId() } })),
        u"ok"_s);
}

void tst_Rooms::ownerRenamesGroup()
{
    ClientPtr owner = newUser(u"ren_o"_s);
    ClientPtr bob = newUser(u"ren_b"_s);
    QVERIFY(owner && bob);
    ClientPtr owner2 = resumedClient(m_server, owner->token());
    QVERIFY(owner2);
    const QString roomId = createGroup(*owner, u"Before"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());

    const QJsonObject reply
        = call(*owner, u"renameRoom"_s, { { "roomId"_L1, roomId }, { "name"_L1, u"  After  "_s } });
    QCOMPARE(outcome(reply), u"ok"_s);
    const QJsonArray events = reply.value("events"_L1).toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).toObject().value("seq"_L1).toInteger(), 3);
    QCOMPARE(events.at(0).toObject().value("kind"_L1).toString(), u"roomRenamed"_s);
    QCOMPARE(events.at(0).toObject().value("name"_L1).toString(), u"After"_s);
    QCOMPARE(events.at(0).toObject().value("byId"_L1).toString(), owner->userId());
    for (TestClient *other : { bob.get(), owner2.get() }) {
        const QJsonObject event = nextEvent(*other, roomId);
        QCOMPARE(event.value("seq"_L1).toInteger(), 3);
        QCOMPARE(event.value("kind"_L1).toString(), u"roomRenamed"_s);
        QCOMPARE(event.value("name"_L1).toString(), u"After"_s);
        QCOMPARE(event.value("byId"_L1).toString(), owner->userId());
    }
    QVERIFY(owner->staysQuiet(u"event"_s, 200));
    const QJsonObject room
        = findRoom(call(*bob, u"listRooms"_s).value("rooms"_L1).toArray(), roomId);
    QCOMPARE(room.value("name"_L1).toString(), u"After"_s);
    QCOMPARE(room.value("lastEvent"_L1).toObject().value("kind"_L1).toString(), u"roomRenamed"_s);
}

void tst_Rooms::renameRefusals_data()
{
    QTest::addColumn<QString>("room"); // "direct" or "group"
    QTest::addColumn<bool>("byOwner");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::addRow("not the owner") << u"group"_s << false << u"Coup"_s << u"error:forbidden"_s;
    QTest::addRow("direct room") << u"direct"_s << true << u"Us"_s << u"error:forbidden"_s;
    QTest::addRow("empty name") << u"group"_s << true << u""_s << u"error:bad_request"_s;
    QTest::addRow("blank name") << u"group"_s << true << u"   "_s << u"error:bad_request"_s;
    QTest::addRow("129 characters")
        << u"group"_s << true << QString(129, u'n') << u"error:bad_request"_s;
}

void tst_Rooms::renameRefusals()
{
    QFETCH(QString, room);
    QFETCH(bool, byOwner);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    ClientPtr alice = newUser(u"renx_a"_s);
    ClientPtr bob = newUser(u"renx_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = room == "direct"_L1
        ? call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })
              .value("room"_L1)
              .toObject()
              .value("roomId"_L1)
              .toString()
        : createGroup(*alice, u"Original"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    TestClient &caller = byOwner ? *alice : *bob;
    QCOMPARE(
        outcome(call(caller, u"renameRoom"_s, { { "roomId"_L1, roomId }, { "name"_L1, name } })),
        expected);
    QVERIFY(alice->staysQuiet(u"event"_s, 200));
    QVERIFY(bob->staysQuiet(u"event"_s, 0));
    const QJsonObject listed
        = findRoom(call(*alice, u"listRooms"_s).value("rooms"_L1).toArray(), roomId);
    QCOMPARE(listed.value("lastSeq"_L1).toInteger(), room == "direct"_L1 ? 0 : 2);
}

void tst_Rooms::notMemberLooksLikeNoRoom_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("existing");
    const QStringList types { u"history"_s, u"send"_s, u"markRead"_s, u"markDelivered"_s,
        u"typing"_s, u"addMembers"_s, u"removeMember"_s, u"renameRoom"_s };
    for (const QString &type : types) {
        QTest::addRow("%s, no such room", qPrintable(type)) << type << false;
        QTest::addRow("%s, someone else's room", qPrintable(type)) << type << true;
    }
}

void tst_Rooms::notMemberLooksLikeNoRoom()
{
    QFETCH(QString, type);
    QFETCH(bool, existing);
    ClientPtr alice = newUser(u"nm_a"_s);
    ClientPtr bob = newUser(u"nm_b"_s);
    QVERIFY(alice && bob);
    const QString foreignRoom = createGroup(*bob, u"Private"_s, {});
    QVERIFY(!foreignRoom.isEmpty());
    const QString roomId = existing ? foreignRoom : randomId();

    QJsonObject fields { { "roomId"_L1, roomId } };
    if (type == "send"_L1) {
        fields.insert("clientMsgId"_L1, u"nm-1"_s);
        fields.insert("text"_L1, u"knock knock"_s);
    } else if (type.startsWith("mark"_L1)) {
        fields.insert("seq"_L1, 1);
    } else if (type == "typing"_L1) {
        fields.insert("typing"_L1, true);
    } else if (type == "addMembers"_L1) {
        fields.insert("userIds"_L1, QJsonArray { alice->userId() });
    } else if (type == "removeMember"_L1) {
        fields.insert("userId"_L1, bob->userId());
    } else if (type == "renameRoom"_L1) {
        fields.insert("name"_L1, u"Taken over"_s);
    }
    const QJsonObject reply = call(*alice, type, fields);
    QCOMPARE(outcome(reply), u"error:not_member"_s);
    // The same text both ways: nothing tells a missing room from a foreign one.
    QCOMPARE(reply.value("message"_L1).toString(), u"no such room, or you are not a member"_s);
    if (type == "send"_L1)
        QCOMPARE(reply.value("clientMsgId"_L1).toString(), u"nm-1"_s);
    QVERIFY(bob->staysQuiet(u"event"_s, 200));
    QVERIFY(bob->staysQuiet(u"typing"_s, 0));
    QCOMPARE(call(*bob, u"history"_s, { { "roomId"_L1, foreignRoom } })
                 .value("events"_L1)
                 .toArray()
                 .size(),
        1);
}

void tst_Rooms::listRoomsByRecentActivity()
{
    ClientPtr alice = newUser(u"lst_a"_s);
    ClientPtr bob = newUser(u"lst_b"_s);
    ClientPtr carol = newUser(u"lst_c"_s);
    QVERIFY(alice && bob && carol);

    const QString withBob = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })
                                .value("room"_L1)
                                .toObject()
                                .value("roomId"_L1)
                                .toString();
    nextMillisecond();
    const QString group = createGroup(*alice, u"Club"_s, { bob->userId(), carol->userId() });
    nextMillisecond();
    const QString withCarol = call(*alice, u"openDirect"_s, { { "userId"_L1, carol->userId() } })
                                  .value("room"_L1)
                                  .toObject()
                                  .value("roomId"_L1)
                                  .toString();
    QVERIFY(!withBob.isEmpty() && !group.isEmpty() && !withCarol.isEmpty());
    nextMillisecond();
    QCOMPARE(sendText(*bob, withBob, u"one"_s).value("seq"_L1).toInteger(), 1);
    QCOMPARE(sendText(*bob, withBob, u"two"_s).value("seq"_L1).toInteger(), 2);
    QCOMPARE(sendText(*alice, withBob, u"mine"_s).value("seq"_L1).toInteger(), 3);
    nextMillisecond();
    QCOMPARE(sendText(*carol, group, u"hello club"_s).value("seq"_L1).toInteger(), 4);

    const QJsonObject reply = call(*alice, u"listRooms"_s);
    QCOMPARE(outcome(reply), u"rooms"_s);
    const QJsonArray rooms = reply.value("rooms"_L1).toArray();
    QStringList order;
    for (const QJsonValue &room : rooms)
        order.append(room.toObject().value("roomId"_L1).toString());
    QCOMPARE(order, (QStringList { group, withBob, withCarol }));

    // The group: alice joined at seq 1, one message by someone else since.
    const QJsonObject club = rooms.at(0).toObject();
    QCOMPARE(club.value("kind"_L1).toString(), u"group"_s);
    QCOMPARE(club.value("name"_L1).toString(), u"Club"_s);
    QCOMPARE(club.value("lastSeq"_L1).toInteger(), 4);
    QCOMPARE(club.value("readSeq"_L1).toInteger(), 1);
    QCOMPARE(club.value("unread"_L1).toInteger(), 1);
    const QJsonObject clubLast = club.value("lastEvent"_L1).toObject();
    QCOMPARE(clubLast.value("seq"_L1).toInteger(), 4);
    QCOMPARE(clubLast.value("kind"_L1).toString(), u"message"_s);
    QCOMPARE(clubLast.value("text"_L1).toString(), u"hello club"_s);
    QCOMPARE(clubLast.value("senderId"_L1).toString(), carol->userId());
    QCOMPARE(memberIds(club), sorted({ alice->userId(), bob->userId(), carol->userId() }));

    // The direct room with bob: two of his messages unread, alice's own does not count.
    const QJsonObject direct = rooms.at(1).toObject();
    QCOMPARE(direct.value("kind"_L1).toString(), u"direct"_s);
    QCOMPARE(direct.value("lastSeq"_L1).toInteger(), 3);
    QCOMPARE(direct.value("readSeq"_L1).toInteger(), 0);
    QCOMPARE(direct.value("unread"_L1).toInteger(), 2);
    QCOMPARE(direct.value("lastEvent"_L1).toObject().value("text"_L1).toString(), u"mine"_s);
    const QJsonObject bobInRoom = memberOf(direct, bob->userId());
    QVERIFY(bobInRoom.value("username"_L1).toString().startsWith("lst_b_"_L1));
    QCOMPARE(
        bobInRoom.value("displayName"_L1).toString(), bobInRoom.value("username"_L1).toString());
    QCOMPARE(bobInRoom.value("role"_L1).toString(), u"member"_s);
    QCOMPARE(bobInRoom.value("online"_L1).toBool(), true);
    QCOMPARE(bobInRoom.value("deliveredSeq"_L1).toInteger(), 0);
    QCOMPARE(bobInRoom.value("readSeq"_L1).toInteger(), 0);
    QCOMPARE(direct.value("name"_L1).toString(), bobInRoom.value("displayName"_L1).toString());

    // The empty direct room with carol: no lastEvent.
    const QJsonObject empty = rooms.at(2).toObject();
    QCOMPARE(empty.value("lastSeq"_L1).toInteger(), 0);
    QCOMPARE(empty.value("unread"_L1).toInteger(), 0);
    QVERIFY(!empty.contains("lastEvent"_L1));
    QCOMPARE(memberIds(empty), sorted({ alice->userId(), carol->userId() }));

    // Activity elsewhere moves a room to the front, for everyone in it.
    nextMillisecond();
    QCOMPARE(sendText(*carol, withCarol, u"me too"_s).value("seq"_L1).toInteger(), 1);
    const QJsonArray after = call(*alice, u"listRooms"_s).value("rooms"_L1).toArray();
    QCOMPARE(after.at(0).toObject().value("roomId"_L1).toString(), withCarol);
    const QJsonArray carols = call(*carol, u"listRooms"_s).value("rooms"_L1).toArray();
    QCOMPARE(carols.size(), 2);
    QCOMPARE(carols.at(0).toObject().value("roomId"_L1).toString(), withCarol);
    QCOMPARE(carols.at(1).toObject().value("roomId"_L1).toString(), group);
}

void tst_Rooms::blockStopsDirectRoomBothWays_data()
{
    QTest::addColumn<bool>("aliceBlocks"); // else bob blocks alice
    QTest::addRow("alice blocks bob") << true;
    QTest::addRow("bob blocks alice") << false;
}

void tst_Rooms::blockStopsDirectRoomBothWays()
{
    QFETCH(bool, aliceBlocks);
    ClientPtr alice = newUser(u"blk_a"_s);
    ClientPtr bob = newUser(u"blk_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } })
                               .value("room"_L1)
                               .toObject()
                               .value("roomId"_L1)
                               .toString();
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(sendText(*alice, roomId, u"before"_s).value("seq"_L1).toInteger(), 1);
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
    QCOMPARE(outcome(sendText(blocked, roomId, u"still?"_s)), u"error:blocked"_s);
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

void tst_Rooms::blockRefusals()
{
    ClientPtr alice = newUser(u"blkx_a"_s);
    ClientPtr bob = newUser(u"blkx_b"_s);
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

QTEST_MAIN(tst_Rooms)
#include "tst_rooms.moc"
