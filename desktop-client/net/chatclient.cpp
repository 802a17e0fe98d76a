#include "net/chatclient.h"

#include "net/clientlogging.h"
#include "net/replyerror.h"

#include <protocol/errorcode.h>
#include <protocol/ids.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QMimeDatabase>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
// Background requests (catch-up pages, markers) unanswered at once: the server answers a
// few in parallel, and a reconnect with many rooms stays within the request budget.
constexpr int kPacedInFlight = 4;
constexpr int kListRoomsRetryMs = 2000;

QJsonArray toArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &value : list)
        array.append(value);
    return array;
}

using ReplyError::isError;
}

ChatClient::ChatClient(QObject *parent)
    : QObject(parent)
    , m_sender(&m_connection, &m_outbox)
    , m_uploads(&m_connection, &m_outbox, &m_cache)
    , m_downloads(&m_connection, &m_cache)
    , m_pacer(&m_connection, kPacedInFlight)
    , m_history(&m_pacer)
    , m_markers(&m_pacer)
{
    qRegisterMetaType<Confab::Session>();
    qRegisterMetaType<Confab::Event>();
    qRegisterMetaType<Confab::Room>();
    connect(&m_connection, &Connection::connected, this, &ChatClient::onConnected);
    connect(&m_connection, &Connection::disconnected, this, &ChatClient::onDisconnected);
    connect(&m_connection, &Connection::stateChanged, this, &ChatClient::onConnectionStateChanged);
    connect(&m_connection, &Connection::pushReceived, this, &ChatClient::onPush);
    connect(&m_history, &HistorySync::received, this, &ChatClient::historyReceived);
    connect(&m_history, &HistorySync::fetchFailed, this, &ChatClient::historyFailed);
    connect(&m_markers, &MarkerSync::unreadChanged, this, &ChatClient::unreadChanged);
    connect(&m_sender, &OutboxSender::messageSent, this, [this](const Event &event) {
        m_history.note(event.roomId, event.seq);
        Q_EMIT messageSent(event);
    });
    connect(&m_sender, &OutboxSender::messageFailed, this, &ChatClient::messageFailed);
    connect(&m_sender, &OutboxSender::messageRetrying, this, &ChatClient::messageRetrying);
    connect(&m_uploads, &UploadManager::uploaded, &m_sender, &OutboxSender::flush);
    m_listRoomsRetry.setSingleShot(true);
    m_listRoomsRetry.setInterval(kListRoomsRetryMs);
    connect(&m_listRoomsRetry, &QTimer::timeout, this, &ChatClient::listRooms);
}

void ChatClient::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

void ChatClient::signIn(const QUrl &url, const QString &username, const QString &password,
    bool createAccount, const QString &displayName)
{
    m_session = Session { url, {}, {}, {}, {} };
    m_pendingAuth = { { "username"_L1, username }, { "password"_L1, password } };
    m_pendingAuth.insert("type"_L1, createAccount ? u"register"_s : u"login"_s);
    if (createAccount && !displayName.isEmpty())
        m_pendingAuth.insert("displayName"_L1, displayName);
    setStatus(Status::SigningIn);
    m_connection.setAutoReconnect(false);
    m_connection.setUrl(url);
    m_connection.open();
}

void ChatClient::resume(const Session &session)
{
    m_session = session;
    m_pendingAuth = {};
    loadOutbox();
    m_sender.setUserId(session.userId);
    setStatus(Status::Connecting);
    Q_EMIT signedIn(m_session);
    m_connection.setAutoReconnect(true);
    m_connection.setUrl(session.serverUrl);
    m_connection.open();
}

void ChatClient::signOut()
{
    if (m_connection.isConnected())
        m_connection.send(u"logout"_s);
    setTransfersReady(false);
    m_uploads.clear();
    m_downloads.clear();
    m_connection.close();
    m_session = {};
    m_history.clear();
    m_markers.clear();
    m_outbox.load({});
    setStatus(Status::SignedOut);
    Q_EMIT signedOut();
}

void ChatClient::loadOutbox()
{
    QString path;
    if (!m_outboxDirSet)
        path = Outbox::defaultPath(m_session.userId);
    else if (!m_outboxDir.isEmpty())
        path = QDir(m_outboxDir).absoluteFilePath(u"outbox-"_s + m_session.userId + u".json"_s);
    if (path != m_outbox.path() || path.isEmpty())
        m_outbox.load(path);
}

void ChatClient::onConnectionStateChanged(Connection::State state)
{
    if (m_status == Status::SignedOut || m_status == Status::SigningIn)
        return;
    if (state == Connection::State::Connecting)
        setStatus(Status::Connecting);
    else if (state == Connection::State::WaitingToReconnect)
        setStatus(Status::Offline);
}

void ChatClient::onConnected()
{
    authenticate();
}

void ChatClient::authenticate()
{
    QJsonObject request = m_pendingAuth;
    QString type = request.take("type"_L1).toString();
    if (type.isEmpty()) {
        type = u"resume"_s;
        request = { { "token"_L1, m_session.token } };
    }
    m_connection.request(
        type, request, this, [this](const QJsonObject &reply) { onAuthReply(reply); });
}

