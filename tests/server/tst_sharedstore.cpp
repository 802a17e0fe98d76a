#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

QJsonObject sendFrame(const QString &id, const QString &roomId, const QString &clientMsgId)
{
    return { { "type"_L1, "send"_L1 }, { "id"_L1, id }, { "roomId"_L1, roomId },
        { "clientMsgId"_L1, clientMsgId }, { "text"_L1, clientMsgId } };
}

QJsonObject replyTo(TestClient &client, const QString &id)
{
    return client.waitFor([&](const QJsonObject &frame) { return frame.value("id"_L1) == id; });
}

// Every message event of a room, oldest first, paging through its whole log.
QJsonArray messagesOf(TestClient &client, const QString &roomId, QList<qint64> *allSeqs)
{
    QJsonArray messages;
    qint64 after = 0;
    for (;;) {
        const QJsonObject page = call(client, u"history"_s,
            { { "roomId"_L1, roomId }, { "after"_L1, after }, { "limit"_L1, 200 } });
        for (const QJsonValue &value : page.value("events"_L1).toArray()) {
            const QJsonObject event = value.toObject();
            after = event.value("seq"_L1).toInteger();
            allSeqs->append(after);
            if (event.value("kind"_L1) == "message"_L1)
                messages.append(event);
        }
        if (!page.value("hasMore"_L1).toBool())
            return messages;
    }
}

bool isDense(const QList<qint64> &seqs)
{
    for (qsizetype i = 0; i < seqs.size(); ++i) {
        if (seqs[i] != i + 1)
            return false;
    }
    return true;
}
} // namespace

// Two confab-server nodes writing to one PostgreSQL database at once: the database's
// constraints and the writer's retry keep every promise that one node keeps alone (dense
// seqs, clientMsgId dedup, one account per name, one direct room per pair) and no request
// gets `internal`. Events reaching the other node's sessions need the event bus and are
// not tested here.
class tst_SharedStore : public QObject {
    Q_OBJECT
private:
    ServerProcess m_nodeA;
    std::unique_ptr<ServerProcess> m_nodeB;
    int m_names = 0;

    QString freshName(const QString &prefix) { return prefix + QString::number(++m_names); }

