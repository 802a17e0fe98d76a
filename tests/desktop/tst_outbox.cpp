// The outbox against the real server: messages written offline in two rooms go out after
// the reconnect in the order written, paced under a small send budget, each exactly once; a
// message the server refuses for good stays, across a restart of the client, shown as not
// sent with Retry and Delete; a corrupt outbox file is kept aside, never overwritten.

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include "models/chatsession.h"
#include "ui/messagemenu.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QListView>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;
using Status = ConversationModel::Status;

namespace {

// The texts of a room's log as `reader` sees it, oldest first.
QStringList textsOf(TestClient &reader, const QString &roomId)
{
    const QJsonObject page = ProtocolSteps::call(
        reader, u"history"_s, { { "roomId"_L1, roomId }, { "limit"_L1, 200 } });
    QStringList texts;
    const QJsonArray events = page.value("events"_L1).toArray();
    for (const QJsonValue &event : events) {
        if (event.toObject().value("kind"_L1).toString() == "message"_L1)
            texts.append(event.toObject().value("text"_L1).toString());
    }
    return texts;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    const QList<QAction *> actions = menu->actions();
    for (QAction *action : actions) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

} // namespace

class TestOutbox : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void offlineMessagesGoOutInOrderPaced();
    void refusedMessageStaysWithRetryAndDelete();
    void corruptFileIsKeptAside();
};

void TestOutbox::offlineMessagesGoOutInOrderPaced()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig("[limits]\nsend_burst=3\nsend_per_second=10\n"));
    QTemporaryDir outboxDir;
    ChatClient alice;
    QVERIFY(signUp(alice, server.url(), uniqueName(u"alice"_s), outboxDir.path()));
    TestClient bob;
    QVERIFY(bob.open(server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString direct = ProtocolSteps::openDirect(bob, alice.userId());
    const QString group = ProtocolSteps::createGroup(bob, u"Outbox"_s, { alice.userId() });
    QVERIFY(!direct.isEmpty() && !group.isEmpty());

    QVERIFY(goOffline(alice));
    QStringList directTexts;
    QStringList groupTexts;
    for (int i = 1; i <= 25; ++i) {
        directTexts.append(u"direct %1"_s.arg(i));
        groupTexts.append(u"group %1"_s.arg(i));
        alice.sendMessage(direct, directTexts.constLast());
        alice.sendMessage(group, groupTexts.constLast());
    }
    QCOMPARE(alice.outbox().entries().size(), 50);

    QSignalSpy sent(&alice, &ChatClient::messageSent);
    QSignalSpy refused(alice.outboxSender(), &OutboxSender::paused);
    alice.connection()->setUrl(server.url());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 50, 30000);
    QVERIFY(alice.outbox().isEmpty());
    QCOMPARE(textsOf(bob, direct), directTexts);
    QCOMPARE(textsOf(bob, group), groupTexts);
    // The budget takes 3 at once and 10 a second: the sender finds it rather than being
    // refused once per message (or, sending everything at once, many times per message).
    QVERIFY2(!refused.isEmpty(), "the budget was never reached");
    QVERIFY2(refused.size() <= 15, qPrintable(QString::number(refused.size())));
    QVERIFY(server.stop());
}

void TestOutbox::refusedMessageStaysWithRetryAndDelete()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig(ProtocolSteps::kLiftedLimits));
    QTemporaryDir outboxDir;
    Session session;
    QString group;
    QString kept;
    const QString aliceName = uniqueName(u"alice"_s);
    TestClient bob;
    {
        ChatClient alice;
        QVERIFY(signUp(alice, server.url(), aliceName, outboxDir.path()));
        QVERIFY(bob.open(server.url()));
        bob.registerUser(uniqueName(u"bob"_s));
        group = ProtocolSteps::createGroup(bob, u"Leaving"_s, { alice.userId() });
        QVERIFY(!group.isEmpty());
        const QUrl url = server.url();
        QVERIFY(goOffline(alice));
        kept = alice.sendMessage(group, u"too late"_s);
        // Bob removes Alice while she is offline: the server refuses the message for good.
        QCOMPARE(ProtocolSteps::outcome(ProtocolSteps::call(bob, u"removeMember"_s,
                     { { "roomId"_L1, group }, { "userId"_L1, alice.userId() } })),
            u"ok"_s);
        QSignalSpy failed(&alice, &ChatClient::messageFailed);
        alice.connection()->setUrl(url);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QCOMPARE(alice.outbox().entries().size(), 1);
        QVERIFY(alice.outbox().entries().constFirst().isFailed());
        session = alice.session();
    } // the client quits with the refused message in its outbox

    ChatClient restarted;
    restarted.setOutboxDirectory(outboxDir.path());
    ChatSession chat(&restarted);
    restarted.resume(session);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.status(), ChatClient::Status::Online, 15000);
    ConversationModel *model = chat.conversation(group);
    QTRY_VERIFY(model->rowCount() >= 1);
    const QModelIndex row = model->index(model->rowCount() - 1);
    QCOMPARE(row.data(ConversationModel::ClientMsgIdRole).toString(), kept);
    QCOMPARE(Status(row.data(ConversationModel::StatusRole).toInt()), Status::Failed);

    QListView list;
    list.setModel(model);
    MessageMenu menus(&chat, &list);
    std::unique_ptr<QMenu> menu(menus.menuFor(row, nullptr));
    QVERIFY(menu);
    QVERIFY(actionNamed(menu.get(), u"copyAction"_s));
    QAction *retry = actionNamed(menu.get(), u"retryAction"_s);
    QVERIFY(retry && actionNamed(menu.get(), u"deleteAction"_s));
    QSignalSpy failedAgain(&restarted, &ChatClient::messageFailed);
    retry->trigger(); // still not a member: refused again, and still there
    QTRY_COMPARE(failedAgain.size(), 1);
    QCOMPARE(
        Status(model->index(model->rowCount() - 1).data(ConversationModel::StatusRole).toInt()),
        Status::Failed);
    menu.reset(menus.menuFor(model->index(model->rowCount() - 1), nullptr));
    actionNamed(menu.get(), u"deleteAction"_s)->trigger();
    QVERIFY(restarted.outbox().isEmpty());
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(!textsOf(bob, group).contains(u"too late"_s));
    QVERIFY(server.stop());
}

void TestOutbox::corruptFileIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"outbox-u.json"_s);
    QVERIFY(writeFile(path, "{\"version\":1,\"messages\":[{\"clientMsgId\":\"d-1\""));
    Outbox outbox;
    QVERIFY(!outbox.load(path));
    QVERIFY(outbox.isEmpty());
    OutboxEntry entry;
    entry.clientMsgId = u"d-2"_s;
    entry.roomId = u"r"_s;
    entry.text = u"new"_s;
    outbox.add(entry);
    outbox.waitForWrites();
    const QStringList aside = QDir(dir.path()).entryList({ u"outbox-u.json.corrupt-*"_s });
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.filePath(aside.constFirst()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY(kept.readAll().contains("d-1"));
    Outbox reloaded;
    QVERIFY(reloaded.load(path));
    QCOMPARE(reloaded.entries().size(), 1);
    QCOMPARE(reloaded.entries().constFirst().clientMsgId, u"d-2"_s);
}

QTEST_MAIN(TestOutbox)
#include "tst_outbox.moc"
