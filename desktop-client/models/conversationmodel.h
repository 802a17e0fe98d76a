#pragma once

#include "models/attachmentstate.h"
#include "net/outboxentry.h"

#include <protocol/event.h>
#include <protocol/room.h>

#include <QAbstractListModel>
#include <QPointer>

namespace Confab {

// The log of one room as the conversation view shows it: server events in seq order, then
// the messages still waiting in the outbox. Delivery state of own messages is derived from
// the other members' receipt markers.
class ConversationModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Status { None, Pending, Sent, Delivered, Read, Failed };
    Q_ENUM(Status)
    enum Roles {
        SeqRole = Qt::UserRole + 1,
        KindRole,
        TextRole,
        SenderIdRole,
        SenderNameRole,
        TsRole,
        IsOwnRole,
        StatusRole, // Status as int
        ReadByCountRole,
        OthersCountRole,
        ReadByNamesRole,
        ShowSenderRole, // first message of a run by one sender in a group
        ShowDayRole, // first event of a calendar day
        NoteRole, // membership and rename events: their sentence
        ReplyTextRole,
        ReplySenderRole,
        ClientMsgIdRole,
        IsGroupRole,
        ErrorRole,
        AttachmentRole, // an Attachment, or nothing
        TransferRole, // an AttachmentState::Transfer: the upload or download under way
        LocalFileRole, // the attachment's file on this device, if any
        PlaybackRole, // an AttachmentState::Playback, for voice messages
    };

    ConversationModel(const QString &roomId, const QString &myUserId, QObject *parent = nullptr);
    // Where transfers, local copies and playback of attachments are looked up.
    void setAttachmentState(AttachmentState *state);

    QString roomId() const { return m_roomId; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRoom(const Room &room);
    const Room &room() const { return m_room; }
    void addEvents(const QList<Event> &events);
    void addPending(const OutboxEntry &entry);
    void removePending(const QString &clientMsgId); // a cancelled upload
    void markFailed(const QString &clientMsgId, const QString &error);
    void clearFailed(const QString &clientMsgId); // sent again
    void applyReceipt(const QString &userId, qint64 deliveredSeq, qint64 readSeq);

    qint64 oldestSeq() const;
    qint64 newestSeq() const;
    bool hasMoreBefore() const { return m_hasMoreBefore; }
    void setHasMoreBefore(bool more) { m_hasMoreBefore = more; }
    bool isLoadingOlder() const { return m_loadingOlder; }
    void setLoadingOlder(bool loading) { m_loadingOlder = loading; }
    bool historyLoaded() const { return m_historyLoaded; }
    void setHistoryLoaded() { m_historyLoaded = true; }
    QString nameOf(const QString &userId) const;
    int rowOfSeq(qint64 seq) const;
    Status statusOf(int row) const;

private:
    struct Item {
        Event event;
        bool pending = false;
        bool failed = false;
        QString error;
        QString localPath; // a queued upload's source file
    };

    void addEvent(const Event &event);
    int confirmedCount() const;
    QList<const RoomMember *> others() const;
    void refreshRow(int row);
    void refreshOwnRows();
    void refreshRowsOf(const QString &key);
    QVariant attachmentData(const Item &item, int role) const;

    QString m_roomId;
    QString m_myUserId;
    Room m_room;
    QList<Item> m_items;
    QPointer<AttachmentState> m_attachments;
    bool m_hasMoreBefore = true;
    bool m_loadingOlder = false;
    bool m_historyLoaded = false;
};

} // namespace Confab
