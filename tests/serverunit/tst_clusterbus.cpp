#include "bus/clusterbus.h"
#include "redisserver.h"

#include <QMutex>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Confab;
using namespace Confab::Server;
using namespace std::chrono_literals;

namespace {
const QString kRoom = u"room"_s;

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

// One node's bus and what it handed on to its sessions.
class Node {
public:
    Node(SharedLog &log, quint16 redisPort)
        : m_bus(
            { u"127.0.0.1"_s, redisPort, 300ms, 500ms },
            [&log](const RoomSequencer::Gap &gap, auto done) {
                done(log.between(gap.roomId, gap.after, gap.before));
            },
            [&log](const QStringList &rooms, auto done) {
                QHash<QString, qint64> lastSeqs;
                for (const QString &room : rooms)
                    lastSeqs.insert(room, log.lastSeq(room));
                done(lastSeqs);
            },
            [this](const QList<Event> &events) {
                QMutexLocker lock(&m_mutex);
                for (const Event &event : events)
                    m_delivered.append(event.seq);
            })
    {
    }

    ClusterBus &bus() { return m_bus; }
    QList<qint64> delivered()
    {
        QMutexLocker lock(&m_mutex);
        return m_delivered;
    }

private:
    QMutex m_mutex;
    QList<qint64> m_delivered;
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

    void forgottenRoomsAreNoLongerHandedOn()
    {
        Cluster cluster;
        QVERIFY(cluster.start());
        SharedLog &log = cluster.log;
        Node &a = *cluster.a;
        Node &b = *cluster.b;
        a.bus().publish(log.commit());
        QTRY_COMPARE_WITH_TIMEOUT(b.delivered(), range(1, 1), 10000);
        b.bus().forget(kRoom);
        QTest::qWait(200);
        a.bus().publish(log.commit());
        QTest::qWait(1500); // past a gap read and a last_seq check
        QCOMPARE(b.delivered(), range(1, 1));
    }
};

QTEST_GUILESS_MAIN(tst_ClusterBus)
#include "tst_clusterbus.moc"
