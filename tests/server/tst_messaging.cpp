#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using ProtocolSteps::openDirect;

// send, fan-out, double-send prevention and history paging against the real server.
class tst_Messaging : public QObject {
    Q_OBJECT
private:
    ServerProcess m_server;
    int m_userCounter = 0;

    QString freshName() { return u"user"_s + QString::number(++m_userCounter); }

    static QJsonObject sendText(TestClient &client, const QString &roomId, const QString &clientMsgId,
        const QString &text = u"hello"_s)
    {
        return client.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
            { "clientMsgId"_L1, clientMsgId }, { "text"_L1, text } });
    }

    static QList<qint64> seqs(const QJsonObject &history)
    {
        QList<qint64> out;
        const QJsonArray events = history.value("events"_L1).toArray();
        for (const QJsonValue &event : events)
            out.append(event.toObject().value("seq"_L1).toInteger());
        return out;
    }

    static QList<qint64> range(qint64 first, qint64 last)
    {
        QList<qint64> out;
        for (qint64 seq = first; seq <= last; ++seq)
            out.append(seq);
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.startWithConfig("[limits]\nsend_burst=100000\nsend_per_second=100000\n"
                                         "request_burst=100000\nrequests_per_second=100000\n"));
    }

    void sendReachesEveryOtherSession()
    {
        TestClient alice, aliceOther, bob;
        for (TestClient *client : { &alice, &aliceOther, &bob })
            QVERIFY(client->open(m_server.url()));
        const QString aliceName = freshName();
        alice.registerUser(aliceName);
        aliceOther.login(aliceName);
        bob.registerUser(freshName());
        const QString roomId = openDirect(alice, bob.userId());

        const QJsonObject sent = sendText(alice, roomId, u"m1"_s, u"hi there"_s);
        QCOMPARE(sent.value("type"_L1).toString(), u"sent"_s);
        QCOMPARE(sent.value("seq"_L1).toInteger(), 1);
        QCOMPARE(sent.value("clientMsgId"_L1).toString(), u"m1"_s);
        QCOMPARE(sent.value("roomId"_L1).toString(), roomId);
        QVERIFY(sent.value("ts"_L1).toInteger() > 0);

        for (TestClient *receiver : { &bob, &aliceOther }) {
            const QJsonObject event = receiver->waitForType(u"event"_s).value("event"_L1).toObject();
            QCOMPARE(event.value("seq"_L1).toInteger(), 1);
            QCOMPARE(event.value("text"_L1).toString(), u"hi there"_s);
            QCOMPARE(event.value("senderId"_L1).toString(), alice.userId());
            QCOMPARE(event.value("kind"_L1).toString(), u"message"_s);
        }
        QVERIFY(alice.staysQuiet(u"event"_s));
    }

    void repeatedClientMsgIdReturnsTheOriginal()
    {
        TestClient alice, bob;
        QVERIFY(alice.open(m_server.url()));
        QVERIFY(bob.open(m_server.url()));
        const QString aliceName = freshName();
        alice.registerUser(aliceName);
        bob.registerUser(freshName());
        const QString roomId = openDirect(alice, bob.userId());
        const QJsonObject first = sendText(alice, roomId, u"dup-1"_s);
        QCOMPARE(bob.waitForType(u"event"_s).value("event"_L1).toObject().value("seq"_L1).toInteger(), 1);

        // Same connection, then a new connection, then another room: always the original.
        const QJsonObject again = sendText(alice, roomId, u"dup-1"_s, u"different text"_s);
        QCOMPARE(again.value("seq"_L1), first.value("seq"_L1));
        QCOMPARE(again.value("ts"_L1), first.value("ts"_L1));
        alice.close();
        TestClient reconnected;
        QVERIFY(reconnected.open(m_server.url()));
        reconnected.login(aliceName);
        const QJsonObject afterReconnect = sendText(reconnected, roomId, u"dup-1"_s);
        QCOMPARE(afterReconnect.value("seq"_L1), first.value("seq"_L1));
        const QString groupId = reconnected.request({ { "type"_L1, "createGroup"_L1 },
            { "name"_L1, "g"_L1 }, { "members"_L1, QJsonArray() } })
                                    .value("room"_L1).toObject().value("roomId"_L1).toString();
        const QJsonObject otherRoom = sendText(reconnected, groupId, u"dup-1"_s);
        QCOMPARE(otherRoom.value("roomId"_L1).toString(), roomId);
        QCOMPARE(otherRoom.value("seq"_L1), first.value("seq"_L1));

        QVERIFY(bob.staysQuiet(u"event"_s));
        const QJsonObject history = bob.request({ { "type"_L1, "history"_L1 }, { "roomId"_L1, roomId } });
        QCOMPARE(seqs(history), QList<qint64> { 1 });
    }

    void sendErrorsCarryTheClientMsgId_data()
    {
        QTest::addColumn<QString>("room");
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<QString>("code");
        QTest::addRow("unknown room") << u"unknown"_s << QJsonObject { { "text"_L1, "x"_L1 } } << u"not_member"_s;
        QTest::addRow("blank text") << u"own"_s << QJsonObject { { "text"_L1, "  \n "_L1 } } << u"bad_request"_s;
        QTest::addRow("no text") << u"own"_s << QJsonObject {} << u"bad_request"_s;
        QTest::addRow("reply to nothing") << u"own"_s
                                          << QJsonObject { { "text"_L1, "x"_L1 }, { "replyTo"_L1, 99 } }
                                          << u"bad_request"_s;
        QTest::addRow("empty clientMsgId") << u"own"_s << QJsonObject { { "text"_L1, "x"_L1 }, { "clientMsgId"_L1, ""_L1 } }
                                           << u"bad_request"_s;
        QTest::addRow("unknown attachment")
            << u"own"_s << QJsonObject { { "attachmentId"_L1, QString(32, u'a') } } << u"not_found"_s;
        QTest::addRow("text too large") << u"own"_s
                                        << QJsonObject { { "text"_L1, QString(16 * 1024 + 1, u'x') } }
                                        << u"too_large"_s;
    }

    void sendErrorsCarryTheClientMsgId()
    {
        QFETCH(QString, room);
        QFETCH(QJsonObject, extra);
        QFETCH(QString, code);
        TestClient alice;
        QVERIFY(alice.open(m_server.url()));
        alice.registerUser(freshName());
        const QString roomId = room == "unknown"_L1
            ? QString(32, u'f')
            : alice.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "own"_L1 }, { "members"_L1, QJsonArray() } })
                  .value("room"_L1).toObject().value("roomId"_L1).toString();
        QJsonObject request = extra;
        request.insert("type"_L1, "send"_L1);
        request.insert("roomId"_L1, roomId);
        if (!request.contains("clientMsgId"_L1))
            request.insert("clientMsgId"_L1, "err-1"_L1);
        const QJsonObject reply = alice.request(request);
        QCOMPARE(reply.value("type"_L1).toString(), u"error"_s);
        QCOMPARE(reply.value("code"_L1).toString(), code);
        QCOMPARE(reply.value("clientMsgId"_L1), request.value("clientMsgId"_L1));
    }

    void historyPagesBothWays()
    {
        TestClient alice;
        QVERIFY(alice.open(m_server.url()));
        alice.registerUser(freshName());
        const QString roomId = alice.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "log"_L1 },
                                                 { "members"_L1, QJsonArray() } })
                                   .value("room"_L1).toObject().value("roomId"_L1).toString();
        // seq 1 is the creator's memberJoined; messages take 2..25.
        for (int i = 2; i <= 25; ++i)
            QCOMPARE(sendText(alice, roomId, u"h"_s + QString::number(i)).value("seq"_L1).toInteger(), i);

        auto history = [&](QJsonObject fields) {
            fields.insert("type"_L1, "history"_L1);
            fields.insert("roomId"_L1, roomId);
            return alice.request(fields);
        };
        QJsonObject page = history({ { "limit"_L1, 10 } });
        QCOMPARE(seqs(page), range(16, 25));
        QVERIFY(page.value("hasMore"_L1).toBool());
        page = history({ { "limit"_L1, 10 }, { "before"_L1, 16 } });
        QCOMPARE(seqs(page), range(6, 15));
        QVERIFY(page.value("hasMore"_L1).toBool());
        page = history({ { "limit"_L1, 10 }, { "before"_L1, 6 } });
        QCOMPARE(seqs(page), range(1, 5));
        QVERIFY(!page.value("hasMore"_L1).toBool());
        page = history({ { "limit"_L1, 3 }, { "after"_L1, 20 } });
        QCOMPARE(seqs(page), range(21, 23));
        QVERIFY(page.value("hasMore"_L1).toBool());
        page = history({ { "limit"_L1, 3 }, { "after"_L1, 20 }, { "before"_L1, 24 } });
        QCOMPARE(seqs(page), range(21, 23));
        QVERIFY(!page.value("hasMore"_L1).toBool());
        page = history({ { "after"_L1, 25 } });
        QCOMPARE(seqs(page), QList<qint64> {});
        QVERIFY(!page.value("hasMore"_L1).toBool());
        // Out-of-range limits are clamped, not refused.
        QCOMPARE(seqs(history({ { "limit"_L1, 0 } })), QList<qint64> { 25 });
        QCOMPARE(seqs(history({ { "limit"_L1, 100000 } })).size(), 25);
        QCOMPARE(seqs(history({})).size(), 25);
        const QJsonObject stranger = alice.request(
            { { "type"_L1, "history"_L1 }, { "roomId"_L1, QString(32, u'0') } });
        QCOMPARE(stranger.value("code"_L1).toString(), u"not_member"_s);
    }

    void eachConnectionSeesARoomInSeqOrder()
    {
        TestClient alice, bob;
        QVERIFY(alice.open(m_server.url()));
        QVERIFY(bob.open(m_server.url()));
        alice.registerUser(freshName());
        bob.registerUser(freshName());
        const QString roomId = openDirect(alice, bob.userId());
        bob.waitForType(u"roomAdded"_s);
        // Both send at once without waiting; each connection must see 1..60 in order,
        // counting its own `sent` replies.
        const int perUser = 30;
        for (int i = 0; i < perUser; ++i) {
            for (TestClient *client : { &alice, &bob }) {
                client->sendJson(QJsonObject { { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
                    { "clientMsgId"_L1, QString(client->userId() + QString::number(i)) }, { "text"_L1, "x"_L1 } });
            }
        }
        for (TestClient *client : { &alice, &bob }) {
            QList<qint64> seen;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    seen.clear();
                    for (const QJsonObject &frame : std::as_const(client->frames())) {
                        const QString type = frame.value("type"_L1).toString();
                        if (type == "sent"_L1)
                            seen.append(frame.value("seq"_L1).toInteger());
                        else if (type == "event"_L1)
                            seen.append(frame.value("event"_L1).toObject().value("seq"_L1).toInteger());
                    }
                    return seen.size() == 2 * perUser;
                }(),
                10000);
            QCOMPARE(seen, range(1, 2 * perUser));
        }
    }

    void dedupSurvivesARestart()
    {
        ServerProcess server;
        QVERIFY(server.start());
        QJsonObject first;
        QString roomId;
        {
            TestClient alice;
            QVERIFY(alice.open(server.url()));
            alice.registerUser(u"restart"_s);
            roomId = alice.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "r"_L1 }, { "members"_L1, QJsonArray() } })
                         .value("room"_L1).toObject().value("roomId"_L1).toString();
            first = sendText(alice, roomId, u"survivor"_s);
            QCOMPARE(first.value("seq"_L1).toInteger(), 2);
        }
        QVERIFY(server.stop());
        QVERIFY(server.start());
        TestClient alice;
        QVERIFY(alice.open(server.url()));
        QCOMPARE(alice.login(u"restart"_s).value("type"_L1).toString(), u"auth"_s);
        const QJsonObject again = sendText(alice, roomId, u"survivor"_s);
        QCOMPARE(again.value("seq"_L1), first.value("seq"_L1));
        QCOMPARE(again.value("ts"_L1), first.value("ts"_L1));
        QCOMPARE(sendText(alice, roomId, u"next"_s).value("seq"_L1).toInteger(), 3);
    }
};

QTEST_MAIN(tst_Messaging)
#include "tst_messaging.moc"
