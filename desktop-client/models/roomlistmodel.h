#pragma once

#include <protocol/event.h>
#include <protocol/room.h>

#include <QAbstractListModel>

namespace Confab {

// The rooms of the signed-in user, in the order the server listed them; a proxy sorts by
// ActivityRole. Unread counts come from the server; new messages from others bump them
// until the server's exact figure arrives.
class RoomListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        RoomIdRole = Qt::UserRole + 1,
        KindRole,
        LastTextRole,
        LastTsRole,
        UnreadRole,
        PeerOnlineRole, // direct rooms: is the other person online
        PeerIdRole,
        MemberCountRole,
        ActivityRole, // ts of the last event, for sorting
        SearchTextRole,
    };

    explicit RoomListModel(QObject *parent = nullptr);

    void setMyUserId(const QString &userId) { m_myUserId = userId; }
    QString myUserId() const { return m_myUserId; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRooms(const QList<Room> &rooms);
    void upsertRoom(const Room &room);
    void removeRoom(const QString &roomId);
    void clear();
    void applyEvent(const Event &event);
    void applyReceipt(const QString &roomId, const QString &userId, qint64 deliveredSeq,
        qint64 readSeq);
    void setUnread(const QString &roomId, qint64 unread);
    void applyPresence(const QString &userId, bool online, qint64 lastSeen);

    const Room *room(const QString &roomId) const;
    int rowOf(const QString &roomId) const;
    qint64 totalUnread() const;
    QString displayName(const QString &userId) const;
    std::optional<RoomMember> member(const QString &userId) const;

Q_SIGNALS:
    void totalUnreadChanged(qint64 total);
    void roomChanged(const QString &roomId);

private:
    void changed(int row);
    void checkTotal();

    QString m_myUserId;
    QList<Room> m_rooms;
    qint64 m_lastTotal = 0;
};

} // namespace Confab
