#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// Sends `text` and returns its seq; 0, with a warning, when the send was refused.
qint64 sendText(TestClient &client, const QString &roomId, const QString &text)
{
    const QJsonObject reply = sendMessage(client, roomId, text);
    if (outcome(reply) != "sent"_L1)
        qWarning() << "send" << reply;
    return reply.value("seq"_L1).toInteger();
}

QJsonObject mark(TestClient &client, bool read, const QString &roomId, qint64 seq)
{
    return call(client, read ? u"markRead"_s : u"markDelivered"_s,
        { { "roomId"_L1, roomId }, { "seq"_L1, seq } });
}

// "delivered/read/unread" of a markers reply or receipt, for one comparison.
QString markers(const QJsonObject &frame)
{
    QString text = QString::number(frame.value("deliveredSeq"_L1).toInteger()) + u'/'
        + QString::number(frame.value("readSeq"_L1).toInteger());
    if (frame.contains("unread"_L1))
        text += u'/' + QString::number(frame.value("unread"_L1).toInteger());
    return text;
}

} // namespace

// Receipts and unread counts: markers only move forward, reach the other sessions, and the
// unread count is exact on every device.
class tst_Receipts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void markersMoveForwardOnly_data();
    void markersMoveForwardOnly();
    void unreadCountsWhatCameAfterReading();
    void receiptsReachOtherSessions();
    void unchangedMarkersSendNoReceipt();
    void unreadIsExactOnEveryDevice();
    void groupMarkersStartAtOwnJoin();

private:
    SuiteServer m_server;
};

void tst_Receipts::markersMoveForwardOnly_data()
{
    // Steps: "d<seq>" markDelivered, "r<seq>" markRead; the room holds three messages by
    // the peer. Expected: the reply to the last step as delivered/read/unread.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("expected");
    QTest::addRow("delivered forward") << QStringList { u"d2"_s } << u"2/0/3"_s;
    QTest::addRow("delivered back is ignored") << QStringList { u"d2"_s, u"d1"_s } << u"2/0/3"_s;
    QTest::addRow("delivered past the end is clamped") << QStringList { u"d99"_s } << u"3/0/3"_s;
    QTest::addRow("delivered to 0 changes nothing") << QStringList { u"d0"_s } << u"0/0/3"_s;
    QTest::addRow("read moves delivered") << QStringList { u"r2"_s } << u"2/2/1"_s;
    QTest::addRow("read back is ignored") << QStringList { u"r3"_s, u"r1"_s } << u"3/3/0"_s;
    QTest::addRow("read past the end is clamped") << QStringList { u"r99"_s } << u"3/3/0"_s;
    QTest::addRow("read below delivered keeps delivered")
        << QStringList { u"d3"_s, u"r1"_s } << u"3/1/2"_s;
    QTest::addRow("delivered below read is ignored")
        << QStringList { u"r2"_s, u"d1"_s } << u"2/2/1"_s;
    QTest::addRow("delivered then read further")
        << QStringList { u"d1"_s, u"r2"_s, u"d3"_s } << u"3/2/1"_s;
}

void tst_Receipts::markersMoveForwardOnly()
{
    QFETCH(QStringList, steps);
    QFETCH(QString, expected);
    ClientPtr alice = m_server.newUser(u"fwd_a"_s);
    ClientPtr bob = m_server.newUser(u"fwd_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(sendText(*alice, roomId, u"m%1"_s.arg(i)), i);

    QJsonObject reply;
    for (const QString &step : std::as_const(steps)) {
        reply = mark(*bob, step.startsWith(u'r'), roomId, step.mid(1).toLongLong());
        QCOMPARE(outcome(reply), u"ok"_s);
        QCOMPARE(reply.value("roomId"_L1).toString(), roomId);
    }
    QCOMPARE(markers(reply), expected);

    // The stored markers are the reported ones, as everyone sees them.
    const QStringList parts = expected.split(u'/');
    const QJsonObject room = findRoom(*bob, roomId);
    QCOMPARE(room.value("readSeq"_L1).toInteger(), parts.at(1).toLongLong());
    QCOMPARE(room.value("unread"_L1).toInteger(), parts.at(2).toLongLong());
    const QJsonObject seenByAlice = memberOf(findRoom(*alice, roomId), bob->userId());
    QCOMPARE(seenByAlice.value("deliveredSeq"_L1).toInteger(), parts.at(0).toLongLong());
    QCOMPARE(seenByAlice.value("readSeq"_L1).toInteger(), parts.at(1).toLongLong());
}

void tst_Receipts::unreadCountsWhatCameAfterReading()
{
    ClientPtr alice = m_server.newUser(u"after_a"_s);
    ClientPtr bob = m_server.newUser(u"after_b"_s);
    QVERIFY(alice && bob);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(sendText(*alice, roomId, u"m%1"_s.arg(i)), i);
    QCOMPARE(markers(mark(*bob, true, roomId, 3)), u"3/3/0"_s);
    // Two more from alice, one of bob's own (which is never unread to him).
    QCOMPARE(sendText(*alice, roomId, u"m4"_s), 4);
    QCOMPARE(sendText(*bob, roomId, u"mine"_s), 5);
    QCOMPARE(sendText(*alice, roomId, u"m6"_s), 6);
    QCOMPARE(markers(mark(*bob, false, roomId, 6)), u"6/3/2"_s);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 2);
    QCOMPARE(findRoom(*alice, roomId).value("unread"_L1).toInteger(), 1);
    QCOMPARE(markers(mark(*bob, true, roomId, 5)), u"6/5/1"_s);
}

