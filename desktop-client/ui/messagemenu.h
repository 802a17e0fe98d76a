#pragma once

#include <QObject>

class QListView;
class QMenu;
class QModelIndex;
class QWidget;

namespace Confab {

class ChatSession;

// The right-click menu of a message in a conversation: Reply for a message in the log, Copy
// for any message with text, and Retry and Delete for one of the user's own that the server
// refused.
class MessageMenu : public QObject {
    Q_OBJECT
public:
    MessageMenu(ChatSession *session, QListView *list);

    // The menu for the message at `index` (null when it offers nothing); the caller owns it.
    QMenu *menuFor(const QModelIndex &index, QWidget *parent);

Q_SIGNALS:
    void replyRequested(qint64 seq, const QString &senderName, const QString &text);

private:
    ChatSession *m_session;
    QListView *m_list;
};

} // namespace Confab