void ChatClient::onAuthReply(const QJsonObject &reply)
{
    const bool firstSignIn = !m_pendingAuth.isEmpty();
    if (isError(reply)) {
        const QString code = reply.value("code"_L1).toString();
        if (code == "offline"_L1)
            return; // the connection dropped; the reconnect authenticates again
        qCInfo(lcClientNet) << "authentication failed:" << code;
        if (firstSignIn) {
            m_pendingAuth = {};
            setStatus(Status::SignedOut);
            m_connection.close();
            Q_EMIT signInFailed(code, reply.value("message"_L1).toString());
        } else if (code == "invalid_token"_L1 || code == "auth_failed"_L1) {
            m_session = {};
            m_history.clear();
            m_markers.clear();
            setStatus(Status::SignedOut);
            m_connection.close();
            Q_EMIT sessionExpired();
        } else {
            m_connection.abort(); // e.g. rate_limited: try again later
        }
        return;
    }
    m_pendingAuth = {};
    m_session.userId = reply.value("userId"_L1).toString();
    m_session.username = reply.value("username"_L1).toString();
    m_session.displayName = reply.value("displayName"_L1).toString();
    m_session.token = reply.value("token"_L1).toString();
    m_connection.setAutoReconnect(true);
    if (firstSignIn)
        loadOutbox();
    m_sender.setUserId(m_session.userId);
    m_connection.resetBackoff(); // only a session that works ends the backing off
    setStatus(Status::Online);
    if (firstSignIn)
        Q_EMIT signedIn(m_session);
    listRooms();
    setTransfersReady(true);
    m_markers.setOnline(true);
}

void ChatClient::setTransfersReady(bool ready)
{
    m_sender.setReady(ready);
    m_uploads.setReady(ready);
    m_downloads.setReady(ready);
}

void ChatClient::onDisconnected(int closeCode)
{
    setTransfersReady(false);
    m_markers.setOnline(false);
    m_listRoomsRetry.stop();
    if (m_status == Status::SigningIn) {
        m_pendingAuth = {};
        setStatus(Status::SignedOut);
        Q_EMIT signInFailed(u"unreachable"_s, QString());
        return;
    }
    if (closeCode == CloseCode::NotAuthenticated && m_status == Status::Online)
        qCInfo(lcClientNet) << "server closed the session (4401)";
}

void ChatClient::listRooms()
{
    m_listing.started();
    m_pacer.request(
        u"listRooms"_s, {}, this,
        [this](const QJsonObject &reply) {
            if (isError(reply)) {
                m_listing.failed();
                // Offline: the reconnect lists them again. Anything else: try again soon.
                if (reply.value("code"_L1).toString() != "offline"_L1 && m_connection.isConnected())
                    m_listRoomsRetry.start();
                return;
            }
            QList<Room> rooms;
            const QJsonArray array = reply.value("rooms"_L1).toArray();
            for (const QJsonValue &value : array) {
                if (auto room = Room::fromJson(value.toObject()))
                    rooms.append(*room);
            }
            rooms = m_listing.finished(std::move(rooms));
            Q_EMIT roomsListed(rooms);
            m_history.catchUp(rooms);
        },
        RequestPacer::Priority::Foreground);
}

QString ChatClient::sendMessage(const QString &roomId, const QString &text, qint64 replyTo)
{
    OutboxEntry entry;
    entry.roomId = roomId;
    entry.text = text;
    entry.replyTo = replyTo;
    queue(entry);
    return entry.clientMsgId;
}

QString ChatClient::sendFile(const QString &roomId, const FileToSend &file)
{
    Attachment attachment;
    attachment.name = QFileInfo(file.path).fileName();
    attachment.mime = file.mime.isEmpty()
        ? QMimeDatabase().mimeTypeForFile(file.path, QMimeDatabase::MatchExtension).name()
        : file.mime;
    attachment.kind = file.kind;
    attachment.durationMs = file.kind == Attachment::Voice ? file.durationMs : 0;
    OutboxEntry entry;
    entry.roomId = roomId;
    entry.attachment = attachment;
    entry.localPath = file.path;
    entry.ownsFile = file.ownsFile;
    queue(entry);
    return entry.clientMsgId;
}

void ChatClient::queue(OutboxEntry &entry)
{
    entry.clientMsgId = u"d-"_s + newRandomId();
    entry.createdTs = QDateTime::currentMSecsSinceEpoch();
    m_outbox.add(entry);
    Q_EMIT messageQueued(entry);
    m_uploads.flush();
    m_sender.flush();
}

void ChatClient::discardMessage(const QString &clientMsgId)
{
    const std::optional<OutboxEntry> entry = m_outbox.find(clientMsgId);
    if (!entry)
        return;
    m_sender.discard(clientMsgId);
    if (!m_outbox.contains(clientMsgId))
        Q_EMIT messageDiscarded(clientMsgId, entry->roomId);
}

