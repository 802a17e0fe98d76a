#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace Confab {

class ChatSession;

// Members with presence; rename, add and remove (owner), leave; block and unblock people.
class RoomInfoDialog : public QDialog {
    Q_OBJECT
public:
    RoomInfoDialog(ChatSession *session, const QString &roomId, QWidget *parent = nullptr);

    QListWidget *memberList() const { return m_members; }

private:
    void refresh();
    QString selectedUserId() const;
    void updateButtons();
    void addPeople();
    void setBlocked(bool blocked);

    ChatSession *m_session;
    QString m_roomId;
    QLineEdit *m_name;
    QPushButton *m_rename;
    QListWidget *m_members;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_block;
    QPushButton *m_unblock;
    QPushButton *m_leave;
};

} // namespace Confab
