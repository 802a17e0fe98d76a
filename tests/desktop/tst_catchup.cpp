// The client's sync against the real server: messages that arrive while it is offline reach
// the conversation exactly once and in order, also when the catch-up pages are refused with
// rate_limited or cut off by a dropped connection; a read made offline reaches the server;
// a server that stops answering fails the request in bounded time and nothing is sent twice.

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include "models/chatsession.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <csignal>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;

namespace {

// Send budgets lifted for the peer who writes in bulk; requests (history, markers, the room
// list) at the given budget.
QByteArray limitsWithRequestBudget(int burst, int perSecond)
{
    return "[limits]\nsend_burst=100000\nsend_per_second=100000\nframe_burst=100000\n"
           "frames_per_second=100000\nrequest_burst="
        + QByteArray::number(burst) + "\nrequests_per_second=" + QByteArray::number(perSecond)
        + "\n";
}

QList<qint64> seqsOf(const ConversationModel *model)
{
    QList<qint64> seqs;
    for (int row = 0; row < model->rowCount(); ++row)
        seqs.append(model->index(row).data(ConversationModel::SeqRole).toLongLong());
    return seqs;
}

QList<qint64> oneTo(qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = 1; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

} // namespace

class TestCatchUp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void offlineMessagesArriveOnceInOrder_data();
    void offlineMessagesArriveOnceInOrder();
    void dropWhileManyRoomsCatchUp();
    void readWhileOfflineReachesTheServer();
    void unansweredRequestsTimeOut();

private:
    // Alice in `session`, Bob as a plain client who has sent `earlier` messages, and their
    // direct room open in Alice's view with its newest page loaded.
    bool setUp(ServerProcess &server, ChatClient &alice, ChatSession &session, TestClient &bob,
        QString *roomId, int earlier = 0);
    void sendAs(TestClient &client, const QString &roomId, int count);
};

void TestCatchUp::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

bool TestCatchUp::setUp(ServerProcess &server, ChatClient &alice, ChatSession &session,
    TestClient &bob, QString *roomId, int earlier)
{
    if (!signUp(alice, server.url(), uniqueName(u"alice"_s)) || !bob.open(server.url()))
        return false;
    bob.registerUser(uniqueName(u"bob"_s));
    *roomId = ProtocolSteps::openDirect(bob, alice.userId());
    if (roomId->isEmpty())
        return false;
    sendAs(bob, *roomId, earlier);
    ConversationModel *model = session.conversation(*roomId);
    return QTest::qWaitFor([model] { return model->historyLoaded(); }, 10000);
}

void TestCatchUp::sendAs(TestClient &client, const QString &roomId, int count)
{
    static int counter = 0;
    for (int i = 0; i < count; ++i) {
        const QJsonObject reply = client.request({ { "type"_L1, "send"_L1 },
            { "roomId"_L1, roomId }, { "clientMsgId"_L1, u"b-%1"_s.arg(++counter) },
            { "text"_L1, u"message %1"_s.arg(counter) } });
        QCOMPARE(reply.value("type"_L1).toString(), u"sent"_s);
    }
}

void TestCatchUp::offlineMessagesArriveOnceInOrder_data()
{
    QTest::addColumn<int>("requestBurst");
    QTest::addColumn<bool>("dropDuringCatchUp");
    QTest::addRow("catch-up in pages") << 1000 << false;
    QTest::addRow("pages refused with rate_limited") << 1 << false;
    QTest::addRow("connection dropped during catch-up") << 1000 << true;
}

void TestCatchUp::offlineMessagesArriveOnceInOrder()
{
    QFETCH(int, requestBurst);
    QFETCH(bool, dropDuringCatchUp);
    ServerProcess server;
    QVERIFY(server.startWithConfig(limitsWithRequestBudget(requestBurst, 2)));
    ChatClient alice;
    ChatSession session(&alice);
    TestClient bob;
    QString roomId;
    QVERIFY(setUp(server, alice, session, bob, &roomId));
    ConversationModel *model = session.conversation(roomId);
    sendAs(bob, roomId, 3);
    QTRY_COMPARE(seqsOf(model), oneTo(3));

    QVERIFY(goOffline(alice));
    sendAs(bob, roomId, 450); // three catch-up pages
    QSignalSpy refused(alice.pacer(), &RequestPacer::refused);
    bool dropped = false;
    connect(&alice, &ChatClient::historyReceived, this,
        [&](const QString &, const QList<Event> &, bool hasMore, bool older) {
            if (dropDuringCatchUp && !dropped && !older && hasMore) {
                dropped = true;
                alice.connection()->abort(); // the next page's request fails as offline
            }
        });
    alice.connection()->setUrl(server.url());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 453, 30000);
    QTest::qWait(300); // nothing more comes, in particular no second copy
    QCOMPARE(seqsOf(model), oneTo(453));
    QCOMPARE(alice.historySync().position(roomId), 453);
    QCOMPARE(dropped, dropDuringCatchUp);
    if (requestBurst == 1)
        QVERIFY2(!refused.isEmpty(), "the server never refused a request");

    // Live again: the next message follows on.
    sendAs(bob, roomId, 1);
    QTRY_COMPARE(seqsOf(model), oneTo(454));
    QVERIFY(server.stop());
}

