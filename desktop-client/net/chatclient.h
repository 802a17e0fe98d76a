#pragma once

#include "net/attachmentcache.h"
#include "net/connection.h"
#include "net/downloadmanager.h"
#include "net/filetosend.h"
#include "net/outbox.h"
#include "net/outboxsender.h"
#include "net/session.h"
#include "net/uploadmanager.h"
#include "sync/historysync.h"
#include "sync/markersync.h"
#include "sync/requestpacer.h"
#include "sync/roomlisting.h"

#include <protocol/event.h>
#include <protocol/room.h>
#include <protocol/usersummary.h>

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Confab {

// The protocol client of the desktop app: signs in, keeps the session alive across
// network failures (reconnect, resume, catch up every room), sends through a persistent
// outbox, and turns server frames into typed signals. No widgets.
class ChatClient : public QObject {
    Q_OBJECT
public:
    enum class Status { SignedOut, SigningIn, Online, Connecting, Offline };
    Q_ENUM(Status)

    explicit ChatClient(QObject *parent = nullptr);

    Status status() const { return m_status; }
    Session session() const { return m_session; }
    QString userId() const { return m_session.userId; }
    Connection *connection() { return &m_connection; }
    const Outbox &outbox() const { return m_outbox; }
    UploadManager *uploads() { return &m_uploads; }
    DownloadManager *downloads() { return &m_downloads; }
    AttachmentCache *attachmentCache() { return &m_cache; }
    // Where outboxes are kept; empty: in memory only. Defaults to AppDataLocation.
    void setOutboxDirectory(const QString &dir)
    {
        m_outboxDir = dir;
        m_outboxDirSet = true;
    }

    void signIn(const QUrl &url, const QString &username, const QString &password,
        bool createAccount, const QString &displayName = {});
    // Starts with a stored session: queued messages load at once, the server is contacted
    // in the background and retried until it answers.
    void resume(const Session &session);
    void signOut();

    // Queues a message and returns its clientMsgId; it is sent now or after reconnecting.
    QString sendMessage(const QString &roomId, const QString &text, qint64 replyTo = 0);
    // Queues a message with a file; the file is uploaded first (see UploadManager).
    QString sendFile(const QString &roomId, const FileToSend &file);
    // A message the server refused for good: send it again, or drop it for ever.
    void retryMessage(const QString &clientMsgId) { m_sender.retry(clientMsgId); }
    void discardMessage(const QString &clientMsgId);
    // `before` <= 0 and `after` < 0 leave the bound out; with neither: the newest page.
    void fetchHistory(const QString &roomId, qint64 before, qint64 after, int limit = 50)
    {
        m_history.fetch(roomId, before, after, limit);
    }
    void markRead(const QString &roomId, qint64 seq) { m_markers.markRead(roomId, seq); }
    // Batched (see MarkerSync).
    void markDelivered(const QString &roomId, qint64 seq) { m_markers.markDelivered(roomId, seq); }
    const HistorySync &historySync() const { return m_history; }
    const RequestPacer *pacer() const { return &m_pacer; }
    const OutboxSender *outboxSender() const { return &m_sender; }
    const MarkerSync &markers() const { return m_markers; }
    void setTyping(const QString &roomId, bool typing);
    void listRooms();
    void openDirect(const QString &userId);
    void createGroup(const QString &name, const QStringList &userIds);
    void addMembers(const QString &roomId, const QStringList &userIds);
    void removeMember(const QString &roomId, const QString &userId);
    void renameRoom(const QString &roomId, const QString &name);
    void block(const QString &userId);
    void unblock(const QString &userId);
    void findUsers(const QString &query);

Q_SIGNALS:
    void statusChanged(Confab::ChatClient::Status status);
    // A session is in use: after a successful sign-in, or at once when resuming one.
    void signedIn(const Confab::Session &session);
    void signInFailed(const QString &code, const QString &message);
    void signedOut();
    void sessionExpired();
    void roomsListed(const QList<Confab::Room> &rooms);
    void roomOpened(const Confab::Room &room); // the reply to openDirect or createGroup
    void roomAdded(const Confab::Room &room);
    void roomRemoved(const QString &roomId);
    void eventReceived(const Confab::Event &event);
    void messageQueued(const Confab::OutboxEntry &entry);
    void messageSent(const Confab::Event &event);
    void messageFailed(const QString &clientMsgId, const QString &roomId, const QString &code,
        const QString &message);
    void messageRetrying(const QString &clientMsgId, const QString &roomId);
    void messageDiscarded(const QString &clientMsgId, const QString &roomId);
    void historyReceived(
        const QString &roomId, const QList<Confab::Event> &events, bool hasMore, bool older);
    // A page asked for with fetchHistory() did not come (see HistorySync::fetchFailed).
    void historyFailed(const QString &roomId, bool older, const QString &code);
    void receiptReceived(
        const QString &roomId, const QString &userId, qint64 deliveredSeq, qint64 readSeq);
    void unreadChanged(const QString &roomId, qint64 unread);
    void presenceChanged(const QString &userId, bool online, qint64 lastSeen);
    void typingReceived(const QString &roomId, const QString &userId, bool typing);
    void usersFound(const QString &query, const QList<Confab::UserSummary> &users);
    void requestFailed(const QString &request, const QString &code, const QString &message);

private:
    void setStatus(Status status);
    void onConnected();
    void onConnectionStateChanged(Connection::State state);
    void onDisconnected(int closeCode);
    void authenticate();
    void onAuthReply(const QJsonObject &reply);
    void onPush(const QJsonObject &frame);
    void onEvent(const Event &event);
    void simpleRequest(const QString &type, const QJsonObject &fields);
    void roomRequest(const QString &type, const QJsonObject &fields); // replied to with a room
    void loadOutbox();
    void queue(OutboxEntry &entry); // gives it its clientMsgId
    void setTransfersReady(bool ready);

    Connection m_connection;
    Outbox m_outbox;
    OutboxSender m_sender;
    AttachmentCache m_cache;
    UploadManager m_uploads;
    DownloadManager m_downloads;
    Status m_status = Status::SignedOut;
    Session m_session;
    QJsonObject m_pendingAuth; // the register/login request of a first sign-in
    QString m_outboxDir;
    bool m_outboxDirSet = false;
    RequestPacer m_pacer;
    HistorySync m_history;
    MarkerSync m_markers;
    QTimer m_listRoomsRetry;
    RoomListing m_listing;
};

} // namespace Confab
