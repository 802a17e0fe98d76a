// ChatSession and its models against the real server: the room list with unread counts,
// the conversation with receipts (direct and group), and history paging into the model.
// Every model runs under QAbstractItemModelTester.

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include "models/chatsession.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;
using Status = ConversationModel::Status;

class TestChatSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roomListAndUnread();
    void receiptsInDirectRoom();
    void readByInGroup();
    void historyPaging();
    void typing();

private:
    Status lastStatus(ConversationModel *model)
    {
        return Status(model->index(model->rowCount() - 1).data(ConversationModel::StatusRole).toInt());
    }
    void sendAs(TestClient &client, const QString &roomId, const QString &text)
    {
        static int counter = 0;
        client.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
            { "clientMsgId"_L1, QString(u"t-"_s + QString::number(++counter)) }, { "text"_L1, text } });
    }

    ServerProcess m_server;
};

void TestChatSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start());
}

void TestChatSession::roomListAndUnread()
{
    ChatClient client;
    ChatSession session(&client);
    QAbstractItemModelTester roomsTester(session.rooms(),
        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(signUp(client, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = ProtocolSteps::openDirect(bob, client.userId());
    QTRY_COMPARE(session.rooms()->rowCount(), 1);
    QSignalSpy total(session.rooms(), &RoomListModel::totalUnreadChanged);
    sendAs(bob, roomId, u"one"_s);
    sendAs(bob, roomId, u"two"_s);
    QTRY_COMPARE(session.rooms()->totalUnread(), 2);
    const QModelIndex row = session.rooms()->index(0);
    QCOMPARE(row.data(RoomListModel::UnreadRole).toLongLong(), 2);
    QVERIFY(row.data(RoomListModel::PeerOnlineRole).toBool());
    QCOMPARE(row.data(RoomListModel::LastTextRole).toString(), u"two"_s);

    ConversationModel *conversation = session.conversation(roomId);
    QAbstractItemModelTester conversationTester(conversation,
        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(conversation->rowCount(), 2);
    QCOMPARE(conversation->index(0).data(ConversationModel::TextRole).toString(), u"one"_s);
    QVERIFY(!conversation->index(0).data(ConversationModel::IsOwnRole).toBool());
    session.markRead(roomId, 2);
    QTRY_COMPARE(session.rooms()->totalUnread(), 0);
    QCOMPARE(total.constLast().at(0).toLongLong(), 0);

    // The peer's presence shows in the room list.
    bob.close();
    QTRY_VERIFY(!session.rooms()->index(0).data(RoomListModel::PeerOnlineRole).toBool());
}

void TestChatSession::receiptsInDirectRoom()
{
    ChatClient client;
    ChatSession session(&client);
    QVERIFY(signUp(client, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    QSignalSpy opened(&session, &ChatSession::roomOpened);
    client.openDirect(bob.userId());
    QTRY_COMPARE(opened.size(), 1);
    const QString roomId = opened.at(0).at(0).toString();
    ConversationModel *conversation = session.conversation(roomId);
    QAbstractItemModelTester tester(conversation,
        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(conversation->historyLoaded());

    session.sendMessage(roomId, u"status?"_s);
    QCOMPARE(conversation->rowCount(), 1);
    QCOMPARE(lastStatus(conversation), Status::Pending);
    QTRY_COMPARE(lastStatus(conversation), Status::Sent);
    QCOMPARE(conversation->index(0).data(ConversationModel::SeqRole).toLongLong(), 1);
    bob.request({ { "type"_L1, "markDelivered"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, 1 } });
    QTRY_COMPARE(lastStatus(conversation), Status::Delivered);
    bob.request({ { "type"_L1, "markRead"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, 1 } });
    QTRY_COMPARE(lastStatus(conversation), Status::Read);
    QCOMPARE(conversation->rowCount(), 1); // the pending copy was replaced, not duplicated
}

void TestChatSession::readByInGroup()
{
    ChatClient client;
    ChatSession session(&client);
    QVERIFY(signUp(client, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    TestClient carol;
    QVERIFY(bob.open(m_server.url()));
    QVERIFY(carol.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    carol.registerUser(uniqueName(u"carol"_s));
    QSignalSpy opened(&session, &ChatSession::roomOpened);
    client.createGroup(u"Team"_s, { bob.userId(), carol.userId() });
    QTRY_COMPARE(opened.size(), 1);
    const QString roomId = opened.at(0).at(0).toString();
    ConversationModel *conversation = session.conversation(roomId);
    QAbstractItemModelTester tester(conversation,
        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(conversation->rowCount(), 3); // three memberJoined notes
    QVERIFY(!conversation->index(0).data(ConversationModel::NoteRole).toString().isEmpty());

    session.sendMessage(roomId, u"hello team"_s);
    QTRY_COMPARE(lastStatus(conversation), Status::Sent);
    const qint64 seq = conversation->newestSeq();
    QCOMPARE(seq, 4);
    const QModelIndex message = conversation->index(3);
    QCOMPARE(message.data(ConversationModel::OthersCountRole).toInt(), 2);
    bob.request({ { "type"_L1, "markRead"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, seq } });
    QTRY_COMPARE(conversation->index(3).data(ConversationModel::ReadByCountRole).toInt(), 1);
    QCOMPARE(lastStatus(conversation), Status::Sent);
    carol.request({ { "type"_L1, "markRead"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, seq } });
    QTRY_COMPARE(lastStatus(conversation), Status::Read);
    QCOMPARE(conversation->index(3).data(ConversationModel::ReadByNamesRole).toStringList().size(), 2);

    // Messages from others carry the sender's name at the start of each run.
    sendAs(bob, roomId, u"hi"_s);
    QTRY_COMPARE(conversation->rowCount(), 5);
    QVERIFY(conversation->index(4).data(ConversationModel::ShowSenderRole).toBool());
}

void TestChatSession::historyPaging()
{
    ChatClient client;
    ChatSession session(&client);
    session.setHistoryPageSize(10);
    QVERIFY(signUp(client, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = ProtocolSteps::openDirect(bob, client.userId());
    for (int i = 1; i <= 18; ++i)
        sendAs(bob, roomId, u"m"_s + QString::number(i));
    QTRY_COMPARE(session.rooms()->totalUnread(), 18);

    ConversationModel *conversation = session.conversation(roomId);
    QAbstractItemModelTester tester(conversation,
        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(conversation->rowCount(), 10);
    QCOMPARE(conversation->oldestSeq(), 9);
    QVERIFY(conversation->hasMoreBefore());
    session.loadOlder(roomId);
    QTRY_COMPARE(conversation->rowCount(), 18);
    QTRY_VERIFY(!conversation->hasMoreBefore());
    for (int row = 0; row < 18; ++row)
        QCOMPARE(conversation->index(row).data(ConversationModel::SeqRole).toLongLong(), row + 1);
}

void TestChatSession::typing()
{
    ChatClient client;
    ChatSession session(&client);
    QVERIFY(signUp(client, m_server.url(), uniqueName(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    const QString bobName = uniqueName(u"bob"_s);
    bob.registerUser(bobName);
    const QString roomId = ProtocolSteps::openDirect(bob, client.userId());
    QTRY_COMPARE(session.rooms()->rowCount(), 1);
    bob.request({ { "type"_L1, "typing"_L1 }, { "roomId"_L1, roomId }, { "typing"_L1, true } });
    QTRY_COMPARE(session.typingNames(roomId), QStringList { bobName });
    bob.request({ { "type"_L1, "typing"_L1 }, { "roomId"_L1, roomId }, { "typing"_L1, false } });
    QTRY_VERIFY(session.typingNames(roomId).isEmpty());

    // Alice typing reaches Bob, and stops when she sends.
    session.userTyped(roomId);
    QVERIFY(!bob.waitFor([](const QJsonObject &f) {
                    return f.value("type"_L1).toString() == "typing"_L1 && f.value("typing"_L1).toBool();
                }).isEmpty());
    session.sendMessage(roomId, u"done"_s);
    QVERIFY(!bob.waitFor([](const QJsonObject &f) {
                    return f.value("type"_L1).toString() == "typing"_L1 && !f.value("typing"_L1).toBool();
                }).isEmpty());
}

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
