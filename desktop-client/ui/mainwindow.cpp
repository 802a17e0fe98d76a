#include "ui/mainwindow.h"

#include "models/chatsession.h"
#include "net/errortext.h"
#include "ui/composer.h"
#include "ui/conversationview.h"
#include "ui/roominfodialog.h"
#include "ui/roomlistpanel.h"
#include "ui/userpickerdialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace Confab {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(ChatSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setObjectName(u"mainWindow"_s);
    m_rooms = new RoomListPanel(session->rooms(), this);
    m_rooms->setMinimumWidth(240);
    m_conversation = new ConversationView(session, this);
    m_placeholder = new QLabel(tr("Select a chat to start messaging"), this);
    m_placeholder->setObjectName(u"placeholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_conversation);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_rooms);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 300, 600 });
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_connection = new QLabel(this);
    m_connection->setObjectName(u"connectionLabel"_s);
    m_user = new QLabel(this);
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_user);
    buildMenus();
    resize(980, 680);

    connect(m_rooms, &RoomListPanel::roomSelected, this, &MainWindow::openRoom);
    connect(m_rooms, &RoomListPanel::newChatRequested, this, &MainWindow::newChat);
    connect(m_rooms, &RoomListPanel::newGroupRequested, this, &MainWindow::newGroup);
    connect(m_conversation, &ConversationView::roomInfoRequested, this, &MainWindow::showRoomInfo);
    RoomListModel *rooms = session->rooms();
    connect(rooms, &RoomListModel::totalUnreadChanged, this, &MainWindow::updateTitle);
    connect(rooms, &QAbstractItemModel::modelReset, this, [this] {
        // The list was replaced (sign-in, reconnect): keep the open room selected.
        const QString room = !m_pendingOpen.isEmpty() ? m_pendingOpen : m_currentRoom;
        if (!room.isEmpty() && m_session->rooms()->room(room))
            m_rooms->selectRoom(room);
    });
    connect(rooms, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_pendingOpen.isEmpty() && m_session->rooms()->room(m_pendingOpen))
            m_rooms->selectRoom(std::exchange(m_pendingOpen, QString()));
    });
    connect(rooms, &RoomListModel::roomChanged, this, [this](const QString &roomId) {
        if (roomId == m_pendingOpen)
            m_rooms->selectRoom(std::exchange(m_pendingOpen, QString()));
    });
    connect(session, &ChatSession::roomOpened, this, [this](const QString &roomId) {
        m_pendingOpen = roomId;
        m_rooms->selectRoom(roomId);
    });
    connect(rooms, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_currentRoom.isEmpty() && !m_session->rooms()->room(m_currentRoom)) {
            m_currentRoom.clear();
            m_stack->setCurrentWidget(m_placeholder);
        }
    });
    ChatClient *client = session->client();
    connect(client, &ChatClient::statusChanged, this, &MainWindow::updateConnection);
    connect(client->connection(), &Connection::reconnectScheduled, this, &MainWindow::updateConnection);
    connect(client, &ChatClient::requestFailed, this,
        [this](const QString &, const QString &code, const QString &message) {
            statusBar()->showMessage(errorText(code, message), 8000);
        });
    updateTitle();
    updateConnection();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Chat"));
    QAction *newChat = file->addAction(tr("&New chat…"), this, &MainWindow::newChat);
    newChat->setShortcut(QKeySequence::New);
    QAction *newGroup = file->addAction(tr("New &group…"), this, &MainWindow::newGroup);
    newGroup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *jump = file->addAction(tr("&Jump to room…"), m_rooms, &RoomListPanel::focusSearch);
    jump->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *info = file->addAction(tr("Room &info…"), this,
        [this] {
            if (!m_currentRoom.isEmpty())
                showRoomInfo(m_currentRoom);
        });
    info->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addSeparator();
    file->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QCoreApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = settings->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    const QString current = QSettings().value("language"_L1).toString();
    const QList<std::pair<QString, QString>> languages { { QString(), tr("System default") },
        { u"en"_s, u"English"_s }, { u"de"_s, u"Deutsch"_s }, { u"zh_CN"_s, u"简体中文"_s } };
    for (const auto &[code, name] : languages) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue("language"_L1, code);
            QMessageBox::information(this, tr("Language"),
                tr("The new language is used after restarting Confab."));
            Q_EMIT languageChosen(code);
        });
    }
}

void MainWindow::openRoom(const QString &roomId)
{
    if (roomId.isEmpty() || !m_session->rooms()->room(roomId))
        return;
    if (m_rooms->currentRoomId() != roomId)
        m_rooms->selectRoom(roomId);
    m_currentRoom = roomId;
    m_conversation->setRoom(roomId);
    m_stack->setCurrentWidget(m_conversation);
    m_conversation->composer()->setFocus();
}

void MainWindow::updateTitle()
{
    const qint64 unread = m_session->rooms()->totalUnread();
    setWindowTitle(unread > 0 ? tr("(%1) Confab").arg(unread) : tr("Confab"));
}

void MainWindow::updateConnection()
{
    ChatClient *client = m_session->client();
    const Session session = client->session();
    m_user->setText(session.displayName.isEmpty() ? session.username : session.displayName);
    switch (client->status()) {
    case ChatClient::Status::Online:
        m_connection->setText(u"● "_s + tr("Connected"));
        m_connection->setStyleSheet(u"color: #16a34a;"_s);
        break;
    case ChatClient::Status::Connecting:
    case ChatClient::Status::SigningIn:
        m_connection->setText(u"● "_s + tr("Reconnecting…"));
        m_connection->setStyleSheet(u"color: #d97706;"_s);
        break;
    case ChatClient::Status::Offline:
        m_connection->setText(u"● "_s
            + tr("Offline – retrying in %n s", nullptr,
                std::max(1, client->connection()->nextReconnectDelayMs() / 1000)));
        m_connection->setStyleSheet(u"color: #dc2626;"_s);
        break;
    case ChatClient::Status::SignedOut:
        m_connection->setText(u"● "_s + tr("Signed out"));
        m_connection->setStyleSheet(u"color: #6b7280;"_s);
        break;
    }
}

void MainWindow::newChat()
{
    UserPickerDialog dialog(m_session->client(), UserPickerDialog::Mode::Single, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedUserIds().isEmpty())
        m_session->client()->openDirect(dialog.selectedUserIds().constFirst());
}

void MainWindow::newGroup()
{
    UserPickerDialog dialog(m_session->client(), UserPickerDialog::Mode::Group, this);
    if (dialog.exec() == QDialog::Accepted)
        m_session->client()->createGroup(dialog.groupName(), dialog.selectedUserIds());
}

void MainWindow::showRoomInfo(const QString &roomId)
{
    RoomInfoDialog dialog(m_session, roomId, this);
    dialog.exec();
}

} // namespace Confab
