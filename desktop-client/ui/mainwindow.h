#pragma once

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace Confab {

class ChatSession;
class ConversationView;
class RoomListPanel;

// Rooms on the left, the open conversation on the right, the connection state below.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ChatSession *session, QWidget *parent = nullptr);

    RoomListPanel *roomPanel() const { return m_rooms; }
    ConversationView *conversation() const { return m_conversation; }
    QLabel *connectionLabel() const { return m_connection; }
    void openRoom(const QString &roomId);
    QString currentRoomId() const { return m_currentRoom; }

Q_SIGNALS:
    void signOutRequested();
    void languageChosen(const QString &language);

private:
    void buildMenus();
    void updateTitle();
    void updateConnection();
    void newChat();
    void newGroup();
    void showRoomInfo(const QString &roomId);

    ChatSession *m_session;
    RoomListPanel *m_rooms;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    ConversationView *m_conversation;
    QLabel *m_connection;
    QLabel *m_user;
    QString m_currentRoom;
    QString m_pendingOpen; // a room to open once the server has told us about it
};

} // namespace Confab
