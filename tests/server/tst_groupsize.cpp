#include "protocolsteps.h"
#include "seededusers.h"
#include "sendprobe.h"
#include "suiteserver.h"
#include "testclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

QJsonArray idArray(const QStringList &ids)
{
    QJsonArray array;
    for (const QString &id : ids)
        array.append(id);
    return array;
}

// How long adding a thousand members may hold up another room's `sent`: 100 ms in a normal
// build on SQLite. On PostgreSQL each of the job's statements is a round trip to another
// process, which on two busy cores took up to 142 ms: 400. The sanitizers slow the server
// fourfold and more under load, so their build checks only that it does not stall (the old
// server took 45 s).
#ifdef CONFAB_SANITIZED
constexpr qint64 kMaxDelayMs = 2000;
#else
constexpr qint64 kMaxDelayMs = 100;
#endif
constexpr qint64 kMaxDelayOnPostgresMs = 400;

} // namespace

// The size of a group: at most max_group_members (too_large beyond, and nothing changes), a
// limit the server tells in `auth`; and adding a thousand members at once is cheap enough
// that other rooms' messages are not held up.
class tst_GroupSize : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void authCarriesTheLimits();
    void thousandMembersAtOnceDoNotHoldUpOtherRooms();
    void createGroupPastTheLimitIsTooLarge();
    void addMembersPastTheLimitChangesNothing();

private:
    SuiteServer m_server;
    QStringList m_seeded; // 1,100 users who exist but never sign in
};

void tst_GroupSize::initTestCase()
{
    // The concurrent sender sends as fast as it is answered.
    QVERIFY(m_server.start("[limits]\nsend_burst=100000\nsend_per_second=100000\n"));
    m_seeded = seedUsers(m_server.process().databaseUrl(), u"crowd"_s, 1100);
    QCOMPARE(m_seeded.size(), 1100);
}

void tst_GroupSize::authCarriesTheLimits()
{
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    const QJsonObject limits
        = client->registerUser(m_server.uniqueName(u"limits"_s)).value("limits"_L1).toObject();
    QCOMPARE(limits.value("maxTextBytes"_L1).toInteger(), 16384);
    QCOMPARE(limits.value("maxFileBytes"_L1).toInteger(), 100LL * 1024 * 1024);
    QCOMPARE(limits.value("chunkSize"_L1).toInteger(), 256 * 1024);
    QCOMPARE(limits.value("maxGroupMembers"_L1).toInteger(), 1000);

    SuiteServer configured;
    QVERIFY(configured.start("[limits]\nmax_group_members=5\nmax_text_bytes=100\n"));
    ClientPtr other = connectTo(configured.process());
    QVERIFY(other);
    const QJsonObject configuredLimits
        = other->registerUser(u"configured"_s).value("limits"_L1).toObject();
    QCOMPARE(configuredLimits.value("maxGroupMembers"_L1).toInteger(), 5);
    QCOMPARE(configuredLimits.value("maxTextBytes"_L1).toInteger(), 100);
    QVERIFY(configured.stop());
}

void tst_GroupSize::thousandMembersAtOnceDoNotHoldUpOtherRooms()
{
    ClientPtr alice = m_server.newUser(u"big_owner"_s);
    ClientPtr bob = m_server.newUser(u"big_early"_s);
    ClientPtr erin = m_server.newUser(u"big_new"_s);
    ClientPtr carol = m_server.newUser(u"busy_a"_s);
    ClientPtr dave = m_server.newUser(u"busy_b"_s);
    QVERIFY(alice && bob && erin && carol && dave);
    const QString groupId = createGroup(*alice, u"Everyone"_s, { bob->userId() });
    const QString busyRoom = openDirect(*carol, dave->userId());
    QVERIFY(!groupId.isEmpty() && !busyRoom.isEmpty());

    // Carol chats with dave, one message at a time, from a thread of her own.
    SendProbe probe(m_server.process().url(), carol->token(), busyRoom);
    probe.start();
    QTRY_VERIFY(probe.sent() >= 5);

    // Meanwhile 997 seeded users and erin join alice and bob: 1,000 members.
    QStringList joining = m_seeded.mid(0, 997);
    joining.append(erin->userId());
    const int sentBefore = probe.sent();
    const QJsonObject added = call(
        *alice, u"addMembers"_s, { { "roomId"_L1, groupId }, { "userIds"_L1, idArray(joining) } });
    QTest::qWait(100);
    probe.stop();
    qInfo("%d messages sent while adding; the slowest took %lld ms", probe.sent() - sentBefore,
        probe.slowestMs());
    QCOMPARE(outcome(added), u"ok"_s);
    QCOMPARE(added.value("events"_L1).toArray().size(), 998);
    QCOMPARE(probe.failed(), 0);
    QVERIFY(probe.sent() > sentBefore);
    const qint64 bound
        = TestDatabase::usesPostgres() ? qMax(kMaxDelayMs, kMaxDelayOnPostgresMs) : kMaxDelayMs;
    QVERIFY2(probe.slowestMs() <= bound, qPrintable(QString::number(probe.slowestMs())));

    // Erin learns of the room with its 1,000 members; bob hears of every join, in order.
    const QJsonObject roomAdded = erin->waitForType(u"roomAdded"_s, 10000);
    const QJsonObject room = roomAdded.value("room"_L1).toObject();
    QCOMPARE(room.value("roomId"_L1).toString(), groupId);
    QCOMPARE(room.value("members"_L1).toArray().size(), 1000);
    QCOMPARE(room.value("unread"_L1).toInteger(), 0);
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 2 + 998);
    QCOMPARE(room.value("readSeq"_L1).toInteger(), 2 + 998); // erin joined last
    for (int i = 0; i < 998; ++i) {
        const QJsonObject event = nextEvent(*bob, groupId, 10000);
        QCOMPARE(event.value("seq"_L1).toInteger(), 3 + i);
        QCOMPARE(event.value("userId"_L1).toString(), joining.at(i));
    }
    QCOMPARE(findRoom(*alice, groupId).value("members"_L1).toArray().size(), 1000);
}

