// The real windows, driven with QTest against the real server: sign-in errors, sign in,
// open a room, type and press Enter, and watch the bubble go from pending to read.

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include "app/appcontroller.h"
#include "net/errortext.h"
#include "ui/composer.h"
#include "ui/conversationview.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/messagemenu.h"
#include "ui/replybar.h"
#include "ui/roomlistpanel.h"
#include "ui/signinwindow.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;
using Status = ConversationModel::Status;

class TestDesktopWidgets : public QObject {
    Q_OBJECT
public:
    static void initMain() { useTemporaryHome(); }

private Q_SLOTS:
    void initTestCase();
    void signInErrors_data();
    void signInErrors();
    void chatFromSignInToRead();
    void draftsStayPerRoomAndAcrossRestarts();
    void replyFromTheMessageMenu();

private:
    static void fillSignIn(
        SignInWindow *window, const QUrl &url, const QString &user, const QString &password)
    {
        window->serverField()->setText(url.toString());
        window->usernameField()->setText(user);
        window->passwordField()->setText(password);
    }

    // Starts `app` and registers a new user in its sign-in window; true once the main window
    // shows.
    bool registerThroughWindows(AppController &app)
    {
        app.start();
        if (!QTest::qWaitFor(
                [&app] { return app.signInWindow() && app.signInWindow()->isVisible(); }, 15000))
            return false;
        fillSignIn(app.signInWindow(), m_server.url(), uniqueName(u"alice"_s), password());
        QTest::mouseClick(app.signInWindow()->registerButton(), Qt::LeftButton);
        return QTest::qWaitFor(
            [&app] { return app.mainWindow() && app.mainWindow()->isVisible(); }, 30000);
    }

    ServerProcess m_server;
    AppController::Options m_options;
};

void TestDesktopWidgets::initTestCase()
{
    QCoreApplication::setOrganizationName(u"ConfabTest"_s);
    QCoreApplication::setApplicationName(u"confab-desktop-test"_s);
    m_options.useKeychain = false;
    QVERIFY(m_server.start());
}

void TestDesktopWidgets::signInErrors_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("createAccount");
    QTest::addColumn<QString>("code");
    QTest::addRow("wrong password")
        << u"nobody"_s << u"not the password"_s << false << u"auth_failed"_s;
    QTest::addRow("weak password") << u"newcomer"_s << u"short"_s << true << u"weak_password"_s;
}

void TestDesktopWidgets::signInErrors()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(bool, createAccount);
    QFETCH(QString, code);
    AppController app(m_options);
    app.start();
    QTRY_VERIFY(app.signInWindow() && app.signInWindow()->isVisible());
    SignInWindow *window = app.signInWindow();
    fillSignIn(window, m_server.url(), username, password);
    QTest::mouseClick(
        createAccount ? window->registerButton() : window->signInButton(), Qt::LeftButton);
    QVERIFY(!window->signInButton()->isEnabled()); // busy, not blocked
    QTRY_COMPARE(window->errorText(), errorText(code));
    QVERIFY(window->signInButton()->isEnabled());
    QVERIFY(!app.mainWindow());
}

void TestDesktopWidgets::chatFromSignInToRead()
{
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    const QString bobName = uniqueName(u"bob"_s);
    bob.registerUser(bobName);

    AppController app(m_options);
    app.start();
    QTRY_VERIFY(app.signInWindow() && app.signInWindow()->isVisible());
    fillSignIn(app.signInWindow(), m_server.url(), uniqueName(u"alice"_s), password());
    QTest::mouseClick(app.signInWindow()->registerButton(), Qt::LeftButton);
    QTRY_VERIFY(app.mainWindow() && app.mainWindow()->isVisible());
    QVERIFY(!app.signInWindow()->isVisible());
    MainWindow *main = app.mainWindow();
    main->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(main));

    // Bob starts a chat and writes; the room shows up with an unread badge.
    const QString roomId = ProtocolSteps::openDirect(bob, app.client()->userId());
    bob.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
        { "clientMsgId"_L1, u"b-hello"_s }, { "text"_L1, u"Hello Alice"_s } });
    QListView *rooms = main->roomPanel()->roomList();
    QTRY_COMPARE(rooms->model()->rowCount(), 1);
    QTRY_COMPARE(main->windowTitle(), u"(1) Confab"_s);

    // Open it with a click: the message is visible in an active window, so it is read.
    QTest::mouseClick(rooms->viewport(), Qt::LeftButton, {},
        rooms->visualRect(rooms->model()->index(0, 0)).center());
    QTRY_COMPARE(main->currentRoomId(), roomId);
    ConversationView *view = main->conversation();
    QAbstractItemModel *messages = view->messageList()->model();
    QTRY_COMPARE(messages->rowCount(), 1);
    QCOMPARE(view->titleLabel()->text(), bobName);
    const QJsonObject receipt = bob.waitFor([](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == "receipt"_L1
            && frame.value("readSeq"_L1).toInteger() == 1;
    });
    QVERIFY(!receipt.isEmpty());
    QTRY_COMPARE(main->windowTitle(), u"Confab"_s);

    // Bob types: the typing line says so.
    bob.request({ { "type"_L1, "typing"_L1 }, { "roomId"_L1, roomId }, { "typing"_L1, true } });
    QTRY_VERIFY(view->typingLabel()->text().contains(bobName));

    // Shift+Enter is a new line, Enter sends.
    Composer *composer = view->composer();
    QTest::keyClicks(composer, u"Hi Bob"_s);
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, u"how are you?"_s);
    QCOMPARE(messages->rowCount(), 1);
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(composer->toPlainText().isEmpty());
    QCOMPARE(messages->rowCount(), 2);
    const auto status = [messages] {
        return Status(messages->index(1, 0).data(ConversationModel::StatusRole).toInt());
    };
    QCOMPARE(status(), Status::Pending);
    QCOMPARE(messages->index(1, 0).data(ConversationModel::TextRole).toString(),
        u"Hi Bob\nhow are you?"_s);
    const QJsonObject event = bob.waitFor(
        [](const QJsonObject &frame) { return frame.value("type"_L1).toString() == "event"_L1; });
    QCOMPARE(
        event.value("event"_L1).toObject().value("text"_L1).toString(), u"Hi Bob\nhow are you?"_s);
    QTRY_COMPARE(status(), Status::Sent);
    bob.request({ { "type"_L1, "markRead"_L1 }, { "roomId"_L1, roomId }, { "seq"_L1, 2 } });
    QTRY_COMPARE(status(), Status::Read);
    QCOMPARE(MessageDelegate::statusText(messages->index(1, 0)), MessageDelegate::tr("Read"));

    // Signing out returns to the sign-in window.
    QSignalSpy signedOut(app.client(), &ChatClient::signedOut);
    Q_EMIT main->signOutRequested();
    QCOMPARE(signedOut.size(), 1);
    QTRY_VERIFY(app.signInWindow()->isVisible());
    QVERIFY(!main->isVisible());
}

