#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

QJsonObject typing(TestClient &client, const QString &roomId, bool on)
{
    return call(client, u"typing"_s, { { "roomId"_L1, roomId }, { "typing"_L1, on } });
}

// Waits for the presence push about `userId`.
QJsonObject presenceOf(TestClient &client, const QString &userId, int timeoutMs = 5000)
{
    return client.waitFor(
        [&userId](const QJsonObject &f) {
            return f.value("type"_L1).toString() == "presence"_L1
                && f.value("userId"_L1).toString() == userId;
        },
        timeoutMs);
}

} // namespace

// Presence (online with the first session, offline with the last) and typing relays.
class tst_Presence : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void onlineWithFirstSessionOfflineWithLast();
    void secondSessionKeepsUserOnline();
    void presenceOnlyReachesContacts();
    void memberOnlineFlags();
    void typingIsRelayedToOtherMembers_data();
    void typingIsRelayedToOtherMembers();
    void typingTrueAtMostOncePerSecond();
    void typingInRoomYouAreNotIn();

private:
    SuiteServer m_server;
};

void tst_Presence::onlineWithFirstSessionOfflineWithLast()
{
    ClientPtr alice = m_server.newUser(u"pre_a"_s);
    ClientPtr bob = m_server.newUser(u"pre_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = createGroup(*alice, u"Group"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty());
    const QString bobId = bob->userId();
    const QString bobToken = bob->token();

    const qint64 beforeClose = QDateTime::currentMSecsSinceEpoch();
    bob->close();
    QVERIFY(bob->waitForClosed());
    const QJsonObject offline = presenceOf(*alice, bobId);
    const qint64 afterClose = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(outcome(offline), u"presence"_s);
    QCOMPARE(offline.value("online"_L1).toBool(true), false);
    const qint64 lastSeen = offline.value("lastSeen"_L1).toInteger();
    QVERIFY2(
        lastSeen >= beforeClose && lastSeen <= afterClose, qPrintable(QString::number(lastSeen)));
    QVERIFY(!offline.contains("id"_L1));

    // The room shows the same: offline, last seen then.
    const QJsonObject member = memberOf(findRoom(*alice, roomId), bobId);
    QCOMPARE(member.value("online"_L1).toBool(true), false);
    QCOMPARE(member.value("lastSeen"_L1).toInteger(), lastSeen);

    // Back with a new session: online again.
    ClientPtr bobAgain = resumedClient(m_server.process(), bobToken);
    QVERIFY(bobAgain);
    const QJsonObject online = presenceOf(*alice, bobId);
    QCOMPARE(online.value("online"_L1).toBool(false), true);
    QVERIFY(online.value("lastSeen"_L1).toInteger() >= lastSeen);
    QCOMPARE(memberOf(findRoom(*alice, roomId), bobId).value("online"_L1).toBool(false), true);
    // Nobody is told about their own presence.
    QVERIFY(bobAgain->staysQuiet(u"presence"_s, 200));
}

void tst_Presence::secondSessionKeepsUserOnline()
{
    ClientPtr alice = m_server.newUser(u"two_a"_s);
    ClientPtr bob = m_server.newUser(u"two_b"_s);
    QVERIFY(alice && bob);
    QVERIFY(!createGroup(*alice, u"Group"_s, { bob->userId() }).isEmpty());
    const QString bobId = bob->userId();

    // A second session of an online user announces nothing.
    ClientPtr bob2 = resumedClient(m_server.process(), bob->token());
    QVERIFY(bob2);
    QVERIFY(alice->staysQuiet(u"presence"_s, 300));

    // Closing one of two sessions: still online.
    bob->close();
    QVERIFY(bob->waitForClosed());
    QVERIFY(alice->staysQuiet(u"presence"_s, 400));
    const QJsonArray rooms = call(*alice, u"listRooms"_s).value("rooms"_L1).toArray();
    QCOMPARE(memberOf(rooms.at(0).toObject(), bobId).value("online"_L1).toBool(false), true);

    // Closing the last one: offline.
    bob2->close();
    QVERIFY(bob2->waitForClosed());
    QCOMPARE(presenceOf(*alice, bobId).value("online"_L1).toBool(true), false);
    QVERIFY(alice->staysQuiet(u"presence"_s, 200));
}

void tst_Presence::presenceOnlyReachesContacts()
{
    ClientPtr alice = m_server.newUser(u"con_a"_s);
    ClientPtr bob = m_server.newUser(u"con_b"_s);
    ClientPtr stranger = m_server.newUser(u"con_s"_s);
    QVERIFY(alice && bob && stranger);
    const QJsonObject direct = call(*alice, u"openDirect"_s, { { "userId"_L1, bob->userId() } });
    QCOMPARE(outcome(direct), u"room"_s);

    bob->close();
    QVERIFY(bob->waitForClosed());
    QCOMPARE(presenceOf(*alice, bob->userId()).value("online"_L1).toBool(true), false);
    QVERIFY(stranger->staysQuiet(u"presence"_s, 300));
}

void tst_Presence::memberOnlineFlags()
{
    ClientPtr alice = m_server.newUser(u"flg_a"_s);
    ClientPtr bob = m_server.newUser(u"flg_b"_s);
    ClientPtr carol = m_server.newUser(u"flg_c"_s);
    QVERIFY(alice && bob && carol);
    const QString carolId = carol->userId();
    carol->close();
    QVERIFY(carol->waitForClosed());
    const QString roomId = createGroup(*alice, u"Group"_s, { bob->userId(), carolId });
    QVERIFY(!roomId.isEmpty());

    const QJsonObject room = findRoom(*bob, roomId);
    QCOMPARE(memberOf(room, alice->userId()).value("online"_L1).toBool(false), true);
    QCOMPARE(memberOf(room, bob->userId()).value("online"_L1).toBool(false), true);
    const QJsonObject carolMember = memberOf(room, carolId);
    QCOMPARE(carolMember.value("online"_L1).toBool(true), false);
    QVERIFY(carolMember.value("lastSeen"_L1).toInteger() > 0);

    // findUsers carries the same flags.
    const QJsonObject found = call(*alice, u"findUsers"_s, { { "query"_L1, u"flg_"_s } });
    QCOMPARE(outcome(found), u"users"_s);
    const QJsonArray users = found.value("users"_L1).toArray();
    QCOMPARE(users.size(), 2); // not the caller
    for (const QJsonValue &user : users) {
        const QJsonObject summary = user.toObject();
        QCOMPARE(
            summary.value("online"_L1).toBool(), summary.value("userId"_L1).toString() != carolId);
    }
}

void tst_Presence::typingIsRelayedToOtherMembers_data()
{
    QTest::addColumn<bool>("group");
    QTest::addRow("direct room") << false;
    QTest::addRow("group") << true;
}

void tst_Presence::typingIsRelayedToOtherMembers()
{
    QFETCH(bool, group);
    ClientPtr alice = m_server.newUser(u"typ_a"_s);
    ClientPtr bob = m_server.newUser(u"typ_b"_s);
    ClientPtr carol = m_server.newUser(u"typ_c"_s);
    QVERIFY(alice && bob && carol);
    ClientPtr alice2 = resumedClient(m_server.process(), alice->token());
    QVERIFY(alice2);
    const QString roomId = group
        ? createGroup(*alice, u"Group"_s, { bob->userId(), carol->userId() })
        : openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());

    QCOMPARE(outcome(typing(*alice, roomId, true)), u"ok"_s);
    // Other members' sessions get it; the typist's own sessions do not.
    QList<TestClient *> receivers { bob.get() };
    if (group)
        receivers.append(carol.get());
    for (TestClient *receiver : std::as_const(receivers)) {
        const QJsonObject relay = receiver->waitForType(u"typing"_s);
        QCOMPARE(relay.value("roomId"_L1).toString(), roomId);
        QCOMPARE(relay.value("userId"_L1).toString(), alice->userId());
        QCOMPARE(relay.value("typing"_L1).toBool(false), true);
        QCOMPARE(relay.keys(), (QStringList { u"roomId"_s, u"type"_s, u"typing"_s, u"userId"_s }));
    }
    QVERIFY(alice->staysQuiet(u"typing"_s, 300));
    QVERIFY(alice2->staysQuiet(u"typing"_s, 0));
    if (!group)
        QVERIFY(carol->staysQuiet(u"typing"_s, 0));

    // Typing is not stored.
    const QJsonObject history = call(*bob, u"history"_s, { { "roomId"_L1, roomId } });
    QCOMPARE(history.value("events"_L1).toArray().size(), group ? 3 : 0);
}

