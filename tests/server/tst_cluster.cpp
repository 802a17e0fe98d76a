#include "protocolsteps.h"
#include "redisserver.h"
#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QMap>
#include <QSet>
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

    void receiptsTypingAndRoomChangesCross()
    {
        auto [alice, bob, roomId] = pairInAGroup();
        QVERIFY(!roomId.isEmpty());
        const qint64 seq = sendMessage(*alice, roomId, u"read me"_s).value("seq"_L1).toInteger();
        QVERIFY(!nextEvent(*bob, roomId, kCrossingMs).isEmpty());

        QCOMPARE(outcome(call(*bob, u"markRead"_s, { { "roomId"_L1, roomId }, { "seq"_L1, seq } })),
            u"ok"_s);
        const QString bobId = bob->userId();
        const QJsonObject receipt = alice->waitFor(
            [&bobId](const QJsonObject &frame) {
                return frame.value("type"_L1) == "receipt"_L1 && frame.value("userId"_L1) == bobId;
            },
            kCrossingMs);
        QCOMPARE(receipt.value("readSeq"_L1).toInteger(), seq);

        alice->sendJson(
            { { "type"_L1, "typing"_L1 }, { "roomId"_L1, roomId }, { "typing"_L1, true } });
        const QJsonObject typing = bob->waitForType(u"typing"_s, kCrossingMs);
        QCOMPARE(typing.value("userId"_L1).toString(), alice->userId());
        QVERIFY(typing.value("typing"_L1).toBool());

        QCOMPARE(outcome(call(*alice, u"removeMember"_s,
                     { { "roomId"_L1, roomId }, { "userId"_L1, bobId } })),
            u"ok"_s);
        QCOMPARE(
            bob->waitForType(u"roomRemoved"_s, kCrossingMs).value("roomId"_L1).toString(), roomId);
        QCOMPARE(outcome(call(*alice, u"addMembers"_s,
                     { { "roomId"_L1, roomId }, { "userIds"_L1, QJsonArray { bobId } } })),
            u"ok"_s);
        QCOMPARE(bob->waitForType(u"roomAdded"_s, kCrossingMs)
                     .value("room"_L1)
                     .toObject()
                     .value("roomId"_L1)
                     .toString(),
            roomId);

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

    // Redis silent for 20 s (connected, answering nothing): sends keep committing, and
    // afterwards the other node's sessions have every event, in order.
    void aRedisCutOfTwentySecondsLosesNothing()
    {
        auto [alice, bob, roomId] = pairInAGroup();
        QVERIFY(!roomId.isEmpty());
        const qint64 base = findRoom(*alice, roomId).value("lastSeq"_L1).toInteger();
        m_redis.pause();
        QElapsedTimer cut;
        cut.start();
        int sent = 0;
        while (cut.elapsed() < 20000) {
            QCOMPARE(outcome(sendMessage(*alice, roomId, u"during the cut"_s)), u"sent"_s);
            ++sent;
            QTest::qWait(500);
        }
        m_redis.resume();
        QTRY_COMPARE_WITH_TIMEOUT(
            seqsInOrder(*bob, roomId, base).size(), qsizetype(sent), 3 * kCrossingMs);
        QVERIFY(isRun(seqsInOrder(*bob, roomId, base), base + 1));
    }

    // The data directory is shared: an upload begun on one node is finished on the other, and
    // either serves it.
    void anUploadMovesBetweenNodes()
    {
        const QByteArray data = QByteArray(5 * 256 * 1024 + 123, 'x') + randomId().toLatin1();
        const QString name = freshName(u"filer"_s);
        ClientPtr onA = registeredClient(m_nodeA, name);
        QVERIFY(onA);
        const QJsonObject partial
            = Transfers::upload(*onA, data, Transfers::partial(u"moving.bin"_s, 3 * 256 * 1024));
        QCOMPARE(partial.value("received"_L1).toInteger(), 3 * 256 * 1024);
        onA->close();
        QVERIFY(onA->waitForClosed());

        ClientPtr onB = connectTo(*m_nodeB);
        QVERIFY(onB && outcome(onB->login(name)) == "auth"_L1);
        QJsonObject ready;
        const QJsonObject uploaded
            = Transfers::upload(*onB, data, Transfers::named(u"moving.bin"_s), &ready);
        QCOMPARE(ready.value("offset"_L1).toInteger(), 3 * 256 * 1024);
        QCOMPARE(outcome(uploaded), u"uploaded"_s);
        const QString attachmentId
            = uploaded.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        ClientPtr againOnA = connectTo(m_nodeA);
        QVERIFY(againOnA && outcome(againOnA->login(name)) == "auth"_L1);
        QVERIFY(Transfers::download(*againOnA, attachmentId).data == data);
    }

    // The send budget (a burst of 20, then 5 a second) is the user's on all nodes together:
    // sent in turn to two nodes, 40 messages at once get about 20 through, not 40. So is the
    // count of failed logins.
    void budgetsAreSharedByTheNodes()
    {
        const QByteArray defaultBudgets = "[limits]\nmax_connections_per_ip=1000\n";
        ServerProcess nodeC(m_nodeA.dataDir());
        ServerProcess nodeD(m_nodeA.dataDir());
        for (auto [node, nodeName] :
            { std::pair(&nodeC, u"node-c"_s), std::pair(&nodeD, u"node-d"_s) }) {
            QVERIFY(node->start({ u"--config"_s, node->writeConfig(defaultBudgets), u"--redis"_s,
                u"redis://127.0.0.1:"_s + QString::number(m_redis.port()), u"--node-id"_s,
                nodeName }));
        }
        const QString name = freshName(u"spender"_s);
        ClientPtr onC = registeredClient(nodeC, name);
        ClientPtr onD = connectTo(nodeD);
        QVERIFY(onC && onD && outcome(onD->login(name)) == "auth"_L1);
        const QString roomId = createGroup(*onC, u"budget"_s, {});
        QVERIFY(!roomId.isEmpty());
        QTest::qWait(500); // the nodes counted each other

        int sent = 0;
        int limited = 0;
        for (int i = 0; i < 40; ++i) {
            const QString result = outcome(sendMessage(i % 2 ? *onD : *onC, roomId, u"x"_s));
            sent += result == "sent"_L1;
            limited += result == "error:rate_limited"_L1;
        }
        qInfo("%d sent, %d refused", sent, limited);
        QCOMPARE(sent + limited, 40);
        QVERIFY2(sent >= 15 && sent <= 27, "the nodes did not share the budget");

        // Ten failed logins (the default lockout) split between the nodes lock the account
        // on the node that saw the tenth at once, and on the other after one more try.
        for (int i = 0; i < 10; ++i) {
            ClientPtr guesser = connectTo(i % 2 ? nodeD : nodeC);
            QVERIFY(guesser);
            QCOMPARE(outcome(guesser->login(name, u"wrong guess"_s)), u"error:auth_failed"_s);
        }
        QTest::qWait(300); // the count of both nodes came back
        ClientPtr late = connectTo(nodeD);
        QVERIFY(late);
        QCOMPARE(outcome(late->login(name)), u"error:rate_limited"_s);
        ClientPtr other = connectTo(nodeC);
        QVERIFY(other);
        QCOMPARE(outcome(other->login(name, u"one more"_s)), u"error:auth_failed"_s);
        QTest::qWait(300);
        QCOMPARE(outcome(other->login(name)), u"error:rate_limited"_s);
        QVERIFY(nodeC.stop() && nodeD.stop());
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

    // Last: node A is killed while its user sends. Every acknowledged message is in the log
    // once; the user goes on at node B, resending what was not acknowledged with the same
    // clientMsgIds, and each message is stored once; node B announces the user gone (the
    // killed node's session) within 15 s.
    void aNodeKilledUnderLoadLosesNothing()
    {
        const QString name = freshName(u"lost"_s);
        ClientPtr lost = registeredClient(m_nodeA, name);
        ClientPtr watcher = registeredClient(*m_nodeB, freshName(u"watcher"_s));
        QVERIFY(lost && watcher);
        const QString roomId = groupSeenByAll(*lost, { watcher.get() });
        QVERIFY(!roomId.isEmpty());
        const QString token = lost->token();
        QTest::qWait(500);
        watcher->frames().clear();

        constexpr int kMessages = 400;
        QStringList clientMsgIds;
        for (int i = 0; i < kMessages; ++i) {
            clientMsgIds.append(u"load-"_s + QString::number(i) + u'-' + randomId());
            lost->sendJson({ { "type"_L1, "send"_L1 },
                { "id"_L1, QString(u"s"_s + QString::number(i)) }, { "roomId"_L1, roomId },
                { "clientMsgId"_L1, clientMsgIds.last() }, { "text"_L1, clientMsgIds.last() } });
        }
        QTRY_VERIFY_WITH_TIMEOUT(countOfType(*lost, u"sent"_s) >= 20, 10000);
        m_nodeA.kill();
        QElapsedTimer sinceDeath;
        sinceDeath.start();
        QSet<QString> acked;
        for (const QJsonObject &frame : lost->frames()) {
            if (frame.value("type"_L1) == "sent"_L1)
                acked.insert(frame.value("clientMsgId"_L1).toString());
        }

        const QJsonObject offline = watcher->waitForType(u"presence"_s, 20000);
        QCOMPARE(offline.value("userId"_L1).toString(), lost->userId());
        QVERIFY(!offline.value("online"_L1).toBool());
        QVERIFY2(sinceDeath.elapsed() < 15000, "a dead node's user stayed online too long");

        ClientPtr again = resumedClient(*m_nodeB, token);
        QVERIFY(again);
        for (const QString &clientMsgId : std::as_const(clientMsgIds)) {
            if (acked.contains(clientMsgId))
                continue;
            const QJsonObject retry = call(*again, u"send"_s,
                { { "roomId"_L1, roomId }, { "clientMsgId"_L1, clientMsgId },
                    { "text"_L1, clientMsgId } });
            QCOMPARE(outcome(retry), u"sent"_s);
        }
        QMap<QString, int> stored;
        qint64 after = 0;
        for (bool more = true; more;) {
            const QJsonObject page = call(*watcher, u"history"_s,
                { { "roomId"_L1, roomId }, { "after"_L1, after }, { "limit"_L1, 200 } });
            for (const QJsonValue &value : page.value("events"_L1).toArray()) {
                const QJsonObject event = value.toObject();
                QCOMPARE(event.value("seq"_L1).toInteger(), after + 1);
                after = event.value("seq"_L1).toInteger();
                if (event.value("kind"_L1) == "message"_L1)
                    ++stored[event.value("clientMsgId"_L1).toString()];
            }
            more = page.value("hasMore"_L1).toBool();
        }
        QCOMPARE(stored.size(), kMessages);
        for (auto it = stored.cbegin(); it != stored.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key() + u" was stored more than once"_s));
        qInfo("%lld of %d acknowledged before the kill", qint64(acked.size()), kMessages);
        QVERIFY(startNode(m_nodeA, u"node-a"_s)); // a new run of the node, for cleanup
    }
};

QTEST_MAIN(tst_Cluster)
#include "tst_cluster.moc"