void tst_Receipts::receiptsReachOtherSessions()
{
    ClientPtr alice = m_server.newUser(u"rcp_a"_s);
    ClientPtr bob = m_server.newUser(u"rcp_b"_s);
    QVERIFY(alice && bob);
    ClientPtr alice2 = resumedClient(m_server.process(), alice->token());
    ClientPtr bob2 = resumedClient(m_server.process(), bob->token());
    QVERIFY(alice2 && bob2);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(sendText(*alice, roomId, u"one"_s), 1);
    QCOMPARE(sendText(*alice, roomId, u"two"_s), 2);

    // Delivered: the peer's sessions see the new markers without an unread count, the
    // caller's other session with it, the calling session only in its reply.
    QCOMPARE(markers(mark(*bob, false, roomId, 2)), u"2/0/2"_s);
    for (TestClient *peer : { alice.get(), alice2.get() }) {
        const QJsonObject receipt = peer->waitForType(u"receipt"_s);
        QCOMPARE(receipt.value("roomId"_L1).toString(), roomId);
        QCOMPARE(receipt.value("userId"_L1).toString(), bob->userId());
        QCOMPARE(markers(receipt), u"2/0"_s);
        QVERIFY(!receipt.contains("id"_L1));
    }
    QJsonObject own = bob2->waitForType(u"receipt"_s);
    QCOMPARE(own.value("roomId"_L1).toString(), roomId);
    QCOMPARE(own.value("userId"_L1).toString(), bob->userId());
    QCOMPARE(markers(own), u"2/0/2"_s);

    // Read: the same, with the unread count dropping for bob's other session.
    QCOMPARE(markers(mark(*bob, true, roomId, 1)), u"2/1/1"_s);
    QCOMPARE(markers(alice->waitForType(u"receipt"_s)), u"2/1"_s);
    QCOMPARE(markers(alice2->waitForType(u"receipt"_s)), u"2/1"_s);
    own = bob2->waitForType(u"receipt"_s);
    QCOMPARE(markers(own), u"2/1/1"_s);
    QVERIFY(bob->staysQuiet(u"receipt"_s, 300));

    // From the other session of bob, the first session now hears of it.
    QCOMPARE(markers(mark(*bob2, true, roomId, 2)), u"2/2/0"_s);
    QCOMPARE(markers(bob->waitForType(u"receipt"_s)), u"2/2/0"_s);
    QCOMPARE(markers(alice->waitForType(u"receipt"_s)), u"2/2"_s);
    QVERIFY(bob2->staysQuiet(u"receipt"_s, 300));
}

void tst_Receipts::unchangedMarkersSendNoReceipt()
{
    ClientPtr alice = m_server.newUser(u"same_a"_s);
    ClientPtr bob = m_server.newUser(u"same_b"_s);
    QVERIFY(alice && bob);
    ClientPtr bob2 = resumedClient(m_server.process(), bob->token());
    QVERIFY(bob2);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(sendText(*alice, roomId, u"one"_s), 1);
    QCOMPARE(markers(mark(*bob, true, roomId, 1)), u"1/1/0"_s);
    QVERIFY(!alice->waitForType(u"receipt"_s).isEmpty());
    QVERIFY(!bob2->waitForType(u"receipt"_s).isEmpty());

    // Repeated, lower or delivered-below-read marks change nothing, so nothing is pushed.
    QCOMPARE(markers(mark(*bob, true, roomId, 1)), u"1/1/0"_s);
    QCOMPARE(markers(mark(*bob, true, roomId, 0)), u"1/1/0"_s);
    QCOMPARE(markers(mark(*bob, false, roomId, 1)), u"1/1/0"_s);
    QCOMPARE(markers(mark(*bob, false, roomId, 50)), u"1/1/0"_s);
    QVERIFY(alice->staysQuiet(u"receipt"_s, 300));
    QVERIFY(bob2->staysQuiet(u"receipt"_s, 0));
}

