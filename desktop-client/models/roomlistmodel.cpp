#include "models/roomlistmodel.h"

#include "models/eventtext.h"

namespace Confab {

using namespace Qt::StringLiterals;

RoomListModel::RoomListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Room &room = m_rooms.at(index.row());
    const auto peer = [&room, this]() -> const RoomMember * {
        for (const RoomMember &member : room.members) {
            if (member.userId != m_myUserId)
                return &member;
        }
        return nullptr;
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return room.name;
    case RoomIdRole:
        return room.roomId;
    case KindRole:
        return room.kind;
    case LastTextRole:
        if (!room.lastEvent)
            return QString();
        return EventText::preview(
            *room.lastEvent, [this](const QString &id) { return displayName(id); }, m_myUserId,
            room.kind == Room::Group);
    case LastTsRole:
    case ActivityRole:
        return room.lastEvent ? room.lastEvent->ts : qint64(0);
    case UnreadRole:
        return room.unread;
    case PeerOnlineRole: {
        const RoomMember *other = peer();
        return room.kind == Room::Direct && other && other->online;
    }
    case PeerIdRole: {
        const RoomMember *other = peer();
        return room.kind == Room::Direct && other ? other->userId : QString();
    }
    case MemberCountRole:
        return int(room.members.size());
    case SearchTextRole: {
        QString text = room.name;
        for (const RoomMember &member : room.members)
            text += u' ' + member.username + u' ' + member.displayName;
        return text;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(RoomIdRole, "roomId");
    names.insert(KindRole, "kind");
    names.insert(LastTextRole, "lastText");
    names.insert(LastTsRole, "lastTs");
    names.insert(UnreadRole, "unread");
    names.insert(PeerOnlineRole, "peerOnline");
    names.insert(PeerIdRole, "peerId");
    names.insert(MemberCountRole, "memberCount");
    names.insert(ActivityRole, "activity");
    names.insert(SearchTextRole, "searchText");
    return names;
}

void RoomListModel::setRooms(const QList<Room> &rooms)
{
    beginResetModel();
    m_rooms = rooms;
    endResetModel();
    checkTotal();
}

void RoomListModel::upsertRoom(const Room &room)
{
    const int row = rowOf(room.roomId);
    if (row >= 0) {
        m_rooms[row] = room;
        changed(row);
    } else {
        beginInsertRows({}, int(m_rooms.size()), int(m_rooms.size()));
        m_rooms.append(room);
        endInsertRows();
    }
    checkTotal();
}

void RoomListModel::removeRoom(const QString &roomId)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rooms.removeAt(row);
    endRemoveRows();
    checkTotal();
}

void RoomListModel::clear() { setRooms({}); }

void RoomListModel::applyEvent(const Event &event)
{
    const int row = rowOf(event.roomId);
    if (row < 0)
        return;
    Room &room = m_rooms[row];
    if (event.seq <= room.lastSeq && room.lastEvent && room.lastEvent->seq >= event.seq)
        return;
    room.lastSeq = std::max(room.lastSeq, event.seq);
    room.lastEvent = event;
    if (event.kind == Event::RoomRenamed && !event.name.isEmpty())
        room.name = event.name;
    if (event.isMessage() && event.senderId != m_myUserId && event.seq > room.readSeq)
        ++room.unread;
    if (event.isMessage() && event.senderId == m_myUserId) {
        // Writing in a room means having read it; the server's reply makes it exact.
        room.readSeq = std::max(room.readSeq, event.seq);
    }
    changed(row);
    checkTotal();
}

void RoomListModel::applyReceipt(const QString &roomId, const QString &userId,
    qint64 deliveredSeq, qint64 readSeq)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    Room &room = m_rooms[row];
    for (RoomMember &member : room.members) {
        if (member.userId == userId) {
            member.deliveredSeq = std::max(member.deliveredSeq, deliveredSeq);
            member.readSeq = std::max(member.readSeq, readSeq);
        }
    }
    if (userId == m_myUserId)
        room.readSeq = std::max(room.readSeq, readSeq);
    changed(row);
}

void RoomListModel::setUnread(const QString &roomId, qint64 unread)
{
    const int row = rowOf(roomId);
    if (row < 0 || m_rooms.at(row).unread == unread)
        return;
    m_rooms[row].unread = unread;
    changed(row);
    checkTotal();
}

void RoomListModel::applyPresence(const QString &userId, bool online, qint64 lastSeen)
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        bool touched = false;
        for (RoomMember &member : m_rooms[row].members) {
            if (member.userId == userId) {
                member.online = online;
                member.lastSeen = lastSeen;
                touched = true;
            }
        }
        if (touched)
            changed(row);
    }
}

const Room *RoomListModel::room(const QString &roomId) const
{
    const int row = rowOf(roomId);
    return row >= 0 ? &m_rooms.at(row) : nullptr;
}

int RoomListModel::rowOf(const QString &roomId) const
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms.at(row).roomId == roomId)
            return row;
    }
    return -1;
}

qint64 RoomListModel::totalUnread() const
{
    qint64 total = 0;
    for (const Room &room : m_rooms)
        total += room.unread;
    return total;
}

std::optional<RoomMember> RoomListModel::member(const QString &userId) const
{
    for (const Room &room : m_rooms) {
        for (const RoomMember &member : room.members) {
            if (member.userId == userId)
                return member;
        }
    }
    return std::nullopt;
}

QString RoomListModel::displayName(const QString &userId) const
{
    if (const auto found = member(userId))
        return found->displayName.isEmpty() ? found->username : found->displayName;
    return tr("Someone");
}

void RoomListModel::changed(int row)
{
    const QModelIndex changedIndex = index(row);
    Q_EMIT dataChanged(changedIndex, changedIndex);
    Q_EMIT roomChanged(m_rooms.at(row).roomId);
}

void RoomListModel::checkTotal()
{
    const qint64 total = totalUnread();
    if (total != m_lastTotal) {
        m_lastTotal = total;
        Q_EMIT totalUnreadChanged(total);
    }
}

} // namespace Confab
