#include "models/chatsession.h"

#include "models/eventtext.h"
#include "net/clientlogging.h"
#include "net/errortext.h"

#include <protocol/limits.h>

#include <QDateTime>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kTypingResendMs = 3000;
constexpr int kTypingIdleMs = 4000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
}

ChatSession::ChatSession(ChatClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_attachments(client)
{
    connect(client, &ChatClient::signedIn, this, [this](const Session &session) {
        reset();
        m_rooms.setMyUserId(session.userId);
        m_drafts.setUser(session.userId);
    });
    connect(client, &ChatClient::signedOut, this, [this] {
        m_drafts.forgetAll(); // signing out leaves nothing of the account behind
        reset();
    });
    connect(client, &ChatClient::sessionExpired, this, &ChatSession::reset);
    connect(client, &ChatClient::roomsListed, this, &ChatSession::onRoomsListed);
    connect(client, &ChatClient::roomAdded, this, [this](const Room &room) {
        m_rooms.upsertRoom(room);
        syncRoom(room.roomId);
    });
    connect(client, &ChatClient::roomOpened, this, [this](const Room &room) {
        m_rooms.upsertRoom(room);
        syncRoom(room.roomId);
        Q_EMIT roomOpened(room.roomId);
    });
    connect(client, &ChatClient::roomRemoved, this, [this](const QString &roomId) {
        m_rooms.removeRoom(roomId);
        if (ConversationModel *model = m_conversations.take(roomId))
            model->deleteLater();
    });
    connect(client, &ChatClient::eventReceived, this, &ChatSession::onEvent);
    connect(client, &ChatClient::messageQueued, this, [this](const OutboxEntry &entry) {
        if (ConversationModel *model = existingConversation(entry.roomId))
            model->addPending(entry);
    });
    connect(client, &ChatClient::messageSent, this, [this](const Event &event) {
        if (ConversationModel *model = existingConversation(event.roomId))
            model->addEvents({ event });
        m_rooms.applyEvent(event);
    });
    connect(client, &ChatClient::messageFailed, this,
        [this](const QString &clientMsgId, const QString &roomId, const QString &code,
            const QString &message) {
            if (ConversationModel *model = existingConversation(roomId))
                model->markFailed(clientMsgId, errorText(code, message));
        });
    connect(client, &ChatClient::messageRetrying, this,
        [this](const QString &clientMsgId, const QString &roomId) {
            if (ConversationModel *model = existingConversation(roomId))
                model->clearFailed(clientMsgId);
        });
    connect(client, &ChatClient::messageDiscarded, this,
        [this](const QString &clientMsgId, const QString &roomId) {
            if (ConversationModel *model = existingConversation(roomId))
                model->removePending(clientMsgId);
        });
    connect(client->uploads(), &UploadManager::cancelled, this,
        [this](const QString &clientMsgId, const QString &roomId) {
            if (ConversationModel *model = existingConversation(roomId))
                model->removePending(clientMsgId);
        });
    connect(client, &ChatClient::historyReceived, this, &ChatSession::onHistory);
    connect(client, &ChatClient::historyFailed, this,
        [this](const QString &roomId, bool older, const QString &) {
            // Not stuck "loading": scrolling up asks again, and so does the next sign-in.
            if (ConversationModel *model = existingConversation(roomId); model && older)
                model->setLoadingOlder(false);
        });
    connect(client, &ChatClient::receiptReceived, this, &ChatSession::onReceipt);
    connect(client, &ChatClient::unreadChanged, &m_rooms, &RoomListModel::setUnread);
    connect(client, &ChatClient::presenceChanged, this,
        [this](const QString &userId, bool online, qint64 lastSeen) {
            m_rooms.applyPresence(userId, online, lastSeen);
            for (ConversationModel *model : std::as_const(m_conversations))
                syncRoom(model->roomId());
        });
    connect(client, &ChatClient::typingReceived, this, &ChatSession::onTyping);
    connect(client, &ChatClient::statusChanged, this, [this](ChatClient::Status status) {
        for (ConversationModel *model : std::as_const(m_conversations)) {
            if (status != ChatClient::Status::Online) {
                model->setLoadingOlder(false);
            } else if (!model->historyLoaded()) {
                model->setLoadingOlder(true);
                m_client->fetchHistory(model->roomId(), -1, -1, m_historyPage);
            }
        }
    });

    m_typingExpiry.setInterval(1000);
    connect(&m_typingExpiry, &QTimer::timeout, this, &ChatSession::expireTyping);
    m_typingStop.setSingleShot(true);
    m_typingStop.setInterval(kTypingIdleMs);
    connect(&m_typingStop, &QTimer::timeout, this, &ChatSession::stopTyping);
    m_refreshRooms.setSingleShot(true);
    m_refreshRooms.setInterval(300);
    connect(&m_refreshRooms, &QTimer::timeout, client, &ChatClient::listRooms);
}

void ChatSession::reset()
{
    m_rooms.clear();
    qDeleteAll(m_conversations);
    m_conversations.clear();
    m_readSent.clear();
    m_typing.clear();
    m_typingRoom.clear();
}

ConversationModel *ChatSession::existingConversation(const QString &roomId) const
{
    return m_conversations.value(roomId);
}

ConversationModel *ChatSession::conversation(const QString &roomId)
{
    if (ConversationModel *model = existingConversation(roomId))
        return model;
    auto *model = new ConversationModel(roomId, m_client->userId(), this);
    model->setAttachmentState(&m_attachments);
    m_conversations.insert(roomId, model);
    syncRoom(roomId);
    const QList<OutboxEntry> pending = m_client->outbox().entriesFor(roomId);
    for (const OutboxEntry &entry : pending) {
        model->addPending(entry);
        if (entry.isFailed())
            model->markFailed(entry.clientMsgId, errorText(entry.failedCode, entry.failedMessage));
    }
    model->setLoadingOlder(true);
    m_client->fetchHistory(roomId, -1, -1, m_historyPage);
    return model;
}

void ChatSession::syncRoom(const QString &roomId)
{
    ConversationModel *model = existingConversation(roomId);
    const Room *room = m_rooms.room(roomId);
    if (model && room)
        model->setRoom(*room);
}

void ChatSession::loadOlder(const QString &roomId)
{
    ConversationModel *model = existingConversation(roomId);
    if (!model || model->isLoadingOlder() || !model->hasMoreBefore() || model->oldestSeq() <= 1)
        return;
    model->setLoadingOlder(true);
    m_client->fetchHistory(roomId, model->oldestSeq(), -1, m_historyPage);
}

QString ChatSession::sendMessage(const QString &roomId, const QString &text, qint64 replyTo)
{
    conversation(roomId);
    if (m_typingRoom == roomId)
        stopTyping();
    return m_client->sendMessage(roomId, text, replyTo);
}

QString ChatSession::sendFile(const QString &roomId, const FileToSend &file)
{
    conversation(roomId);
    return m_client->sendFile(roomId, file);
}

void ChatSession::markRead(const QString &roomId, qint64 seq)
{
    if (seq <= 0 || seq <= m_readSent.value(roomId))
        return;
    const Room *room = m_rooms.room(roomId);
    if (room && room->readSeq >= seq && room->unread == 0)
        return;
    m_readSent.insert(roomId, seq);
    m_client->markRead(roomId, seq);
}

void ChatSession::userTyped(const QString &roomId)
{
    if (m_typingRoom != roomId && !m_typingRoom.isEmpty())
        stopTyping();
    if (m_typingRoom != roomId || now() - m_typingSentAt >= kTypingResendMs) {
        m_typingRoom = roomId;
        m_typingSentAt = now();
        m_client->setTyping(roomId, true);
    }
    m_typingStop.start();
}

void ChatSession::stopTyping()
{
    m_typingStop.stop();
    if (m_typingRoom.isEmpty())
        return;
    m_client->setTyping(m_typingRoom, false);
    m_typingRoom.clear();
    m_typingSentAt = 0;
}

QStringList ChatSession::typingNames(const QString &roomId) const
{
    QStringList names;
    const QHash<QString, qint64> users = m_typing.value(roomId);
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        names.append(m_rooms.displayName(it.key()));
    names.sort();
    return names;
}

void ChatSession::onRoomsListed(const QList<Room> &rooms)
{
    m_rooms.setRooms(rooms);
    for (const Room &room : rooms) {
        syncRoom(room.roomId);
        if (room.lastEvent && room.lastEvent->senderId != m_client->userId())
            m_client->markDelivered(room.roomId, room.lastSeq);
    }
}

void ChatSession::onEvent(const Event &event)
{
    m_rooms.applyEvent(event);
    if (ConversationModel *model = existingConversation(event.roomId))
        model->addEvents({ event });
    if (!event.isMessage()) {
        m_refreshRooms.start(); // members changed: fetch the fresh member list
        return;
    }
    if (event.senderId == m_client->userId())
        return;
    onTyping(event.roomId, event.senderId, false);
    m_client->markDelivered(event.roomId, event.seq);
    Q_EMIT messageArrived(
        event.roomId, m_rooms.displayName(event.senderId), EventText::body(event));
}

void ChatSession::onHistory(
    const QString &roomId, const QList<Event> &events, bool hasMore, bool older)
{
    ConversationModel *model = existingConversation(roomId);
    if (model) {
        model->addEvents(events);
        if (older) {
            model->setHasMoreBefore(hasMore);
            model->setLoadingOlder(false);
            model->setHistoryLoaded();
        }
    }
    if (!older) {
        for (const Event &event : events)
            m_rooms.applyEvent(event);
    }
    reportDelivered(roomId, events);
}

void ChatSession::reportDelivered(const QString &roomId, const QList<Event> &events)
{
    for (auto it = events.crbegin(); it != events.crend(); ++it) {
        if (it->isMessage() && it->senderId != m_client->userId()) {
            m_client->markDelivered(roomId, it->seq);
            return;
        }
    }
}

void ChatSession::onReceipt(
    const QString &roomId, const QString &userId, qint64 delivered, qint64 read)
{
    m_rooms.applyReceipt(roomId, userId, delivered, read);
    if (ConversationModel *model = existingConversation(roomId))
        model->applyReceipt(userId, delivered, read);
}

void ChatSession::onTyping(const QString &roomId, const QString &userId, bool typing)
{
    if (userId == m_client->userId())
        return;
    QHash<QString, qint64> &users = m_typing[roomId];
    const bool had = users.contains(userId);
    if (typing)
        users.insert(userId, now() + Limits::TypingExpiryMs);
    else
        users.remove(userId);
    if (users.isEmpty())
        m_typing.remove(roomId);
    if (!m_typing.isEmpty() && !m_typingExpiry.isActive())
        m_typingExpiry.start();
    if (had != typing)
        Q_EMIT typingChanged(roomId);
}

void ChatSession::expireTyping()
{
    const qint64 time = now();
    const QStringList roomIds = m_typing.keys();
    for (const QString &roomId : roomIds) {
        QHash<QString, qint64> &users = m_typing[roomId];
        const qsizetype before = users.size();
        users.removeIf([time](const auto &entry) { return entry.value() < time; });
        const bool changed = users.size() != before;
        if (users.isEmpty())
            m_typing.remove(roomId);
        if (changed)
            Q_EMIT typingChanged(roomId);
    }
    if (m_typing.isEmpty())
        m_typingExpiry.stop();
}

} // namespace Confab