void tst_Receipts::unreadIsExactOnEveryDevice()
{
    ClientPtr alice = m_server.newUser(u"unr_a"_s);
    ClientPtr bob = m_server.newUser(u"unr_b"_s);
    QVERIFY(alice && bob);
    ClientPtr bob2 = resumedClient(m_server.process(), bob->token());
    QVERIFY(bob2);
    const QString roomId = openDirect(*alice, bob->userId());
    QVERIFY(!roomId.isEmpty());

    // seq 1-3 alice, 4 bob, 5 alice.
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(sendText(*alice, roomId, u"a%1"_s.arg(i)), i);
    QCOMPARE(sendText(*bob, roomId, u"b4"_s), 4);
    QCOMPARE(sendText(*alice, roomId, u"a5"_s), 5);

    // Only others' messages count.
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 4);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 4);
    QCOMPARE(findRoom(*alice, roomId).value("unread"_L1).toInteger(), 1);

    // Reading on one device lowers the count on both; the user's own message after
    // readSeq does not count.
    QCOMPARE(markers(mark(*bob, true, roomId, 2)), u"2/2/2"_s);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 2);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 2);
    QCOMPARE(markers(mark(*bob2, true, roomId, 3)), u"3/3/1"_s);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 1);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 1);
    QCOMPARE(markers(mark(*bob2, true, roomId, 4)), u"4/4/1"_s);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 1);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 1);

    // Delivered alone does not touch unread.
    QCOMPARE(markers(mark(*bob, false, roomId, 5)), u"5/4/1"_s);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 1);

    // A new message from alice raises it by one on both devices.
    QCOMPARE(sendText(*alice, roomId, u"a6"_s), 6);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 2);
    QCOMPARE(findRoom(*bob2, roomId).value("unread"_L1).toInteger(), 2);
    QCOMPARE(markers(mark(*bob2, true, roomId, 6)), u"6/6/0"_s);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 0);
    QCOMPARE(findRoom(*alice, roomId).value("unread"_L1).toInteger(), 1);
}

void tst_Receipts::groupMarkersStartAtOwnJoin()
{
    ClientPtr owner = m_server.newUser(u"join_o"_s);
    ClientPtr bob = m_server.newUser(u"join_b"_s);
    ClientPtr carol = m_server.newUser(u"join_c"_s);
    QVERIFY(owner && bob && carol);
    const QJsonObject created = call(*owner, u"createGroup"_s,
        { { "name"_L1, u"Latecomers"_s }, { "members"_L1, QJsonArray { bob->userId() } } });
    QCOMPARE(outcome(created), u"room"_s);
    const QString roomId = created.value("room"_L1).toObject().value("roomId"_L1).toString();
    // seq 1: owner joined, 2: bob joined, 3-4: messages, 5: carol joined.
    QCOMPARE(sendText(*owner, roomId, u"before carol 1"_s), 3);
    QCOMPARE(sendText(*owner, roomId, u"before carol 2"_s), 4);
    const QJsonObject added = call(*owner, u"addMembers"_s,
        { { "roomId"_L1, roomId }, { "userIds"_L1, QJsonArray { carol->userId() } } });
    QCOMPARE(outcome(added), u"ok"_s);

    // Carol's markers start at her memberJoined (seq 5): what came before is not unread.
    const QJsonObject forCarol = carol->waitForType(u"roomAdded"_s).value("room"_L1).toObject();
    QCOMPARE(forCarol.value("readSeq"_L1).toInteger(), 5);
    QCOMPARE(forCarol.value("unread"_L1).toInteger(), 0);
    const QJsonObject carolMember = memberOf(findRoom(*owner, roomId), carol->userId());
    QCOMPARE(carolMember.value("deliveredSeq"_L1).toInteger(), 5);
    QCOMPARE(carolMember.value("readSeq"_L1).toInteger(), 5);
    // Bob joined at seq 2: both earlier messages are unread for him.
    const QJsonObject bobsRoom = findRoom(*bob, roomId);
    QCOMPARE(bobsRoom.value("readSeq"_L1).toInteger(), 2);
    QCOMPARE(bobsRoom.value("unread"_L1).toInteger(), 2);
    QCOMPARE(findRoom(*owner, roomId).value("unread"_L1).toInteger(), 0);

    // A mark below the joining point changes nothing.
    QCOMPARE(markers(mark(*carol, true, roomId, 3)), u"5/5/0"_s);
    QCOMPARE(markers(mark(*carol, false, roomId, 1)), u"5/5/0"_s);

    QCOMPARE(sendText(*owner, roomId, u"after carol"_s), 6);
    QCOMPARE(findRoom(*carol, roomId).value("unread"_L1).toInteger(), 1);
    QCOMPARE(findRoom(*bob, roomId).value("unread"_L1).toInteger(), 3);
    QCOMPARE(markers(mark(*carol, true, roomId, 6)), u"6/6/0"_s);
    // Membership events never count as unread.
    QCOMPARE(markers(mark(*bob, true, roomId, 4)), u"4/4/1"_s);
}

QTEST_MAIN(tst_Receipts)
#include "tst_receipts.moc"
