#include "protocolsteps.h"
#include "redisserver.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {
// How long an event may take to cross: the bus at once, or the check of each room's
// last_seq every 3 s when the bus lost it.
constexpr int kCrossingMs = 8000;

QJsonObject sendFrame(const QString &id, const QString &roomId, const QString &text)
{
    return { { "type"_L1, "send"_L1 }, { "id"_L1, id }, { "roomId"_L1, roomId },
        { "clientMsgId"_L1, QString(id + u'-' + randomId()) }, { "text"_L1, text } };
}

// The seqs of a room that reached a connection, in the order they came: its events and its
// own `sent` replies, beyond `after`. Consumes nothing.
QList<qint64> seqsInOrder(TestClient &client, const QString &roomId, qint64 after)
{
    QList<qint64> seqs;
    for (const QJsonObject &frame : client.frames()) {
        const QString type = frame.value("type"_L1).toString();
        qint64 seq = 0;
        if (type == "sent"_L1 && frame.value("roomId"_L1) == roomId)
            seq = frame.value("seq"_L1).toInteger();
        else if (type == "event"_L1
            && frame.value("event"_L1).toObject().value("roomId"_L1) == roomId)
            seq = frame.value("event"_L1).toObject().value("seq"_L1).toInteger();
        if (seq > after)
            seqs.append(seq);
    }
    return seqs;
}

// The room of `client` that has `userId` among its members, as listRooms shows it.
QJsonObject findRoomWith(TestClient &client, const QString &userId)
{
    const QJsonObject rooms = call(client, u"listRooms"_s);
    for (const QJsonValue &room : rooms.value("rooms"_L1).toArray()) {
        if (!memberOf(room.toObject(), userId).isEmpty())
            return room.toObject();
    }
    return {};
}

bool isRun(const QList<qint64> &seqs, qint64 first)
{
    for (qsizetype i = 0; i < seqs.size(); ++i) {
        if (seqs[i] != first + i) {
            qWarning("at %lld came seq %lld, expected %lld", qint64(i), seqs[i], first + i);
            return false;
        }
    }
    return true;
}
} // namespace

// Two confab-server nodes on one PostgreSQL database and one Redis, clients on both: every
// event, receipt and typing notice reaches the sessions on the other node, each connection
// sees a room's events (and its own `sent` replies) in seq order without gaps, and what the
// bus loses while Redis is down arrives from the log once it is back.
class tst_Cluster : public QObject {
    Q_OBJECT
private:
    RedisServer m_redis;
    ServerProcess m_nodeA;
    std::unique_ptr<ServerProcess> m_nodeB;
    int m_names = 0;

    QString freshName(const QString &prefix) { return prefix + QString::number(++m_names); }

    bool startNode(ServerProcess &node, const QString &name)
    {
        return node.start({ u"--config"_s, node.writeConfig(kLiftedLimits), u"--redis"_s,
            u"redis://127.0.0.1:"_s + QString::number(m_redis.port()), u"--node-id"_s, name });
    }

    struct Pair {
        ClientPtr onA;
        ClientPtr onB;
        QString roomId;
    };
    // A user on node A and one on node B in a new group; nulls, with a warning, on failure.
    Pair pairInAGroup()
    {
        Pair pair { registeredClient(m_nodeA, freshName(u"alice"_s)),
            registeredClient(*m_nodeB, freshName(u"bob"_s)), {} };
        if (pair.onA && pair.onB)
            pair.roomId = groupSeenByAll(*pair.onA, { pair.onB.get() });
        if (pair.roomId.isEmpty())
            qWarning("cannot put a user of each node in a group");
        return pair;
    }

