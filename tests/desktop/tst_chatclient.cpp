// The widget-free ChatClient against the real server: sign-in errors, sending and
// receiving, receipts, history paging, and the outbox across server and client restarts.

#include "clienthelpers.h"
#include "serverprocess.h"
#include "testclient.h"

#include "net/chatclient.h"
#include "net/errortext.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;

class TestChatClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInErrors_data();
    void signInErrors();
    void sendAndReceive();
    void receiptsAndUnread();
    void historyPaging();
    void outboxSurvivesServerRestart();
    void outboxSurvivesClientRestart();

private:
    QList<QJsonObject> historyOf(TestClient &reader, const QString &roomId);

    ServerProcess m_server;
};

void TestChatClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
}

void TestChatClient::signInErrors_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("createAccount");
    QTest::addColumn<bool>("reachable");
    QTest::addColumn<QString>("code");
    QTest::addRow("wrong password") << u"known"_s << u"wrong password"_s << false << true << u"auth_failed"_s;
    QTest::addRow("unknown user") << u"nobody"_s << u"whatever1"_s << false << true << u"auth_failed"_s;
    QTest::addRow("name taken") << u"known"_s << u"another pass"_s << true << true << u"username_taken"_s;
    QTest::addRow("weak password") << u"newbie"_s << u"short"_s << true << true << u"weak_password"_s;
    QTest::addRow("invalid username") << u"no spaces!"_s << u"long enough"_s << true << true << u"invalid_username"_s;
    QTest::addRow("server unreachable") << u"known"_s << u"correct horse"_s << false << false << u"unreachable"_s;
}

void TestChatClient::signInErrors()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, createAccount);
    QFETCH(bool, reachable);
    QFETCH(QString, code);
    static bool registered = false;
    if (!registered) {
        TestClient known;
        QVERIFY(known.open(m_server.url()));
        QCOMPARE(known.registerUser(u"known"_s).value("type"_L1).toString(), u"auth"_s);
        registered = true;
    }
    QUrl url = m_server.url();
    if (!reachable) {
        QTcpServer probe; // a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        url.setPort(probe.serverPort());
        probe.close();
    }
    ChatClient client;
    client.setOutboxDirectory({});
    QSignalSpy failed(&client, &ChatClient::signInFailed);
    QSignalSpy signedIn(&client, &ChatClient::signedIn);
    client.signIn(url, username, password, createAccount);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QCOMPARE(failed.at(0).at(0).toString(), code);
    QCOMPARE(signedIn.size(), 0);
    QCOMPARE(client.status(), ChatClient::Status::SignedOut);
    QVERIFY(!errorText(code).contains(code)); // a real sentence, not the fallback
}

QList<QJsonObject> TestChatClient::historyOf(TestClient &reader, const QString &roomId)
{
    const QJsonObject reply = reader.request({ { "type"_L1, "history"_L1 },
        { "roomId"_L1, roomId }, { "limit"_L1, 200 } });
    QList<QJsonObject> out;
    const QJsonArray events = reply.value("events"_L1).toArray();
    for (const QJsonValue &event : events)
        out.append(event.toObject());
    return out;
}

void TestChatClient::sendAndReceive()
{
    ChatClient alice;
    QVERIFY(signUp(alice, m_server.url(), uniqueName(u"alice"_s)));
    QCOMPARE(alice.status(), ChatClient::Status::Online);
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    QVERIFY(!roomId.isEmpty());

    QSignalSpy sent(&alice, &ChatClient::messageSent);
    QSignalSpy queued(&alice, &ChatClient::messageQueued);
    const QString clientMsgId = alice.sendMessage(roomId, u"Hello Bob"_s);
    QCOMPARE(queued.size(), 1);
    QTRY_COMPARE(sent.size(), 1);
    const Event mine = sent.at(0).at(0).value<Event>();
    QCOMPARE(mine.clientMsgId, clientMsgId);
    QCOMPARE(mine.seq, 1);
    QVERIFY(alice.outbox().isEmpty());
    const QJsonObject push = bob.waitForType(u"event"_s);
    QCOMPARE(push.value("event"_L1).toObject().value("text"_L1).toString(), u"Hello Bob"_s);

    QSignalSpy received(&alice, &ChatClient::eventReceived);
    bob.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
        { "clientMsgId"_L1, u"b-1"_s }, { "text"_L1, u"Hi Alice"_s } });
    QTRY_COMPARE(received.size(), 1);
    const Event theirs = received.at(0).at(0).value<Event>();
    QCOMPARE(theirs.text, u"Hi Alice"_s);
    QCOMPARE(theirs.seq, 2);
    QCOMPARE(theirs.senderId, bob.userId());
}

void TestChatClient::receiptsAndUnread()
{
    ChatClient alice;
    QVERIFY(signUp(alice, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    QSignalSpy received(&alice, &ChatClient::eventReceived);
    for (int i = 0; i < 2; ++i) {
        bob.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
            { "clientMsgId"_L1, QString(u"r-"_s + QString::number(i)) }, { "text"_L1, u"ping"_s } });
    }
    QTRY_COMPARE(received.size(), 2);

    // Delivery is reported in one batch; Bob sees it as a receipt.
    alice.markDelivered(roomId, 1);
    alice.markDelivered(roomId, 2);
    const QJsonObject delivered = bob.waitFor([](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == "receipt"_L1
            && frame.value("deliveredSeq"_L1).toInteger() == 2;
    });
    QCOMPARE(delivered.value("readSeq"_L1).toInteger(), 0);

    QSignalSpy unread(&alice, &ChatClient::unreadChanged);
    alice.markRead(roomId, 2);
    QTRY_VERIFY(!unread.isEmpty());
    QCOMPARE(unread.constLast().at(1).toLongLong(), 0);

    QSignalSpy sent(&alice, &ChatClient::messageSent);
    alice.sendMessage(roomId, u"read this"_s);
    QTRY_COMPARE(sent.size(), 1);
    QSignalSpy receipts(&alice, &ChatClient::receiptReceived);
    bob.request({ { "type"_L1, "markRead"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, 3 } });
    QTRY_VERIFY(!receipts.isEmpty());
    const QList<QVariant> receipt = receipts.constLast();
    QCOMPARE(receipt.at(1).toString(), bob.userId());
    QCOMPARE(receipt.at(3).toLongLong(), 3);
}