void ChatClient::setTyping(const QString &roomId, bool typing)
{
    m_connection.send(u"typing"_s, { { "roomId"_L1, roomId }, { "typing"_L1, typing } });
}

void ChatClient::simpleRequest(const QString &type, const QJsonObject &fields)
{
    m_connection.request(type, fields, this, [this, type](const QJsonObject &reply) {
        if (isError(reply))
            Q_EMIT requestFailed(
                type, reply.value("code"_L1).toString(), reply.value("message"_L1).toString());
    });
}

void ChatClient::openDirect(const QString &userId)
{
    roomRequest(u"openDirect"_s, { { "userId"_L1, userId } });
}

void ChatClient::createGroup(const QString &name, const QStringList &userIds)
{
    roomRequest(u"createGroup"_s, { { "name"_L1, name }, { "members"_L1, toArray(userIds) } });
}

void ChatClient::roomRequest(const QString &type, const QJsonObject &fields)
{
    m_connection.request(type, fields, this, [this, type](const QJsonObject &reply) {
        if (isError(reply)) {
            Q_EMIT requestFailed(
                type, reply.value("code"_L1).toString(), reply.value("message"_L1).toString());
        } else if (auto room = Room::fromJson(reply.value("room"_L1).toObject())) {
            m_listing.added(*room);
            Q_EMIT roomOpened(*room);
        }
    });
}

void ChatClient::addMembers(const QString &roomId, const QStringList &userIds)
{
    simpleRequest(u"addMembers"_s, { { "roomId"_L1, roomId }, { "userIds"_L1, toArray(userIds) } });
}

void ChatClient::removeMember(const QString &roomId, const QString &userId)
{
    simpleRequest(u"removeMember"_s, { { "roomId"_L1, roomId }, { "userId"_L1, userId } });
}

void ChatClient::renameRoom(const QString &roomId, const QString &name)
{
    simpleRequest(u"renameRoom"_s, { { "roomId"_L1, roomId }, { "name"_L1, name } });
}

void ChatClient::block(const QString &userId)
{
    simpleRequest(u"block"_s, { { "userId"_L1, userId } });
}

void ChatClient::unblock(const QString &userId)
{
    simpleRequest(u"unblock"_s, { { "userId"_L1, userId } });
}

void ChatClient::findUsers(const QString &query)
{
    m_connection.request(u"findUsers"_s, { { "query"_L1, query }, { "limit"_L1, 20 } }, this,
        [this, query](const QJsonObject &reply) {
            if (isError(reply))
                return;
            QList<UserSummary> users;
            const QJsonArray array = reply.value("users"_L1).toArray();
            for (const QJsonValue &value : array)
                users.append(UserSummary::fromJson(value.toObject()));
            Q_EMIT usersFound(query, users);
        });
}

void ChatClient::onEvent(const Event &event)
{
    m_history.liveEvent(event);
    Q_EMIT eventReceived(event);
}

void ChatClient::onPush(const QJsonObject &frame)
{
    const QString type = frame.value("type"_L1).toString();
    if (type == "event"_L1) {
        if (auto event = Event::fromJson(frame.value("event"_L1).toObject()))
            onEvent(*event);
    } else if (type == "receipt"_L1) {
        const QString roomId = frame.value("roomId"_L1).toString();
        const QString userId = frame.value("userId"_L1).toString();
        Q_EMIT receiptReceived(roomId, userId, frame.value("deliveredSeq"_L1).toInteger(),
            frame.value("readSeq"_L1).toInteger());
        if (userId == m_session.userId && frame.contains("unread"_L1))
            Q_EMIT unreadChanged(roomId, frame.value("unread"_L1).toInteger());
    } else if (type == "presence"_L1) {
        Q_EMIT presenceChanged(frame.value("userId"_L1).toString(),
            frame.value("online"_L1).toBool(), frame.value("lastSeen"_L1).toInteger());
    } else if (type == "typing"_L1) {
        Q_EMIT typingReceived(frame.value("roomId"_L1).toString(),
            frame.value("userId"_L1).toString(), frame.value("typing"_L1).toBool());
    } else if (type == "roomAdded"_L1) {
        if (auto room = Room::fromJson(frame.value("room"_L1).toObject())) {
            m_listing.added(*room);
            Q_EMIT roomAdded(*room);
        }
    } else if (type == "roomRemoved"_L1) {
        m_history.forget(frame.value("roomId"_L1).toString());
        m_markers.forget(frame.value("roomId"_L1).toString());
        m_listing.removed(frame.value("roomId"_L1).toString());
        Q_EMIT roomRemoved(frame.value("roomId"_L1).toString());
    } else if (type == "uploadProgress"_L1) {
        // UploadManager's.
    } else if (type == "error"_L1) {
        qCInfo(lcClientNet) << "server error without a request:" << frame.value("code"_L1);
    } else {
        qCDebug(lcClientNet) << "ignoring push" << type;
    }
}

} // namespace Confab