void tst_Presence::typingTrueAtMostOncePerSecond()
{
    ClientPtr alice = m_server.newUser(u"thr_a"_s);
    ClientPtr bob = m_server.newUser(u"thr_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = createGroup(*alice, u"Group"_s, { bob->userId() });
    const QString otherRoom = createGroup(*alice, u"Group"_s, { bob->userId() });
    QVERIFY(!roomId.isEmpty() && !otherRoom.isEmpty());
    auto isTyping = [](const QString &roomId, const QString &userId, bool on) {
        return [=](const QJsonObject &f) {
            return f.value("type"_L1).toString() == "typing"_L1
                && f.value("roomId"_L1).toString() == roomId
                && f.value("userId"_L1).toString() == userId && f.value("typing"_L1).toBool() == on;
        };
    };

    QElapsedTimer sinceFirst;
    sinceFirst.start();
    QCOMPARE(outcome(typing(*alice, roomId, true)), u"ok"_s);
    QVERIFY(!bob->waitFor(isTyping(roomId, alice->userId(), true)).isEmpty());

    // A second true within the second is acknowledged but not relayed.
    QCOMPARE(outcome(typing(*alice, roomId, true)), u"ok"_s);
    // false always goes through.
    QCOMPARE(outcome(typing(*alice, roomId, false)), u"ok"_s);
    QVERIFY(!bob->waitFor(isTyping(roomId, alice->userId(), false)).isEmpty());
    QCOMPARE(outcome(typing(*alice, roomId, false)), u"ok"_s);
    QVERIFY(!bob->waitFor(isTyping(roomId, alice->userId(), false)).isEmpty());
    // The throttle is per room and per user.
    QCOMPARE(outcome(typing(*alice, otherRoom, true)), u"ok"_s);
    QVERIFY(!bob->waitFor(isTyping(otherRoom, alice->userId(), true)).isEmpty());
    QCOMPARE(outcome(typing(*bob, roomId, true)), u"ok"_s);
    QVERIFY(!alice->waitFor(isTyping(roomId, bob->userId(), true)).isEmpty());
    QCOMPARE(outcome(typing(*alice, roomId, true)), u"ok"_s);
    QVERIFY(sinceFirst.elapsed() < 900); // the checks above ran inside the second
    QTest::qWait(200);
    QCOMPARE(countOfType(*bob, u"typing"_s), 0);

    // After the second: relayed again.
    QTest::qWait(int(qMax<qint64>(0, 1050 - sinceFirst.elapsed())));
    QCOMPARE(outcome(typing(*alice, roomId, true)), u"ok"_s);
    QVERIFY(!bob->waitFor(isTyping(roomId, alice->userId(), true)).isEmpty());
    QVERIFY(bob->staysQuiet(u"typing"_s, 200));
}

void tst_Presence::typingInRoomYouAreNotIn()
{
    ClientPtr alice = m_server.newUser(u"tnm_a"_s);
    ClientPtr bob = m_server.newUser(u"tnm_b"_s);
    QVERIFY(alice && bob);
    const QString bobsRoom = createGroup(*bob, u"Group"_s, {});
    QVERIFY(!bobsRoom.isEmpty());
    for (bool on : { true, false }) {
        const QJsonObject reply = typing(*alice, bobsRoom, on);
        QCOMPARE(outcome(reply), u"error:not_member"_s);
    }
    QVERIFY(bob->staysQuiet(u"typing"_s, 300));
    QCOMPARE(outcome(call(
                 *alice, u"typing"_s, { { "roomId"_L1, bobsRoom }, { "typing"_L1, u"yes"_s } })),
        u"error:bad_request"_s);
}

QTEST_MAIN(tst_Presence)
#include "tst_presence.moc"
