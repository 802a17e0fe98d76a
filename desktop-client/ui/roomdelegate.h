#pragma once

#include <QStyledItemDelegate>

namespace Confab {

// One row of the room list: avatar with initials (and a presence dot for direct rooms),
// name, time of the last event, a preview of it, and the unread badge.
class RoomDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Confab