// More rooms to catch up than the pacer sends at once: the connection drops with requests
// unanswered and others queued, and every room still ends complete.
void TestCatchUp::dropWhileManyRoomsCatchUp()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig(limitsWithRequestBudget(1000, 1000)));
    ChatClient alice;
    ChatSession session(&alice);
    TestClient bob;
    QString first;
    QVERIFY(setUp(server, alice, session, bob, &first));
    QStringList rooms { first };
    for (int i = 0; i < 7; ++i) {
        const QString group
            = ProtocolSteps::createGroup(bob, u"Group %1"_s.arg(i), { alice.userId() });
        QVERIFY(!group.isEmpty());
        ConversationModel *model = session.conversation(group);
        QTRY_VERIFY(model->historyLoaded());
        rooms.append(group);
    }
    QVERIFY(goOffline(alice));
    for (const QString &roomId : std::as_const(rooms))
        sendAs(bob, roomId, 5);
    bool dropped = false;
    connect(&alice, &ChatClient::historyReceived, this,
        [&](const QString &, const QList<Event> &, bool, bool older) {
            if (!older && !dropped) {
                dropped = true;
                alice.connection()->abort(); // others in flight, others still queued
            }
        });
    alice.connection()->setUrl(server.url());
    for (const QString &roomId : std::as_const(rooms)) {
        const qint64 last = ProtocolSteps::findRoom(bob, roomId).value("lastSeq"_L1).toInteger();
        QVERIFY(last >= 5);
        QTRY_COMPARE_WITH_TIMEOUT(alice.historySync().position(roomId), last, 20000);
        QCOMPARE(seqsOf(session.conversation(roomId)).constLast(), last);
    }
    QVERIFY(dropped);
    QVERIFY(server.stop());
}

void TestCatchUp::readWhileOfflineReachesTheServer()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig(limitsWithRequestBudget(100, 50)));
    ChatClient alice;
    ChatSession session(&alice);
    TestClient bob;
    QString roomId;
    QVERIFY(setUp(server, alice, session, bob, &roomId));
    sendAs(bob, roomId, 3);
    QTRY_COMPARE(seqsOf(session.conversation(roomId)), oneTo(3));

    QVERIFY(goOffline(alice));
    alice.markRead(roomId, 3);
    QTest::qWait(200);
    QCOMPARE(alice.markers().pendingRead(roomId), 3);
    alice.connection()->setUrl(server.url());
    const QJsonObject receipt = bob.waitFor([](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == "receipt"_L1
            && frame.value("readSeq"_L1).toInteger() == 3;
    });
    QCOMPARE(receipt.value("userId"_L1).toString(), alice.userId());
    QTRY_COMPARE(alice.markers().pendingRead(roomId), 0);
    QTRY_COMPARE(session.rooms()->totalUnread(), 0);
    QVERIFY(server.stop());
}

void TestCatchUp::unansweredRequestsTimeOut()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig(limitsWithRequestBudget(100, 50)));
    ChatClient alice;
    ChatSession session(&alice);
    session.setHistoryPageSize(5);
    TestClient bob;
    QString roomId;
    QVERIFY(setUp(server, alice, session, bob, &roomId, 12));
    ConversationModel *model = session.conversation(roomId);
    QCOMPARE(model->rowCount(), 5);
    alice.connection()->setRequestTimeout(1000);

    // The server stops answering (its process stopped): the send and an older page fail in
    // bounded time, the view is not left loading, and the client leaves "online".
    ::kill(pid_t(server.pid()), SIGSTOP);
    QSignalSpy failed(&alice, &ChatClient::historyFailed);
    QSignalSpy sent(&alice, &ChatClient::messageSent);
    const QString clientMsgId = alice.sendMessage(roomId, u"while stuck"_s);
    session.loadOlder(roomId);
    QVERIFY(model->isLoadingOlder());
    QTRY_VERIFY_WITH_TIMEOUT(alice.status() != ChatClient::Status::Online, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
    QVERIFY(!model->isLoadingOlder());
    ::kill(pid_t(server.pid()), SIGCONT);

    // Answering again: the message goes out once, and older pages load.
    QTRY_VERIFY_WITH_TIMEOUT(alice.status() == ChatClient::Status::Online, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 15000);
    const QJsonObject page = bob.request(
        { { "type"_L1, "history"_L1 }, { "roomId"_L1, roomId }, { "limit"_L1, 100 } });
    int copies = 0;
    const QJsonArray events = page.value("events"_L1).toArray();
    for (const QJsonValue &event : events)
        copies += event.toObject().value("clientMsgId"_L1).toString() == clientMsgId ? 1 : 0;
    QCOMPARE(copies, 1);
    session.loadOlder(roomId);
    QTRY_COMPARE(model->rowCount(), 11);
    QVERIFY(!model->isLoadingOlder());
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestCatchUp)
#include "tst_catchup.moc"
