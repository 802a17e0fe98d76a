#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

// Group rooms and their members: creating a group, adding and removing members, leaving,
// and the owner's hand-over.
// One server for the suite; every test uses its own freshly registered users.
class tst_GroupMembership : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void createGroupLogsOneJoinPerMember();
    void createGroupWithUnknownMemberCreatesNothing();
    void anyMemberAddsMembers();
    void addMembersRefusals_data();
    void addMembersRefusals();
    void ownerRemovesAndMembersLeave();
    void removeMemberRefusals_data();
    void removeMemberRefusals();
    void ownerLeavingHandsOverToEarliestMember();
    void messagesFollowEveryMembershipChange();

private:
    SuiteServer m_server;
};

void tst_GroupMembership::createGroupLogsOneJoinPerMember()
{
    ClientPtr owner = m_server.newUser(u"grp_o"_s);
    ClientPtr bob = m_server.newUser(u"grp_b"_s);
    ClientPtr carol = m_server.newUser(u"grp_c"_s);
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

void tst_GroupMembership::createGroupWithUnknownMemberCreatesNothing()
{
    ClientPtr owner = m_server.newUser(u"grpx_o"_s);
    ClientPtr bob = m_server.newUser(u"grpx_b"_s);
    QVERIFY(owner && bob);
    const QJsonObject reply = call(*owner, u"createGroup"_s,
        { { "name"_L1, u"Ghosts"_s }, { "members"_L1, QJsonArray { bob->userId(), randomId() } } });
    QCOMPARE(outcome(reply), u"error:not_found"_s);
    QVERIFY(bob->staysQuiet(u"roomAdded"_s, 300));
    QCOMPARE(call(*owner, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
    QCOMPARE(call(*bob, u"listRooms"_s).value("rooms"_L1).toArray().size(), 0);
}

void tst_GroupMembership::anyMemberAddsMembers()
{
    ClientPtr owner = m_server.newUser(u"add_o"_s);
    ClientPtr bob = m_server.newUser(u"add_b"_s);
    ClientPtr carol = m_server.newUser(u"add_c"_s);
    ClientPtr dave = m_server.newUser(u"add_d"_s);
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
    QCOMPARE(sendMessage(*dave, roomId, u"hi all"_s).value("seq"_L1).toInteger(), 5);
    QCOMPARE(
        call(*dave, u"history"_s, { { "roomId"_L1, roomId } }).value("events"_L1).toArray().size(),
        5);
}

void tst_GroupMembership::addMembersRefusals_data()
{
    QTest::addColumn<QString>("room"); // "direct", "foreign" or "group"
    QTest::addColumn<bool>("unknownUser");
    QTest::addColumn<QString>("expected");
    QTest::addRow("unknown user") << u"group"_s << true << u"error:not_found"_s;
    QTest::addRow("direct room") << u"direct"_s << false << u"error:forbidden"_s;
    QTest::addRow("not a member") << u"foreign"_s << false << u"error:not_member"_s;
}

void tst_GroupMembership::addMembersRefusals()
{
    QFETCH(QString, room);
    QFETCH(bool, unknownUser);
    QFETCH(QString, expected);
    ClientPtr alice = m_server.newUser(u"addx_a"_s);
    ClientPtr bob = m_server.newUser(u"addx_b"_s);
    ClientPtr carol = m_server.newUser(u"addx_c"_s);
    QVERIFY(alice && bob && carol);
    QString roomId;
    if (room == "direct"_L1)
        roomId = openDirect(*alice, bob->userId());
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

void tst_GroupMembership::ownerRemovesAndMembersLeave()
{
    ClientPtr owner = m_server.newUser(u"rm_o"_s);
    ClientPtr bob = m_server.newUser(u"rm_b"_s);
    ClientPtr carol = m_server.newUser(u"rm_c"_s);
    QVERIFY(owner && bob && carol);
    ClientPtr bob2 = resumedClient(m_server.process(), bob->token());
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
    const QJsonObject send = sendMessage(*carol, roomId, u"still here?"_s);
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

void tst_GroupMembership::removeMemberRefusals_data()
{
    QTest::addColumn<QString>("room"); // "direct" or "group"
    QTest::addColumn<QString>("target"); // "peer", "outsider", "unknown"
    QTest::addColumn<QString>("expected");
    QTest::addRow("direct room") << u"direct"_s << u"peer"_s << u"error:forbidden"_s;
    QTest::addRow("not in the group") << u"group"_s << u"outsider"_s << u"error:not_found"_s;
    QTest::addRow("unknown user") << u"group"_s << u"unknown"_s << u"error:not_found"_s;
}

void tst_GroupMembership::removeMemberRefusals()
{
    QFETCH(QString, room);
    QFETCH(QString, target);
    QFETCH(QString, expected);
    ClientPtr alice = m_server.newUser(u"rmx_a"_s);
    ClientPtr bob = m_server.newUser(u"rmx_b"_s);
    ClientPtr carol = m_server.newUser(u"rmx_c"_s);
    QVERIFY(alice && bob && carol);
    const QString roomId = room == "direct"_L1 ? openDirect(*alice, bob->userId())
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

void tst_GroupMembership::ownerLeavingHandsOverToEarliestMember()
{
    ClientPtr owner = m_server.newUser(u"own_o"_s);
    ClientPtr bob = m_server.newUser(u"own_b"_s);
    ClientPtr carol = m_server.newUser(u"own_c"_s);
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

// The server keeps member lists of busy rooms in memory; each change of the members must
// show at once in who may send and who receives.
void tst_GroupMembership::messagesFollowEveryMembershipChange()
{
    ClientPtr owner = m_server.newUser(u"mf_o"_s);
    ClientPtr bob = m_server.newUser(u"mf_b"_s);
    ClientPtr carol = m_server.newUser(u"mf_c"_s);
    QVERIFY(owner && bob && carol);
    // The text of the next message event, past the membership events before it.
    const auto nextText = [](TestClient &client, const QString &roomId) {
        for (;;) {
            const QJsonObject event = nextEvent(client, roomId);
            if (event.isEmpty() || event.value("kind"_L1).toString() == u"message"_s)
                return event.value("text"_L1).toString();
        }
    };
    const QString roomId = createGroup(*owner, u"Followers"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(outcome(sendMessage(*bob, roomId, u"bob, before"_s)), u"sent"_s);
    QCOMPARE(nextText(*owner, roomId), u"bob, before"_s);

    // Carol joins: the next message reaches her, and she may send.
    QCOMPARE(outcome(call(*owner, u"addMembers"_s,
                 { { "roomId"_L1, roomId }, { "userIds"_L1, QJsonArray { carol->userId() } } })),
        u"ok"_s);
    QCOMPARE(outcome(sendMessage(*owner, roomId, u"welcome"_s)), u"sent"_s);
    QCOMPARE(nextText(*carol, roomId), u"welcome"_s);
    QCOMPARE(outcome(sendMessage(*carol, roomId, u"thanks"_s)), u"sent"_s);
    QCOMPARE(nextText(*bob, roomId), u"welcome"_s);
    QCOMPARE(nextText(*bob, roomId), u"thanks"_s);

    // Bob is removed right after he sent: his next send is refused, and he hears no more.
    QCOMPARE(outcome(sendMessage(*bob, roomId, u"bob, still in"_s)), u"sent"_s);
    QCOMPARE(outcome(call(*owner, u"removeMember"_s,
                 { { "roomId"_L1, roomId }, { "userId"_L1, bob->userId() } })),
        u"ok"_s);
    QCOMPARE(outcome(sendMessage(*bob, roomId, u"bob, out"_s)), u"error:not_member"_s);
    QCOMPARE(outcome(sendMessage(*carol, roomId, u"without bob"_s)), u"sent"_s);
    QCOMPARE(nextText(*owner, roomId), u"thanks"_s);
    QCOMPARE(nextText(*owner, roomId), u"bob, still in"_s);
    QCOMPARE(nextText(*owner, roomId), u"without bob"_s);
    QVERIFY(bob->staysQuiet(u"event"_s));

    // Back in, he sends again.
    QCOMPARE(outcome(call(*carol, u"addMembers"_s,
                 { { "roomId"_L1, roomId }, { "userIds"_L1, QJsonArray { bob->userId() } } })),
        u"ok"_s);
    QCOMPARE(outcome(sendMessage(*bob, roomId, u"bob, back"_s)), u"sent"_s);
    QCOMPARE(nextText(*carol, roomId), u"bob, still in"_s);
    QCOMPARE(nextText(*carol, roomId), u"bob, back"_s);
}

QTEST_MAIN(tst_GroupMembership)
#include "tst_groupmembership.moc"
