#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace Confab {

class RoomListModel;

// The left side of the main window: a search box over the rooms, most recent first.
class RoomListPanel : public QWidget {
    Q_OBJECT
public:
    RoomListPanel(RoomListModel *rooms, QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QListView *roomList() const { return m_list; }
    void selectRoom(const QString &roomId);
    QString currentRoomId() const;
    void focusSearch();

Q_SIGNALS:
    void roomSelected(const QString &roomId);
    void newChatRequested();
    void newGroupRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    RoomListModel *m_rooms;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QListView *m_list;
};

} // namespace Confab