void tst_GroupSize::createGroupPastTheLimitIsTooLarge()
{
    ClientPtr alice = m_server.newUser(u"over_owner"_s);
    QVERIFY(alice);
    const int roomsBefore = int(call(*alice, u"listRooms"_s).value("rooms"_L1).toArray().size());
    // The caller counts: 1,000 others make 1,001.
    const QJsonObject refused = call(*alice, u"createGroup"_s,
        { { "name"_L1, u"Too many"_s }, { "members"_L1, idArray(m_seeded.mid(0, 1000)) } });
    QCOMPARE(outcome(refused), u"error:too_large"_s);
    QCOMPARE(call(*alice, u"listRooms"_s).value("rooms"_L1).toArray().size(), roomsBefore);

    const QJsonObject created = call(*alice, u"createGroup"_s,
        { { "name"_L1, u"Just enough"_s }, { "members"_L1, idArray(m_seeded.mid(100, 999)) } });
    QCOMPARE(outcome(created), u"room"_s);
    const QJsonObject room = created.value("room"_L1).toObject();
    QCOMPARE(room.value("members"_L1).toArray().size(), 1000);
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 1000);
    QCOMPARE(room.value("ownerId"_L1).toString(), alice->userId());
    QCOMPARE(memberOf(room, alice->userId()).value("role"_L1).toString(), u"owner"_s);
}

void tst_GroupSize::addMembersPastTheLimitChangesNothing()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\nmax_group_members=5\n"));
    const QStringList seeded = seedUsers(server.process().databaseUrl(), u"few"_s, 5);
    QCOMPARE(seeded.size(), 5);
    ClientPtr alice = server.newUser(u"small_owner"_s);
    ClientPtr bob = server.newUser(u"small_member"_s);
    QVERIFY(alice && bob);
    QCOMPARE(outcome(call(*alice, u"createGroup"_s,
                 { { "name"_L1, u"Six"_s }, { "members"_L1, idArray(seeded) } })),
        u"error:too_large"_s);
    const QString groupId = createGroup(*alice, u"Small"_s, { bob->userId() });
    QVERIFY(!groupId.isEmpty());
    QCOMPARE(outcome(call(*bob, u"addMembers"_s,
                 { { "roomId"_L1, groupId }, { "userIds"_L1, idArray(seeded.mid(0, 3)) } })),
        u"ok"_s);
    // Five now: one more is too many, also when part of the request is members already.
    const QJsonObject refused = call(*alice, u"addMembers"_s,
        { { "roomId"_L1, groupId }, { "userIds"_L1, idArray({ seeded.at(0), seeded.at(3) }) } });
    QCOMPARE(outcome(refused), u"error:too_large"_s);
    const QJsonObject room = findRoom(*alice, groupId);
    QCOMPARE(room.value("members"_L1).toArray().size(), 5);
    QCOMPARE(room.value("lastSeq"_L1).toInteger(), 5);
    // Adding only members already there changes nothing and is fine.
    QCOMPARE(outcome(call(*alice, u"addMembers"_s,
                 { { "roomId"_L1, groupId }, { "userIds"_L1, idArray({ seeded.at(0) }) } })),
        u"ok"_s);
    QVERIFY(server.stop());
}

QTEST_MAIN(tst_GroupSize)
#include "tst_groupsize.moc"
