#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QToolButton;
class QPushButton;

namespace Confab {

class AttachmentActions;
class ChatSession;
class Composer;
class ConversationModel;
class MessageDelegate;
class MessageMenu;
class ReplyBar;
class ThumbnailCache;
class VoiceRecordBar;

// The right side of the main window: header (name, members, who is online), the message
// list, who is typing, and the composer with its file and voice buttons. Loads older history
// when scrolled to the top, marks what is visible in an active window as read, and sends
// files dropped onto it.
class ConversationView : public QWidget {
    Q_OBJECT
public:
    explicit ConversationView(ChatSession *session, QWidget *parent = nullptr);

    void setRoom(const QString &roomId);
    QString roomId() const { return m_roomId; }
    QListView *messageList() const { return m_list; }
    Composer *composer() const { return m_composer; }
    QLabel *typingLabel() const { return m_typing; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *subtitleLabel() const { return m_subtitle; }
    QToolButton *attachButton() const { return m_attachButton; }
    QToolButton *recordButton() const { return m_recordButton; }
    AttachmentActions *attachmentActions() const { return m_actions; }
    MessageDelegate *messageDelegate() const { return m_delegate; }
    MessageMenu *messageMenu() const { return m_menu; }
    ReplyBar *replyBar() const { return m_replyBar; }

Q_SIGNALS:
    void roomInfoRequested(const QString &roomId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void updateHeader();
    void updateTyping();
    void onScrolled(int value);
    void markVisibleRead();
    void scrollToBottomIfFollowing();
    void send(const QString &text);
    QWidget *buildComposerBox();
    void setRecording(bool recording);
    void updateCursor(const QPoint &pos);

    ChatSession *m_session;
    QString m_roomId;
    QPointer<ConversationModel> m_model;
    QLabel *m_avatar;
    QLabel *m_title;
    QLabel *m_subtitle;
    QToolButton *m_infoButton;
    QListView *m_list;
    QLabel *m_typing;
    Composer *m_composer;
    QPushButton *m_sendButton;
    QToolButton *m_attachButton;
    QToolButton *m_recordButton;
    VoiceRecordBar *m_recordBar;
    QLabel *m_dropHint;
    ThumbnailCache *m_thumbnails;
    MessageDelegate *m_delegate;
    AttachmentActions *m_actions;
    MessageMenu *m_menu;
    ReplyBar *m_replyBar;
    bool m_following = true; // stick to the newest message
    int m_distanceFromBottom = 0;
    bool m_prepending = false;
};

} // namespace Confab
