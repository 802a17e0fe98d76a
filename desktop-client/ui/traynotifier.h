#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace Confab {

class ChatSession;

// The tray icon with the total unread count, and a notification for a new message while
// the main window is not active.
class TrayNotifier : public QObject {
    Q_OBJECT
public:
    TrayNotifier(ChatSession *session, QWidget *window, QObject *parent = nullptr);

    static QIcon iconFor(qint64 unread);
    int notificationCount() const { return m_notifications; }

private:
    void updateIcon(qint64 unread);
    void notify(const QString &roomId, const QString &sender, const QString &text);

    ChatSession *m_session;
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    int m_notifications = 0;
};

} // namespace Confab
