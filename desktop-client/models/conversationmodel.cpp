#include "models/conversationmodel.h"

#include "models/eventtext.h"

#include <QDateTime>

namespace Confab {

using namespace Qt::StringLiterals;

ConversationModel::ConversationModel(
    const QString &roomId, const QString &myUserId, QObject *parent)
    : QAbstractListModel(parent)
    , m_roomId(roomId)
    , m_myUserId(myUserId)
{
    m_room.roomId = roomId;
}

void ConversationModel::setAttachmentState(AttachmentState *state)
{
    if (m_attachments)
        m_attachments->disconnect(this);
    m_attachments = state;
    if (state)
        connect(state, &AttachmentState::changed, this, &ConversationModel::refreshRowsOf);
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QList<const RoomMember *> ConversationModel::others() const
{
    QList<const RoomMember *> out;
    for (const RoomMember &member : m_room.members) {
        if (member.userId != m_myUserId)
            out.append(&member);
    }
    return out;
}

QString ConversationModel::nameOf(const QString &userId) const
{
    for (const RoomMember &member : m_room.members) {
        if (member.userId == userId)
            return member.displayName.isEmpty() ? member.username : member.displayName;
    }
    return tr("Someone");
}

ConversationModel::Status ConversationModel::statusOf(int row) const
{
    const Item &item = m_items.at(row);
    if (item.failed)
        return Status::Failed;
    if (item.pending)
        return Status::Pending;
    if (!item.event.isMessage() || item.event.senderId != m_myUserId)
        return Status::None;
    const QList<const RoomMember *> peers = others();
    if (peers.isEmpty())
        return Status::Sent;
    qsizetype read = 0;
    qsizetype delivered = 0;
    for (const RoomMember *member : peers) {
        read += member->readSeq >= item.event.seq ? 1 : 0;
        delivered += std::max(member->deliveredSeq, member->readSeq) >= item.event.seq ? 1 : 0;
    }
    if (read == peers.size())
        return Status::Read;
    if (delivered == peers.size())
        return Status::Delivered;
    return Status::Sent;
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Item &item = m_items.at(row);
    const Event &event = item.event;
    const auto lookup = [this](const QString &id) { return nameOf(id); };
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return event.isMessage() ? event.text : EventText::note(event, lookup, m_myUserId);
    case Qt::AccessibleTextRole:
        return event.isMessage() ? nameOf(event.senderId) + u": "_s + EventText::body(event)
                                 : EventText::note(event, lookup, m_myUserId);
    case SeqRole:
        return event.seq;
    case KindRole:
        return event.kind;
    case SenderIdRole:
        return event.senderId;
    case SenderNameRole:
        return nameOf(event.senderId);
    case TsRole:
        return event.ts;
    case IsOwnRole:
        return event.isMessage() && event.senderId == m_myUserId;
    case StatusRole:
        return int(statusOf(row));
    case ReadByCountRole:
    case ReadByNamesRole: {
        QStringList names;
        for (const RoomMember *member : others()) {
            if (!item.pending && member->readSeq >= event.seq)
                names.append(nameOf(member->userId));
        }
        return role == ReadByCountRole ? QVariant(int(names.size())) : QVariant(names);
    }
    case OthersCountRole:
        return int(others().size());
    case ShowSenderRole: {
        if (m_room.kind != Room::Group || !event.isMessage() || event.senderId == m_myUserId)
            return false;
        if (row == 0)
            return true;
        const Event &previous = m_items.at(row - 1).event;
        return !previous.isMessage() || previous.senderId != event.senderId
            || data(index, ShowDayRole).toBool();
    }
    case ShowDayRole: {
        if (row == 0)
            return true;
        const QDate day = QDateTime::fromMSecsSinceEpoch(event.ts).date();
        return day != QDateTime::fromMSecsSinceEpoch(m_items.at(row - 1).event.ts).date();
    }
    case NoteRole:
        return event.isMessage() ? QString() : EventText::note(event, lookup, m_myUserId);
    case ReplyTextRole:
    case ReplySenderRole: {
        if (event.replyTo <= 0)
            return QString();
        const int target = rowOfSeq(event.replyTo);
        if (target < 0)
            return role == ReplyTextRole ? tr("Earlier message") : QString();
        const Event &quoted = m_items.at(target).event;
        return role == ReplyTextRole ? quoted.text : nameOf(quoted.senderId);
    }
    case ClientMsgIdRole:
        return event.clientMsgId;
    case IsGroupRole:
        return m_room.kind == Room::Group;
    case ErrorRole:
        return item.error;
    case AttachmentRole:
    case TransferRole:
    case LocalFileRole:
    case PlaybackRole:
        return attachmentData(item, role);
    default:
        return {};
    }
}

QVariant ConversationModel::attachmentData(const Item &item, int role) const
{
    const std::optional<Attachment> attachment = Attachment::fromJson(item.event.attachment);
    if (!attachment)
        return {};
    if (role == AttachmentRole)
        return QVariant::fromValue(*attachment);
    if (!m_attachments)
        return {};
    switch (role) {
    case TransferRole:
        return QVariant::fromValue(item.pending
                ? m_attachments->upload(item.event.clientMsgId)
                : m_attachments->download(attachment->attachmentId));
    case LocalFileRole:
        return m_attachments->localFile(*attachment, item.localPath);
    case PlaybackRole:
        return QVariant::fromValue(m_attachments->playback(attachment->attachmentId));
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(KindRole, "kind");
    names.insert(TextRole, "text");
    names.insert(SenderIdRole, "senderId");
    names.insert(SenderNameRole, "senderName");
    names.insert(TsRole, "ts");
    names.insert(IsOwnRole, "isOwn");
    names.insert(StatusRole, "status");
    names.insert(ReadByCountRole, "readByCount");
    names.insert(OthersCountRole, "othersCount");
    names.insert(ReadByNamesRole, "readByNames");
    names.insert(ShowSenderRole, "showSender");
    names.insert(ShowDayRole, "showDay");
    names.insert(NoteRole, "note");
    names.insert(ReplyTextRole, "replyText");
    names.insert(ReplySenderRole, "replySender");
    names.insert(ClientMsgIdRole, "clientMsgId");
    names.insert(IsGroupRole, "isGroup");
    names.insert(ErrorRole, "error");
    names.insert(AttachmentRole, "attachment");
    names.insert(TransferRole, "transfer");
    names.insert(LocalFileRole, "localFile");
    names.insert(PlaybackRole, "playback");
    return names;
}

void ConversationModel::setRoom(const Room &room)
{
    m_room = room;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
}

int ConversationModel::confirmedCount() const
{
    int count = 0;
    while (count < m_items.size() && !m_items.at(count).pending)
        ++count;
    return count;
}

void ConversationModel::addEvents(const QList<Event> &events)
{
    for (const Event &event : events)
        addEvent(event);
}

void ConversationModel::addEvent(const Event &event)
{
    if (event.roomId != m_roomId || event.seq <= 0)
        return;
    // A confirmed own message replaces its pending copy.
    if (event.isMessage() && event.senderId == m_myUserId && !event.clientMsgId.isEmpty()) {
        for (int row = confirmedCount(); row < m_items.size(); ++row) {
            if (m_items.at(row).event.clientMsgId == event.clientMsgId) {
                beginRemoveRows({}, row, row);
                m_items.removeAt(row);
                endRemoveRows();
                break;
            }
        }
    }
    const int confirmed = confirmedCount();
    auto begin = m_items.begin();
    auto end = begin + confirmed;
    auto position = std::lower_bound(
        begin, end, event.seq, [](const Item &item, qint64 seq) { return item.event.seq < seq; });
    if (position != end && position->event.seq == event.seq)
        return; // already known
    const int row = int(position - begin);
    beginInsertRows({}, row, row);
    m_items.insert(row, Item { event, false, false, {}, {} });
    endInsertRows();
    refreshRow(row + 1); // its sender and day headers may change
    if (event.replyTo > 0 || !event.isMessage())
        return;
    // Messages quoting this one can now show it.
    for (int other = row + 1; other < m_items.size(); ++other) {
        if (m_items.at(other).event.replyTo == event.seq)
            refreshRow(other);
    }
}

void ConversationModel::addPending(const OutboxEntry &entry)
{
    if (entry.roomId != m_roomId)
        return;
    for (const Item &item : std::as_const(m_items)) {
        if (item.event.clientMsgId == entry.clientMsgId)
            return;
    }
    Event event;
    event.roomId = entry.roomId;
    event.kind = Event::Message;
    event.senderId = m_myUserId;
    event.clientMsgId = entry.clientMsgId;
    event.text = entry.text;
    event.replyTo = entry.replyTo;
    event.ts = entry.createdTs;
    if (entry.attachment)
        event.attachment = entry.attachment->toJson();
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append(Item { event, true, false, {}, entry.localPath });
    endInsertRows();
}

void ConversationModel::removePending(const QString &clientMsgId)
{
    for (int row = confirmedCount(); row < m_items.size(); ++row) {
        if (m_items.at(row).event.clientMsgId == clientMsgId) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

void ConversationModel::markFailed(const QString &clientMsgId, const QString &error)
{
    for (int row = 0; row < m_items.size(); ++row) {
        Item &item = m_items[row];
        if (item.pending && item.event.clientMsgId == clientMsgId) {
            item.failed = true;
            item.error = error;
            refreshRow(row);
        }
    }
}

void ConversationModel::clearFailed(const QString &clientMsgId)
{
    for (int row = 0; row < m_items.size(); ++row) {
        Item &item = m_items[row];
        if (item.pending && item.event.clientMsgId == clientMsgId) {
            item.failed = false;
            item.error.clear();
            refreshRow(row);
        }
    }
}

void ConversationModel::applyReceipt(const QString &userId, qint64 deliveredSeq, qint64 readSeq)
{
    for (RoomMember &member : m_room.members) {
        if (member.userId == userId) {
            member.deliveredSeq = std::max(member.deliveredSeq, deliveredSeq);
            member.readSeq = std::max(member.readSeq, readSeq);
        }
    }
    refreshOwnRows();
}

qint64 ConversationModel::oldestSeq() const
{
    return m_items.isEmpty() || m_items.constFirst().pending ? 0 : m_items.constFirst().event.seq;
}

qint64 ConversationModel::newestSeq() const
{
    const int confirmed = confirmedCount();
    return confirmed == 0 ? 0 : m_items.at(confirmed - 1).event.seq;
}

int ConversationModel::rowOfSeq(qint64 seq) const
{
    const int confirmed = confirmedCount();
    for (int row = 0; row < confirmed; ++row) {
        if (m_items.at(row).event.seq == seq)
            return row;
    }
    return -1;
}

void ConversationModel::refreshRow(int row)
{
    if (row >= 0 && row < m_items.size())
        Q_EMIT dataChanged(index(row), index(row));
}

void ConversationModel::refreshRowsOf(const QString &key)
{
    for (int row = 0; row < m_items.size(); ++row) {
        const Event &event = m_items.at(row).event;
        if (event.attachment.isEmpty())
            continue;
        if (event.clientMsgId == key || event.attachment.value("attachmentId"_L1).toString() == key
            || event.attachment.value("sha256"_L1).toString() == key)
            Q_EMIT dataChanged(
                index(row), index(row), { TransferRole, LocalFileRole, PlaybackRole });
    }
}

void ConversationModel::refreshOwnRows()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).event.senderId == m_myUserId) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(
            index(first), index(last), { StatusRole, ReadByCountRole, ReadByNamesRole });
}

} // namespace Confab
