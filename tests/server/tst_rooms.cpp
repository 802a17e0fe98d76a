#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// The rooms' ts come from the server clock in milliseconds; this keeps two steps apart.
void nextMillisecond()
{
    QTest::qWait(3);
}

} // namespace

// Rooms: renames, what a non-member is told, and the order of the room list.
// Direct rooms and blocks are in tst_directrooms, groups and membership in tst_groupmembership.
// One server for the suite; every test uses its own freshly registered users.
class tst_Rooms : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void ownerRenamesGroup();
    void renameRefusals_data();
    void renameRefusals();
    void notMemberLooksLikeNoRoom_data();
    void notMemberLooksLikeNoRoom();
    void listRoomsByRecentActivity();

private:
    SuiteServer m_server;
};

void tst_Rooms::ownerRenamesGroup()
{
    ClientPtr owner = m_server.newUser(u"ren_o"_s);
    ClientPtr bob = m_server.newUser(u"ren_b"_s);
    QVERIFY(owner && bob);
    ClientPtr owner2 = resumedClient(m_server.process(), owner->token());
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
    ClientPtr alice = m_server.newUser(u"renx_a"_s);
    ClientPtr bob = m_server.newUser(u"renx_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = room == "direct"_L1
        ? openDirect(*alice, bob->userId())
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
    ClientPtr alice = m_server.newUser(u"nm_a"_s);
    ClientPtr bob = m_server.newUser(u"nm_b"_s);
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
    ClientPtr alice = m_server.newUser(u"lst_a"_s);
    ClientPtr bob = m_server.newUser(u"lst_b"_s);
    ClientPtr carol = m_server.newUser(u"lst_c"_s);
    QVERIFY(alice && bob && carol);

    const QString withBob = openDirect(*alice, bob->userId());
    nextMillisecond();
    const QString group = createGroup(*alice, u"Club"_s, { bob->userId(), carol->userId() });
    nextMillisecond();
    const QString withCarol = openDirect(*alice, carol->userId());
    QVERIFY(!withBob.isEmpty() && !group.isEmpty() && !withCarol.isEmpty());
    nextMillisecond();
    QCOMPARE(sendMessage(*bob, withBob, u"one"_s).value("seq"_L1).toInteger(), 1);
    QCOMPARE(sendMessage(*bob, withBob, u"two"_s).value("seq"_L1).toInteger(), 2);
    QCOMPARE(sendMessage(*alice, withBob, u"mine"_s).value("seq"_L1).toInteger(), 3);
    nextMillisecond();
    QCOMPARE(sendMessage(*carol, group, u"hello club"_s).value("seq"_L1).toInteger(), 4);

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
    QCOMPARE(sendMessage(*carol, withCarol, u"me too"_s).value("seq"_L1).toInteger(), 1);
    const QJsonArray after = call(*alice, u"listRooms"_s).value("rooms"_L1).toArray();
    QCOMPARE(after.at(0).toObject().value("roomId"_L1).toString(), withCarol);
    const QJsonArray carols = call(*carol, u"listRooms"_s).value("rooms"_L1).toArray();
    QCOMPARE(carols.size(), 2);
    QCOMPARE(carols.at(0).toObject().value("roomId"_L1).toString(), withCarol);
    QCOMPARE(carols.at(1).toObject().value("roomId"_L1).toString(), group);
}

QTEST_MAIN(tst_Rooms)
#include "tst_rooms.moc"
