#include "bus/clusterbus.h"
#include "redisserver.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Confab;
using namespace Confab::Server;
using namespace std::chrono_literals;

namespace {
const QString kRoom = u"room"_s;
const QString kUser = u"member"_s;

// The log the nodes share: in production the database's events table, here the test's.
class SharedLog {
public:
    Event commit(const QString &roomId = kRoom)
    {
        QMutexLocker lock(&m_mutex);
        Event event;
        event.roomId = roomId;
        event.seq = m_events[roomId].size() + 1;
        event.kind = Event::Message;
        event.text = u"m"_s + QString::number(event.seq);
        m_events[roomId].append(event);
        return event;
    }
    QList<Event> between(const QString &roomId, qint64 after, qint64 before)
    {
        QMutexLocker lock(&m_mutex);
        QList<Event> out;
        for (const Event &event : m_events.value(roomId)) {
            if (event.seq > after && event.seq < before)
                out.append(event);
        }
        return out;
    }
    qint64 lastSeq(const QString &roomId)
    {
        QMutexLocker lock(&m_mutex);
        return m_events.value(roomId).size();
    }

private:
    QMutex m_mutex;
    QHash<QString, QList<Event>> m_events;
};

// One node's bus and what it handed on to its sessions. One user of the room is signed in
// on every node.
class Node {
public:
    Node(SharedLog &log, quint16 redisPort, bool withUser = true, const QString &name = u"node"_s)
        : m_bus(
            { u"127.0.0.1"_s, redisPort, name, 300ms, 500ms },
            [&log](const RoomSequencer::Gap &gap, auto done) {
                QList<RoomNews> news;
                for (const Event &event : log.between(gap.roomId, gap.after, gap.before))
                    news.append(RoomNews(event, { kUser }));
                done(news);
            },
            [&log](const QStringList &, auto done) {
                done(QHash<QString, qint64> { { kRoom, log.lastSeq(kRoom) } });
            },
            [this](const QList<RoomNews> &news) {
                for (const RoomNews &one : news) {
                    if (!one.then || !one.recipients.isEmpty()) { // not a reply alone
                        QMutexLocker lock(&m_mutex);
                        m_delivered.append(one.event.seq);
                    }
                    if (one.then) // as the hub does: the reply after its event
                        one.then();
                }
            },
            [this](const QString &userId, const QByteArray &json) {
                QMutexLocker lock(&m_mutex);
                m_frames.append(userId + u' ' + QString::fromUtf8(json));
            },
            [this](const QString &userId, bool online) {
                QMutexLocker lock(&m_mutex);
                m_announced.append((online ? u"+"_s : u"-"_s) + userId);
            })
    {
        if (withUser)
            m_bus.userArrived(kUser);
    }

    ClusterBus &bus() { return m_bus; }
    QList<qint64> delivered()
    {
        QMutexLocker lock(&m_mutex);
        return m_delivered;
    }
    QStringList frames()
    {
        QMutexLocker lock(&m_mutex);
        return m_frames;
    }
    // The presence changes this node was to announce: "+user", "-user".
    QStringList announced()
    {
        QMutexLocker lock(&m_mutex);
        return m_announced;
    }

private:
    QMutex m_mutex;
    QList<qint64> m_delivered;
    QStringList m_frames;
    QStringList m_announced;
    ClusterBus m_bus;
};

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> out;
    for (qint64 seq = first; seq <= last; ++seq)
        out.append(seq);
    return out;
}

} // namespace

// Node a publishing, node b following kRoom, on a Redis of their own.
struct Cluster {
    RedisServer redis;
    SharedLog log;
    std::unique_ptr<Node> a;
    std::unique_ptr<Node> b;

    bool start()
    {
        if (!redis.start())
            return false;
        a = std::make_unique<Node>(log, redis.port());
        b = std::make_unique<Node>(log, redis.port());
        a->bus().start();
        b->bus().follow(kRoom, 0);
        b->bus().start();
        return QTest::qWaitFor([this] { return b->bus().isSubscribed(); }, 10000);
    }
};