void TestDesktopWidgets::draftsStayPerRoomAndAcrossRestarts()
{
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    QString direct;
    QString group;
    {
        AppController app(m_options);
        QVERIFY(registerThroughWindows(app));
        MainWindow *main = app.mainWindow();
        direct = ProtocolSteps::openDirect(bob, app.client()->userId());
        group = ProtocolSteps::createGroup(bob, u"Drafts"_s, { app.client()->userId() });
        QTRY_COMPARE_WITH_TIMEOUT(main->roomPanel()->roomList()->model()->rowCount(), 2, 15000);

        Composer *composer = main->conversation()->composer();
        main->openRoom(direct);
        QTest::keyClicks(composer, u"half a thought"_s);
        main->openRoom(group);
        QVERIFY(composer->toPlainText().isEmpty());
        QTest::keyClicks(composer, u"for the group"_s);
        main->openRoom(direct);
        QCOMPARE(composer->toPlainText(), u"half a thought"_s);
        main->openRoom(group);
        QCOMPARE(composer->toPlainText(), u"for the group"_s);
        QTest::keyClick(composer, Qt::Key_Return); // sent: no draft left
        QVERIFY(composer->toPlainText().isEmpty());
    } // the app quits

    AppController again(m_options);
    again.start(); // resumes the stored session
    QTRY_VERIFY_WITH_TIMEOUT(again.mainWindow() && again.mainWindow()->isVisible(), 30000);
    MainWindow *main = again.mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(main->roomPanel()->roomList()->model()->rowCount(), 2, 15000);
    main->openRoom(direct);
    QCOMPARE(main->conversation()->composer()->toPlainText(), u"half a thought"_s);
    main->openRoom(group);
    QVERIFY(main->conversation()->composer()->toPlainText().isEmpty());

    // Signing out forgets them.
    const QString draftKey = u"drafts/"_s + again.client()->userId() + u"/"_s + direct;
    QVERIFY(QSettings().contains(draftKey));
    Q_EMIT main->signOutRequested();
    QTRY_VERIFY_WITH_TIMEOUT(again.signInWindow()->isVisible(), 15000);
    QVERIFY(!QSettings().contains(draftKey));
}

void TestDesktopWidgets::replyFromTheMessageMenu()
{
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    AppController app(m_options);
    QVERIFY(registerThroughWindows(app));
    MainWindow *main = app.mainWindow();
    const QString roomId = ProtocolSteps::openDirect(bob, app.client()->userId());
    ProtocolSteps::sendMessage(bob, roomId, u"Lunch at noon?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(main->roomPanel()->roomList()->model()->rowCount(), 1, 15000);
    main->openRoom(roomId);
    ConversationView *view = main->conversation();
    QAbstractItemModel *messages = view->messageList()->model();
    QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 1, 15000);

    std::unique_ptr<QMenu> menu(view->messageMenu()->menuFor(messages->index(0, 0), nullptr));
    QVERIFY(menu);
    QAction *reply = nullptr;
    for (QAction *action : menu->actions())
        reply = action->objectName() == "replyAction"_L1 ? action : reply;
    QVERIFY(reply);
    reply->trigger();
    QVERIFY(view->replyBar()->isVisibleTo(view));
    QVERIFY(view->replyBar()->quoteLabel()->text().contains(u"Lunch at noon?"_s));
    QTest::keyClicks(view->composer(), u"Yes, see you there"_s);
    QTest::keyClick(view->composer(), Qt::Key_Return);
    QVERIFY(!view->replyBar()->isVisibleTo(view));
    const QJsonObject event = bob.waitFor([](const QJsonObject &frame) {
        return frame.value("type"_L1).toString() == "event"_L1
            && frame.value("event"_L1).toObject().value("text"_L1).toString()
            == "Yes, see you there"_L1;
    });
    QCOMPARE(event.value("event"_L1).toObject().value("replyTo"_L1).toInteger(), 1);
    QTRY_COMPARE(messages->rowCount(), 2);
    QCOMPARE(messages->index(1, 0).data(ConversationModel::ReplyTextRole).toString(),
        u"Lunch at noon?"_s);
}

QTEST_MAIN(TestDesktopWidgets)
#include "tst_desktopwidgets.moc"