    // A new user signed in on node A and on node B; nulls, with a warning, when that fails.
    std::pair<ClientPtr, ClientPtr> oneUserOnBothNodes(const QString &prefix)
    {
        const QString name = freshName(prefix);
        ClientPtr onA = registeredClient(m_nodeA, name);
        ClientPtr onB = connectTo(*m_nodeB);
        if (!onA || !onB || outcome(onB->login(name)) != "auth"_L1) {
            qWarning("cannot sign %s in on both nodes", qPrintable(name));
            return {};
        }
        return { std::move(onA), std::move(onB) };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_nodeA.startWithConfig(kLiftedLimits));
        m_nodeB = std::make_unique<ServerProcess>(m_nodeA.dataDir()); // the same database
        QVERIFY(m_nodeB->startWithConfig(kLiftedLimits));
        QCOMPARE(m_nodeB->databaseUrl(), m_nodeA.databaseUrl());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_nodeB->stop());
        QVERIFY(m_nodeA.stop());
    }

    void sameClientMsgIdOnBothNodesCreatesOneEvent()
    {
        auto [onA, onB] = oneUserOnBothNodes(u"twice"_s);
        QVERIFY(onA && onB);
        const QString roomId = createGroup(*onA, u"dedup"_s, {});
        QVERIFY(!roomId.isEmpty());

        constexpr int kMessages = 300;
        for (int i = 0; i < kMessages; ++i) {
            const QString clientMsgId = u"dup-"_s + QString::number(i);
            onA->sendJson(sendFrame(u"a"_s + QString::number(i), roomId, clientMsgId));
            onB->sendJson(sendFrame(u"b"_s + QString::number(i), roomId, clientMsgId));
        }
        for (int i = 0; i < kMessages; ++i) {
            const QJsonObject fromA = replyTo(*onA, u"a"_s + QString::number(i));
            const QJsonObject fromB = replyTo(*onB, u"b"_s + QString::number(i));
            QCOMPARE(outcome(fromA), u"sent"_s);
            QCOMPARE(outcome(fromB), u"sent"_s);
            QCOMPARE(fromA.value("seq"_L1), fromB.value("seq"_L1));
            QCOMPARE(fromA.value("ts"_L1), fromB.value("ts"_L1));
        }
        QList<qint64> seqs;
        const QJsonArray messages = messagesOf(*onA, roomId, &seqs);
        QCOMPARE(messages.size(), kMessages);
        QVERIFY2(isDense(seqs), "the room's seqs have a gap or a repeat");
    }

    void concurrentSendersGetDenseOrderedSeqs()
    {
        ClientPtr alice = registeredClient(m_nodeA, freshName(u"alice"_s));
        ClientPtr bob = registeredClient(*m_nodeB, freshName(u"bob"_s));
        QVERIFY(alice && bob);
        const QString roomId = createGroup(*alice, u"busy"_s, { bob->userId() });
        QVERIFY(!roomId.isEmpty());

        constexpr int kEach = 300;
        for (int i = 0; i < kEach; ++i) {
            alice->sendJson(
                sendFrame(u"a"_s + QString::number(i), roomId, u"alice-"_s + QString::number(i)));
            bob->sendJson(
                sendFrame(u"b"_s + QString::number(i), roomId, u"bob-"_s + QString::number(i)));
        }
        QSet<qint64> taken;
        for (auto [client, prefix] :
            { std::pair(alice.get(), u"a"_s), std::pair(bob.get(), u"b"_s) }) {
            qint64 previous = 0;
            for (int i = 0; i < kEach; ++i) {
                const QJsonObject sent = replyTo(*client, prefix + QString::number(i));
                QCOMPARE(outcome(sent), u"sent"_s);
                const qint64 seq = sent.value("seq"_L1).toInteger();
                QVERIFY2(seq > previous, "one connection's sends got decreasing seqs");
                previous = seq;
                QVERIFY2(!taken.contains(seq), "two messages got the same seq");
                taken.insert(seq);
            }
        }
        QList<qint64> seqs;
        QCOMPARE(messagesOf(*alice, roomId, &seqs).size(), 2 * kEach);
        QVERIFY2(isDense(seqs), "the room's seqs have a gap or a repeat");
    }

    void sameNameRegisteredOnBothNodesMakesOneAccount()
    {
        for (int round = 0; round < 10; ++round) {
            ClientPtr onA = connectTo(m_nodeA);
            ClientPtr onB = connectTo(*m_nodeB);
            QVERIFY(onA && onB);
            const QString name = freshName(u"race"_s);
            const QJsonObject frame { { "type"_L1, "register"_L1 }, { "id"_L1, "r"_L1 },
                { "username"_L1, name }, { "password"_L1, "correct horse"_L1 } };
            onA->sendJson(frame);
            onB->sendJson(frame);
            QStringList outcomes { outcome(replyTo(*onA, u"r"_s)), outcome(replyTo(*onB, u"r"_s)) };
            outcomes.sort();
            QCOMPARE(outcomes, QStringList({ u"auth"_s, u"error:username_taken"_s }));
        }
    }

    void directRoomOpenedOnBothNodesIsOneRoom()
    {
        for (int round = 0; round < 10; ++round) {
            ClientPtr alice = registeredClient(m_nodeA, freshName(u"pair"_s));
            ClientPtr bob = registeredClient(*m_nodeB, freshName(u"pair"_s));
            QVERIFY(alice && bob);
            alice->sendJson({ { "type"_L1, "openDirect"_L1 }, { "id"_L1, "o"_L1 },
                { "userId"_L1, bob->userId() } });
            bob->sendJson({ { "type"_L1, "openDirect"_L1 }, { "id"_L1, "o"_L1 },
                { "userId"_L1, alice->userId() } });
            const QJsonObject fromA = replyTo(*alice, u"o"_s);
            const QJsonObject fromB = replyTo(*bob, u"o"_s);
            QCOMPARE(outcome(fromA), u"room"_s);
            QCOMPARE(outcome(fromB), u"room"_s);
            const QString roomId = fromA.value("room"_L1).toObject().value("roomId"_L1).toString();
            QCOMPARE(fromB.value("room"_L1).toObject().value("roomId"_L1).toString(), roomId);
        }
    }

    void blockSentToBothNodesAtOnce()
    {
        auto [onA, onB] = oneUserOnBothNodes(u"blocker"_s);
        QVERIFY(onA && onB);
        for (int round = 0; round < 10; ++round) {
            ClientPtr other = registeredClient(*m_nodeB, freshName(u"blocked"_s));
            QVERIFY(other);
            const QJsonObject frame { { "type"_L1, "block"_L1 }, { "id"_L1, "k"_L1 },
                { "userId"_L1, other->userId() } };
            onA->sendJson(frame);
            onB->sendJson(frame);
            QCOMPARE(outcome(replyTo(*onA, u"k"_s)), u"ok"_s);
            QCOMPARE(outcome(replyTo(*onB, u"k"_s)), u"ok"_s);
        }
    }
};

QTEST_MAIN(tst_SharedStore)
#include "tst_sharedstore.moc"
