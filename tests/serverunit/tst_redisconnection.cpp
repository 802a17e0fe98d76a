#include "bus/redisconnection.h"
#include "redisserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Confab::Server;

namespace {
using Mode = RedisConnection::Mode;

// The reply to one command, waited for on the event loop.
RedisReply ask(RedisConnection &connection, const QList<QByteArray> &args)
{
    RedisReply answer;
    bool answered = false;
    if (!connection.command(args, [&](const RedisReply &reply) {
            answer = reply;
            answered = true;
        }))
        return answer; // Lost
    if (!QTest::qWaitFor([&] { return answered; }, 5000))
        qWarning("no reply to %s", args.first().constData());
    return answer;
}
} // namespace

// RedisConnection against a real redis-server: commands and their replies, publish and
// subscribe, and what happens when Redis dies, stalls or is not there yet.
class tst_RedisConnection : public QObject {
    Q_OBJECT
private slots:
    void commandsGetTheirReplies()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        RedisConnection connection(Mode::Commands);
        QSignalSpy connected(&connection, &RedisConnection::connected);
        connection.start(u"127.0.0.1"_s, redis.port());
        QVERIFY(connected.wait(5000));

        QCOMPARE(ask(connection, { "SET", "key", QByteArray("a\0b", 3) }).text, "OK");
        const RedisReply value = ask(connection, { "GET", "key" });
        QCOMPARE(value.kind, RedisReply::Kind::String);
        QCOMPARE(value.text, QByteArray("a\0b", 3));
        QCOMPARE(ask(connection, { "INCRBY", "n", "5" }).integer, 5);
        QCOMPARE(ask(connection, { "GET", "missing" }).kind, RedisReply::Kind::Nil);
        QCOMPARE(ask(connection, { "NOSUCHCOMMAND" }).kind, RedisReply::Kind::Error);
        const RedisReply list = ask(connection, { "MGET", "key", "missing" });
        QCOMPARE(list.kind, RedisReply::Kind::Array);
        QCOMPARE(list.elements.size(), 2);
        QCOMPARE(list.elements.at(1).kind, RedisReply::Kind::Nil);
        QCOMPARE(connection.pendingCommands(), 0);
    }

    void publishedMessagesReachTheSubscriber()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        RedisConnection publisher(Mode::Commands);
        RedisConnection subscriber(Mode::Subscriber);
        QSignalSpy messages(&subscriber, &RedisConnection::message);
        subscriber.subscribe("room:1");
        publisher.start(u"127.0.0.1"_s, redis.port());
        subscriber.start(u"127.0.0.1"_s, redis.port());
        // Subscribed once a publish counts one receiver.
        QTRY_COMPARE(ask(publisher, { "PUBLISH", "room:1", "ping" }).integer, 1);
        const QByteArray payload("{\"seq\":1}\0binary", 16);
        QCOMPARE(ask(publisher, { "PUBLISH", "room:1", payload }).integer, 1);
        QCOMPARE(ask(publisher, { "PUBLISH", "room:2", "elsewhere" }).integer, 0);
        QTRY_VERIFY(!messages.isEmpty() && messages.last().at(1).toByteArray() == payload);
        QCOMPARE(messages.last().at(0).toByteArray(), QByteArray("room:1"));
    }

    void reconnectsAndSubscribesAgainAfterRedisDies()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        RedisConnection publisher(Mode::Commands);
        RedisConnection subscriber(Mode::Subscriber);
        QSignalSpy publisherLost(&publisher, &RedisConnection::disconnected);
        QSignalSpy messages(&subscriber, &RedisConnection::message);
        subscriber.subscribe("events");
        publisher.start(u"127.0.0.1"_s, redis.port());
        subscriber.start(u"127.0.0.1"_s, redis.port());
        QTRY_COMPARE(ask(publisher, { "PUBLISH", "events", "first" }).integer, 1);

        // A command in flight when Redis dies gets Lost, not silence.
        bool lost = false;
        QVERIFY(publisher.command({ "BLPOP", "never", "0" },
            [&](const RedisReply &reply) { lost = reply.kind == RedisReply::Kind::Lost; }));
        redis.kill();
        QTRY_VERIFY(lost);
        QTRY_COMPARE(publisherLost.size(), 1);
        QVERIFY(!publisher.command({ "PING" })); // refused while down

        QVERIFY(redis.start()); // the same port
        QTRY_COMPARE_WITH_TIMEOUT(
            ask(publisher, { "PUBLISH", "events", "again" }).integer, 1, 15000);
        QTRY_VERIFY(!messages.isEmpty() && messages.last().at(1).toByteArray() == "again");
    }

    void connectsOnceRedisComesUp()
    {
        RedisServer redis; // not started yet
        RedisConnection connection(Mode::Commands);
        QSignalSpy connected(&connection, &RedisConnection::connected);
        connection.start(u"127.0.0.1"_s, redis.port());
        QTest::qWait(700); // several refused attempts
        QVERIFY(!connection.isConnected());
        QVERIFY(redis.start());
        QVERIFY(connected.wait(10000));
        QCOMPARE(ask(connection, { "PING" }).text, "PONG");
    }

    void aStalledRedisIsLeftAndFoundAgain()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        RedisConnection connection(Mode::Commands);
        QSignalSpy connected(&connection, &RedisConnection::connected);
        QSignalSpy disconnected(&connection, &RedisConnection::disconnected);
        connection.start(u"127.0.0.1"_s, redis.port());
        QVERIFY(connected.wait(5000));
        redis.pause(); // the socket stays open; nothing answers
        QVERIFY(disconnected.wait(8000)); // an unanswered PING for 3 s
        redis.resume();
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 15000);
        QCOMPARE(ask(connection, { "PING" }).text, "PONG");
    }

    void destroyedWithCommandsInFlight()
    {
        RedisServer redis;
        QVERIFY(redis.start());
        bool called = false;
        {
            RedisConnection connection(Mode::Commands);
            QSignalSpy connected(&connection, &RedisConnection::connected);
            connection.start(u"127.0.0.1"_s, redis.port());
            QVERIFY(connected.wait(5000));
            for (int i = 0; i < 100; ++i)
                QVERIFY(connection.command(
                    { "BLPOP", "never", "0" }, [&](const RedisReply &) { called = true; }));
        }
        QTest::qWait(50); // the notifiers' deferred deletion
        QVERIFY(!called); // nobody is called back from a destructor
    }
};

QTEST_MAIN(tst_RedisConnection)
#include "tst_redisconnection.moc"