void TestChatClient::historyPaging()
{
    ChatClient alice;
    QVERIFY(signUp(alice, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    QSignalSpy sent(&alice, &ChatClient::messageSent);
    for (int i = 1; i <= 25; ++i) // beyond the rate limit's burst: the outbox retries
        alice.sendMessage(roomId, u"message "_s + QString::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 25, 20000);

    QSignalSpy pages(&alice, &ChatClient::historyReceived);
    QList<qint64> seqs;
    qint64 before = -1;
    for (int page = 0; page < 5; ++page) {
        alice.fetchHistory(roomId, before, -1, 10);
        QTRY_COMPARE(pages.size(), page + 1);
        const auto events = pages.at(page).at(1).value<QList<Event>>();
        const bool hasMore = pages.at(page).at(2).toBool();
        QVERIFY(pages.at(page).at(3).toBool()); // older
        QList<qint64> pageSeqs;
        for (const Event &event : events)
            pageSeqs.append(event.seq);
        seqs = pageSeqs + seqs;
        if (!hasMore)
            break;
        before = events.constFirst().seq;
    }
    QCOMPARE(seqs.size(), 25);
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), i + 1);
}

void TestChatClient::outboxSurvivesServerRestart()
{
    QTemporaryDir outboxDir;
    ServerProcess server;
    QVERIFY(server.start());
    ChatClient alice;
    QVERIFY(signUp(alice, server.url(), uniqueName(u"alice"_s), outboxDir.path()));
    TestClient bob;
    QVERIFY(bob.open(server.url()));
    const QString bobName = uniqueName(u"bob"_s);
    bob.registerUser(bobName);
    const QString roomId = openDirect(alice, bob.userId());

    server.kill();
    QTRY_VERIFY(alice.status() != ChatClient::Status::Online);
    QSignalSpy sent(&alice, &ChatClient::messageSent);
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(alice.sendMessage(roomId, u"offline "_s + QString::number(i)));
    QCOMPARE(alice.outbox().entries().size(), 3);
    QTest::qWait(200);
    QCOMPARE(sent.size(), 0);

    QVERIFY(server.start());
    alice.connection()->setUrl(server.url()); // the restarted server got a new port
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 3, 15000);
    QCOMPARE(alice.status(), ChatClient::Status::Online);
    QVERIFY(alice.outbox().isEmpty());

    TestClient reader;
    QVERIFY(reader.open(server.url()));
    reader.login(bobName);
    const QList<QJsonObject> events = historyOf(reader, roomId);
    QCOMPARE(events.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(events.at(i).value("clientMsgId"_L1).toString(), ids.at(i));
}

void TestChatClient::outboxSurvivesClientRestart()
{
    QTemporaryDir outboxDir;
    ServerProcess server;
    QVERIFY(server.start());
    Session session;
    QString roomId;
    const QString bobName = uniqueName(u"bob"_s);
    QString acked;
    {
        ChatClient alice;
        QVERIFY(signUp(alice, server.url(), uniqueName(u"alice"_s), outboxDir.path()));
        TestClient bob;
        QVERIFY(bob.open(server.url()));
        bob.registerUser(bobName);
        roomId = openDirect(alice, bob.userId());
        QSignalSpy sent(&alice, &ChatClient::messageSent);
        acked = alice.sendMessage(roomId, u"before"_s);
        QTRY_COMPARE(sent.size(), 1);
        session = alice.session();
        server.kill();
        QTRY_VERIFY(alice.status() != ChatClient::Status::Online);
        alice.sendMessage(roomId, u"queued 1"_s);
        alice.sendMessage(roomId, u"queued 2"_s);
    } // the client quits with two messages in its outbox

    // The acknowledged message is in the outbox file again (as after a crash between the
    // server's `sent` and the file write): it must not be posted twice.
    Outbox file;
    QVERIFY(file.load(QDir(outboxDir.path()).absoluteFilePath(u"outbox-"_s + session.userId + u".json"_s)));
    QCOMPARE(file.entries().size(), 2);
    OutboxEntry again;
    again.clientMsgId = acked;
    again.roomId = roomId;
    again.text = u"before"_s;
    again.createdTs = 1;
    file.add(again);
    file.waitForWrites();

    QVERIFY(server.start());
    session.serverUrl = server.url();
    ChatClient restarted;
    restarted.setOutboxDirectory(outboxDir.path());
    QSignalSpy sent(&restarted, &ChatClient::messageSent);
    restarted.resume(session);
    QCOMPARE(restarted.outbox().entries().size(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 3, 15000);
    QVERIFY(restarted.outbox().isEmpty());

    TestClient reader;
    QVERIFY(reader.open(server.url()));
    reader.login(bobName);
    const QList<QJsonObject> events = historyOf(reader, roomId);
    QStringList texts;
    for (const QJsonObject &event : events)
        texts.append(event.value("text"_L1).toString());
    QCOMPARE(texts, (QStringList { u"before"_s, u"queued 1"_s, u"queued 2"_s }));
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
