#pragma once

#include "models/attachmentstate.h"
#include "models/conversationmodel.h"
#include "models/drafts.h"
#include "models/roomlistmodel.h"
#include "net/chatclient.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Confab {

// The state the windows show, kept up to date from a ChatClient: the room list, one
// conversation model per opened room, who is typing. Also decides which receipts to send.
class ChatSession : public QObject {
    Q_OBJECT
public:
    explicit ChatSession(ChatClient *client, QObject *parent = nullptr);

    ChatClient *client() const { return m_client; }
    RoomListModel *rooms() { return &m_rooms; }
    Drafts *drafts() { return &m_drafts; }
    // The conversation of a room; created (and its newest history requested) on first use.
    ConversationModel *conversation(const QString &roomId);
    ConversationModel *existingConversation(const QString &roomId) const;

    void loadOlder(const QString &roomId);
    void setHistoryPageSize(int size) { m_historyPage = size; }
    QString sendMessage(const QString &roomId, const QString &text, qint64 replyTo = 0);
    // Sends a file; see ChatClient::sendFile.
    QString sendFile(const QString &roomId, const FileToSend &file);
    AttachmentState *attachments() { return &m_attachments; }
    // Reports everything up to `seq` read, once per new position.
    void markRead(const QString &roomId, qint64 seq);
    // Call on every keystroke in the composer; sends typing true/false at a sane rate.
    void userTyped(const QString &roomId);
    void stopTyping();
    QStringList typingNames(const QString &roomId) const;
    QString displayName(const QString &userId) const { return m_rooms.displayName(userId); }

Q_SIGNALS:
    void typingChanged(const QString &roomId);
    // A message from someone else arrived live (for notifications).
    void messageArrived(const QString &roomId, const QString &sender, const QString &text);
    void roomOpened(const QString &roomId);

private:
    void reset();
    void onRoomsListed(const QList<Room> &rooms);
    void onEvent(const Event &event);
    void onHistory(const QString &roomId, const QList<Event> &events, bool hasMore, bool older);
    void onReceipt(const QString &roomId, const QString &userId, qint64 delivered, qint64 read);
    void onTyping(const QString &roomId, const QString &userId, bool typing);
    void expireTyping();
    void syncRoom(const QString &roomId);
    void reportDelivered(const QString &roomId, const QList<Event> &events);

    ChatClient *m_client;
    RoomListModel m_rooms;
    Drafts m_drafts;
    AttachmentState m_attachments;
    QHash<QString, ConversationModel *> m_conversations;
    QHash<QString, qint64> m_readSent;
    QHash<QString, QHash<QString, qint64>> m_typing; // room -> user -> expiry (ms)
    QTimer m_typingExpiry;
    QString m_typingRoom;
    qint64 m_typingSentAt = 0;
    QTimer m_typingStop;
    QTimer m_refreshRooms;
    int m_historyPage = 50;
};

} // namespace Confab