    // A group of `owner` with `members`, once every member has its `roomAdded`.
    QString groupSeenByAll(TestClient &owner, const QList<TestClient *> &members)
    {
        QStringList ids;
        for (TestClient *member : members)
            ids.append(member->userId());
        const QString roomId = createGroup(owner, u"cluster"_s, ids);
        for (TestClient *member : members) {
            if (member->waitForType(u"roomAdded"_s, kCrossingMs).isEmpty()) {
                qWarning("a member never got roomAdded");
                return {};
            }
        }
        return roomId;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_redis.start());
        QVERIFY(startNode(m_nodeA, u"node-a"_s));
        m_nodeB = std::make_unique<ServerProcess>(m_nodeA.dataDir()); // the same database
        QVERIFY(startNode(*m_nodeB, u"node-b"_s));
        QCOMPARE(m_nodeB->databaseUrl(), m_nodeA.databaseUrl());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_nodeB->stop());
        QVERIFY(m_nodeA.stop());
    }

    void eventsCrossBothWays()
    {
        auto [alice, bob, roomId] = pairInAGroup();
        QVERIFY(!roomId.isEmpty());

        const QJsonObject sent = sendMessage(*alice, roomId, u"from a"_s);
        QCOMPARE(outcome(sent), u"sent"_s);
        const QJsonObject atB = nextEvent(*bob, roomId, kCrossingMs);
        QCOMPARE(atB.value("text"_L1).toString(), u"from a"_s);
        QCOMPARE(atB.value("seq"_L1), sent.value("seq"_L1));

        QCOMPARE(outcome(sendMessage(*bob, roomId, u"from b"_s)), u"sent"_s);
        QCOMPARE(nextEvent(*alice, roomId, kCrossingMs).value("text"_L1).toString(), u"from b"_s);
    }

    void aNewRoomsFirstMessageCrosses()
    {
        for (int round = 0; round < 5; ++round) {
            ClientPtr alice = registeredClient(m_nodeA, freshName(u"opener"_s));
            ClientPtr bob = registeredClient(*m_nodeB, freshName(u"peer"_s));
            QVERIFY(alice && bob);
            // Said at once, before the other node can have subscribed to the room.
            const QString roomId = openDirect(*alice, bob->userId());
            QVERIFY(!roomId.isEmpty());
            QCOMPARE(outcome(sendMessage(*alice, roomId, u"hi"_s)), u"sent"_s);
            QCOMPARE(nextEvent(*bob, roomId, kCrossingMs).value("text"_L1).toString(), u"hi"_s);
            QCOMPARE(outcome(sendMessage(*bob, roomId, u"hello"_s)), u"sent"_s);
            QCOMPARE(
                nextEvent(*alice, roomId, kCrossingMs).value("text"_L1).toString(), u"hello"_s);
        }
    }

    void everyConnectionSeesTheRoomInOrder()
    {
        ClientPtr alice = registeredClient(m_nodeA, freshName(u"alice"_s));
        ClientPtr bob = registeredClient(*m_nodeB, freshName(u"bob"_s));
        ClientPtr carol = registeredClient(m_nodeA, freshName(u"carol"_s));
        ClientPtr dave = registeredClient(*m_nodeB, freshName(u"dave"_s));
        QVERIFY(alice && bob && carol && dave);
        const QString roomId = groupSeenByAll(*alice, { bob.get(), carol.get(), dave.get() });
        QVERIFY(!roomId.isEmpty());
        const qint64 base = findRoom(*alice, roomId).value("lastSeq"_L1).toInteger();
        QVERIFY(base > 0);

        constexpr int kEach = 200;
        for (int i = 0; i < kEach; ++i) {
            alice->sendJson(sendFrame(u"a"_s + QString::number(i), roomId, u"a"_s));
            bob->sendJson(sendFrame(u"b"_s + QString::number(i), roomId, u"b"_s));
        }
        for (TestClient *client : { alice.get(), bob.get(), carol.get(), dave.get() }) {
            QTRY_COMPARE_WITH_TIMEOUT(
                seqsInOrder(*client, roomId, base).size(), qsizetype(2 * kEach), kCrossingMs);
            QVERIFY2(isRun(seqsInOrder(*client, roomId, base), base + 1),
                "a connection saw the room out of order");
        }
    }

    void receiptsAndTypingCross()
    {
        auto [alice, bob, roomId] = pairInAGroup();
        QVERIFY(!roomId.isEmpty());
        const qint64 seq = sendMessage(*alice, roomId, u"read me"_s).value("seq"_L1).toInteger();
        QVERIFY(!nextEvent(*bob, roomId, kCrossingMs).isEmpty());

        QCOMPARE(outcome(call(*bob, u"markRead"_s, { { "roomId"_L1, roomId }, { "seq"_L1, seq } })),
            u"ok"_s);
        const QJsonObject receipt = alice->waitFor(
            [&](const QJsonObject &frame) {
                return frame.value("type"_L1) == "receipt"_L1
                    && frame.value("userId"_L1) == bob->userId();
            },
            kCrossingMs);
        QCOMPARE(receipt.value("readSeq"_L1).toInteger(), seq);

        alice->sendJson(
            { { "type"_L1, "typing"_L1 }, { "roomId"_L1, roomId }, { "typing"_L1, true } });
        const QJsonObject typing = bob->waitForType(u"typing"_s, kCrossingMs);
        QCOMPARE(typing.value("userId"_L1).toString(), alice->userId());
        QVERIFY(typing.value("typing"_L1).toBool());

        QCOMPARE(outcome(call(*alice, u"renameRoom"_s,
                     { { "roomId"_L1, roomId }, { "name"_L1, u"renamed"_s } })),
            u"ok"_s);
        QCOMPARE(
            nextEvent(*bob, roomId, kCrossingMs).value("kind"_L1).toString(), u"roomRenamed"_s);
    }

    void eventsLostWhileRedisIsDownArriveAfterwards()
    {
        auto [alice, bob, roomId] = pairInAGroup();
        QVERIFY(!roomId.isEmpty());
        const qint64 base = findRoom(*alice, roomId).value("lastSeq"_L1).toInteger();

        m_redis.kill();
        constexpr int kMessages = 20;
        for (int i = 0; i < kMessages; ++i) // committed and acknowledged without the bus
            QCOMPARE(outcome(sendMessage(*alice, roomId, u"while down"_s)), u"sent"_s);
        QVERIFY(m_redis.start());
        QTRY_COMPARE_WITH_TIMEOUT(
            seqsInOrder(*bob, roomId, base).size(), qsizetype(kMessages), 3 * kCrossingMs);
        QVERIFY(isRun(seqsInOrder(*bob, roomId, base), base + 1));

        // And the bus carries news again.
        QCOMPARE(outcome(sendMessage(*bob, roomId, u"back"_s)), u"sent"_s);
        QCOMPARE(nextEvent(*alice, roomId, kCrossingMs).value("text"_L1).toString(), u"back"_s);
    }

    // Online while a session on either node lasts; offline once, when the last one closes.
    void presenceSpansTheNodes()
    {
        const QString name = freshName(u"roamer"_s);
        ClientPtr onA = registeredClient(m_nodeA, name);
        ClientPtr watcher = registeredClient(*m_nodeB, freshName(u"watcher"_s));
        QVERIFY(onA && watcher);
        QVERIFY(!groupSeenByAll(*onA, { watcher.get() }).isEmpty());
        ClientPtr onB = connectTo(*m_nodeB);
        QVERIFY(onB && outcome(onB->login(name)) == "auth"_L1);
        QVERIFY(memberOf(findRoomWith(*watcher, onA->userId()), onA->userId())
                    .value("online"_L1)
                    .toBool());

        onA->close();
        QVERIFY(watcher->staysQuiet(u"presence"_s, 1500));
        onB->close();
        const QJsonObject offline = watcher->waitForType(u"presence"_s, kCrossingMs);
        QCOMPARE(offline.value("userId"_L1).toString(), onA->userId());
        QVERIFY(!offline.value("online"_L1).toBool());
    }

    // Last: node A dies with the only session of a user; node B announces them gone.
    void aDeadNodesUsersGoOffline()
    {
        ClientPtr lost = registeredClient(m_nodeA, freshName(u"lost"_s));
        ClientPtr watcher = registeredClient(*m_nodeB, freshName(u"watcher"_s));
        QVERIFY(lost && watcher);
        QVERIFY(!groupSeenByAll(*lost, { watcher.get() }).isEmpty());
        QTest::qWait(500);
        watcher->frames().clear();
        QElapsedTimer sinceDeath;
        m_nodeA.kill();
        sinceDeath.start();
        const QJsonObject offline = watcher->waitForType(u"presence"_s, 20000);
        QCOMPARE(offline.value("userId"_L1).toString(), lost->userId());
        QVERIFY(!offline.value("online"_L1).toBool());
        QVERIFY2(sinceDeath.elapsed() < 15000, "a dead node's user stayed online too long");
        QVERIFY(startNode(m_nodeA, u"node-a"_s)); // a new run of the node, for cleanup
    }
};

QTEST_MAIN(tst_Cluster)
#include "tst_cluster.moc"
