#include "ui/roomlistpanel.h"

#include "models/roomlistmodel.h"
#include "ui/roomdelegate.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace Confab {

using namespace Qt::StringLiterals;

RoomListPanel::RoomListPanel(RoomListModel *rooms, QWidget *parent)
    : QWidget(parent)
    , m_rooms(rooms)
{
    setObjectName(u"roomListPanel"_s);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"roomSearch"_s);
    m_search->setPlaceholderText(tr("Search (Ctrl+K)"));
    m_search->setAccessibleName(tr("Search rooms"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(rooms);
    m_proxy->setSortRole(RoomListModel::ActivityRole);
    m_proxy->setFilterRole(RoomListModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    m_proxy->sort(0, Qt::DescendingOrder);

    m_list = new QListView(this);
    m_list->setObjectName(u"roomList"_s);
    m_list->setAccessibleName(tr("Rooms"));
    m_list->setModel(m_proxy);
    m_list->setItemDelegate(new RoomDelegate(m_list));
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *newChat = new QPushButton(tr("New chat"), this);
    newChat->setToolTip(tr("Start a chat with one person (Ctrl+N)"));
    auto *newGroup = new QPushButton(tr("New group"), this);
    newGroup->setToolTip(tr("Create a group (Ctrl+Shift+N)"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(10, 6, 10, 10);
    buttons->addWidget(newChat);
    buttons->addWidget(newGroup);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *searchBox = new QHBoxLayout;
    searchBox->setContentsMargins(10, 10, 10, 8);
    searchBox->addWidget(m_search);
    layout->addLayout(searchBox);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_search, &QLineEdit::textChanged, this,
        [this](const QString &text) { m_proxy->setFilterFixedString(text.trimmed()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_list->setCurrentIndex(m_proxy->index(0, 0));
            m_search->clear();
            m_list->setFocus();
        }
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                Q_EMIT roomSelected(current.data(RoomListModel::RoomIdRole).toString());
        });
    connect(newChat, &QPushButton::clicked, this, &RoomListPanel::newChatRequested);
    connect(newGroup, &QPushButton::clicked, this, &RoomListPanel::newGroupRequested);
}

void RoomListPanel::selectRoom(const QString &roomId)
{
    const int row = m_rooms->rowOf(roomId);
    if (row < 0)
        return;
    m_search->clear();
    m_list->setCurrentIndex(m_proxy->mapFromSource(m_rooms->index(row)));
}

QString RoomListPanel::currentRoomId() const
{
    return m_list->currentIndex().data(RoomListModel::RoomIdRole).toString();
}

void RoomListPanel::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

bool RoomListPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            m_search->clear();
            m_list->setFocus();
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            m_list->setFocus();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Confab