// ClusterBus on a real redis-server, two nodes in one process: each room's events reach every
// node that follows it, in seq order and each once, whichever node committed them and
// whatever the bus lost.
class tst_ClusterBus : public QObject {
    Q_OBJECT
private slots:
    void eventsOfBothNodesArriveInOrderOnBoth()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        SharedLog log;
        Node a(log, redis.port());
        Node b(log, redis.port());
        for (Node *node : { &a, &b }) {
            node->bus().follow(kRoom, 0);
            node->bus().start();
        }
        QTRY_VERIFY(a.bus().isSubscribed() && b.bus().isSubscribed());
        // Commits alternate between the nodes, as with senders on both.
        for (int i = 0; i < 200; ++i)
            (i % 2 ? b : a).bus().publish(log.commit());
        QTRY_COMPARE_WITH_TIMEOUT(a.delivered(), range(1, 200), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 200), 10000);
    }

    void eventsTheBusLostAreReadFromTheLog()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        SharedLog &log = cluster.log;
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        for (int seq = 1; seq <= 10; ++seq) {
            const Event event = log.commit();
            if (seq != 6 && seq != 7)
                a.bus().publish(event); // 6 and 7: committed, never published
        }
        log.commit(); // 11 and 12: the end of a burst, lost too
        log.commit();
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 12), 10000);
    }

    void aNodeCatchesUpAfterRedisComesBack()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        RedisServer &redis = cluster.redis;
        SharedLog &log = cluster.log;
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        a.bus().publish(log.commit());
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 1), 10000);
        redis.kill();
        for (int i = 0; i < 5; ++i)
            a.bus().publish(log.commit()); // committed while the bus is down
        QTest::qWait(300);
        QVERIFY(redis.start());
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 6), 15000);
        a.bus().publish(log.commit());
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 7), 10000);
    }

    void roomsOfUsersGoneFromANodeAreForgotten()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        SharedLog &log = cluster.log;
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        a.bus().publish(log.commit());
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 1), 10000);
        b.bus().userLeft(kUser);
        QTest::qWait(700); // past a check of the rooms
        a.bus().publish(log.commit());
        QTest::qWait(1500); // past a gap read and a last_seq check
        QCOMPARE(b.delivered(), range(1, 1));
    }

    void framesForUsersReachTheOtherNodesOnly()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        QTest::qWait(200); // the user channels' subscriptions
        a.bus().publishToUsers({ kUser, u"nobody"_s }, "{\"type\":\"typing\"}");
        a.bus().publishEach({ kUser }, [](const QString &userId) {
            return QByteArray("{\"for\":\"" + userId.toUtf8() + "\"}");
        });
        const QStringList expected { kUser + u" {\"type\":\"typing\"}"_s,
            kUser + u" {\"for\":\"member\"}"_s };
        QTRY_COMPARE_WITH_TIMEOUT(b.frames(), expected, 10000);
        QTest::qWait(300);
        QCOMPARE(a.frames(), QStringList()); // its own come back from Redis and are dropped
    }

    // A reply owed to a sender here goes out after the events before it, whichever node
    // committed those, and exactly once.
    void repliesFollowTheEventsBeforeThem()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        SharedLog &log = cluster.log;
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        log.commit(); // committed on a, its publish lost
        const Event mine = log.commit();
        QMutex mutex;
        QList<qint64> seenWhenReplied;
        int replies = 0;
        b.bus().publish(RoomNews(mine, { kUser }, 0, [&] {
            QMutexLocker lock(&mutex);
            ++replies;
            seenWhenReplied = b.delivered();
        }));
        QTRY_COMPARE_WITH_TIMEOUT(a.delivered(), range(1, 2), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(replies, 1, 10000);
        QCOMPARE(seenWhenReplied, range(1, 2));
    }

    // A user with sessions on two nodes is online while either has one; exactly one node
    // announces each change, and when a node dies a survivor announces its users gone.
    void presenceSpansTheNodes()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        SharedLog log;
        auto a = std::make_unique<Node>(log, redis.port(), false);
        Node b(log, redis.port(), false);
        a->bus().start();
        b.bus().start();
        QTRY_VERIFY(a->bus().isSubscribed() && b.bus().isSubscribed());
        QTest::qWait(300); // both listed as alive

        a->bus().userArrived(u"ann"_s);
        QTRY_COMPARE(a->announced(), QStringList({ u"+ann"_s }));
        QTRY_VERIFY(b.bus().isOnline(u"ann"_s));
        b.bus().userArrived(u"ann"_s);
        QTest::qWait(300);
        QCOMPARE(b.announced(), QStringList()); // online already, through a
        a->bus().userLeft(u"ann"_s);
        QTest::qWait(300);
        QCOMPARE(a->announced(), QStringList({ u"+ann"_s })); // still online, through b
        QVERIFY(a->bus().isOnline(u"ann"_s));
        b.bus().userLeft(u"ann"_s);
        QTRY_COMPARE(b.announced(), QStringList({ u"-ann"_s }));
        QTRY_VERIFY(!a->bus().isOnline(u"ann"_s));

        // a dies with bea's only session: b reaps it once a's key expires.
        a->bus().userArrived(u"bea"_s);
        QTRY_VERIFY(b.bus().isOnline(u"bea"_s));
        QElapsedTimer sinceDeath;
        a->bus().stop(); // no heartbeat from now on, like a process killed
        sinceDeath.start();
        QTRY_COMPARE_WITH_TIMEOUT(b.announced(), QStringList({ u"-ann"_s, u"-bea"_s }), 20000);
        QVERIFY2(sinceDeath.elapsed() < 15000, "a dead node's users stayed online too long");
        QVERIFY(!b.bus().isOnline(u"bea"_s));
    }
};

QTEST_GUILESS_MAIN(tst_ClusterBus)
#include "tst_clusterbus.moc"
