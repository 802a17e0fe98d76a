#pragma once

#include <protocol/usersummary.h>

#include <QDialog>
#include <QHash>
#include <QTimer>

class QLineEdit;
class QListWidget;
class QDialogButtonBox;

namespace Confab {

class ChatClient;

// Finds people by name (findUsers, as you type) and lets you pick one or several; with a
// name field it is the "new group" dialog. Used for new chats, new groups, adding members.
class UserPickerDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Single, Multiple, Group };

    UserPickerDialog(ChatClient *client, Mode mode, QWidget *parent = nullptr);

    QStringList selectedUserIds() const;
    QString groupName() const;
    QLineEdit *searchField() const { return m_search; }
    QLineEdit *nameField() const { return m_name; }
    QListWidget *resultList() const { return m_results; }

private:
    void showResults(const QString &query, const QList<UserSummary> &users);
    void updateOk();

    ChatClient *m_client;
    Mode m_mode;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_search;
    QListWidget *m_results;
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    QHash<QString, UserSummary> m_checked;
};

} // namespace Confab
