#include "ui/roominfodialog.h"

#include "models/chatsession.h"
#include "ui/timeformat.h"
#include "ui/userpickerdialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int UserIdRole = Qt::UserRole + 1;

// The protocol cannot list whom one blocked; remember it locally for the buttons.
QStringList blockedUsers() { return QSettings().value("blocked"_L1).toStringList(); }
}

RoomInfoDialog::RoomInfoDialog(ChatSession *session, const QString &roomId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_roomId(roomId)
{
    setWindowTitle(tr("Room info"));
    auto *layout = new QVBoxLayout(this);
    auto *nameRow = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setAccessibleName(tr("Room name"));
    m_rename = new QPushButton(tr("Rename"), this);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_rename);
    layout->addLayout(nameRow);
    layout->addWidget(new QLabel(tr("Members"), this));
    m_members = new QListWidget(this);
    m_members->setAccessibleName(tr("Members"));
    layout->addWidget(m_members, 1);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add people…"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_block = new QPushButton(tr("Block"), this);
    m_unblock = new QPushButton(tr("Unblock"), this);
    m_leave = new QPushButton(tr("Leave group"), this);
    for (QPushButton *button : { m_add, m_remove, m_block, m_unblock, m_leave })
        buttons->addWidget(button);
    layout->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, 420);

    ChatClient *client = session->client();
    connect(m_rename, &QPushButton::clicked, this, [this, client] {
        if (!m_name->text().trimmed().isEmpty())
            client->renameRoom(m_roomId, m_name->text().trimmed());
    });
    connect(m_add, &QPushButton::clicked, this, &RoomInfoDialog::addPeople);
    connect(m_remove, &QPushButton::clicked, this, [this, client] {
        if (!selectedUserId().isEmpty())
            client->removeMember(m_roomId, selectedUserId());
    });
    connect(m_leave, &QPushButton::clicked, this, [this, client] {
        if (QMessageBox::question(this, tr("Leave group"), tr("Leave this group?"))
            == QMessageBox::Yes) {
            client->removeMember(m_roomId, client->userId());
            accept();
        }
    });
    connect(m_block, &QPushButton::clicked, this, [this] { setBlocked(true); });
    connect(m_unblock, &QPushButton::clicked, this, [this] { setBlocked(false); });
    connect(m_members, &QListWidget::currentRowChanged, this, &RoomInfoDialog::updateButtons);
    connect(session->rooms(), &RoomListModel::roomChanged, this, [this](const QString &id) {
        if (id == m_roomId)
            refresh();
    });
    connect(session->rooms(), &QAbstractItemModel::modelReset, this, &RoomInfoDialog::refresh);
    refresh();
}

void RoomInfoDialog::refresh()
{
    const Room *room = m_session->rooms()->room(m_roomId);
    if (!room)
        return;
    const QString me = m_session->client()->userId();
    const QString current = selectedUserId();
    const bool owner = room->kind == Room::Group && room->ownerId == me;
    m_name->setText(room->name);
    m_name->setReadOnly(!owner);
    m_rename->setVisible(owner);
    m_add->setVisible(room->kind == Room::Group);
    m_remove->setVisible(owner);
    m_leave->setVisible(room->kind == Room::Group);
    m_members->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const RoomMember &member : room->members) {
        QString text = member.displayName.isEmpty() ? member.username : member.displayName;
        if (member.userId == me)
            text = tr("%1 (you)").arg(text);
        if (member.role == "owner"_L1)
            text += u" · "_s + tr("owner");
        text += u" — "_s + TimeFormat::lastSeen(member.online, member.lastSeen, now);
        auto *item = new QListWidgetItem(text, m_members);
        item->setData(UserIdRole, member.userId);
        item->setForeground(member.online ? QColor(0x16, 0xA3, 0x4A) : palette().text().color());
        if (member.userId == current)
            m_members->setCurrentItem(item);
    }
    updateButtons();
}

QString RoomInfoDialog::selectedUserId() const
{
    const QListWidgetItem *item = m_members->currentItem();
    return item ? item->data(UserIdRole).toString() : QString();
}

void RoomInfoDialog::updateButtons()
{
    const QString selected = selectedUserId();
    const QString me = m_session->client()->userId();
    const bool other = !selected.isEmpty() && selected != me;
    const bool blocked = blockedUsers().contains(selected);
    m_remove->setEnabled(other);
    m_block->setEnabled(other && !blocked);
    m_unblock->setEnabled(other && blocked);
}

void RoomInfoDialog::addPeople()
{
    UserPickerDialog picker(m_session->client(), UserPickerDialog::Mode::Multiple, this);
    if (picker.exec() == QDialog::Accepted && !picker.selectedUserIds().isEmpty())
        m_session->client()->addMembers(m_roomId, picker.selectedUserIds());
}

void RoomInfoDialog::setBlocked(bool blocked)
{
    const QString userId = selectedUserId();
    if (userId.isEmpty())
        return;
    QStringList list = blockedUsers();
    list.removeAll(userId);
    if (blocked) {
        list.append(userId);
        m_session->client()->block(userId);
    } else {
        m_session->client()->unblock(userId);
    }
    QSettings().setValue("blocked"_L1, list);
    updateButtons();
}

} // namespace Confab
