#pragma once

#include <QStyledItemDelegate>

namespace Confab {

// Paints one entry of a conversation: a day separator when the day changes, membership
// events as centred notes, messages as bubbles (own ones on the right) with the sender's
// name in groups, a quoted reply, the time and, for own messages, the delivery state.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    // The tooltip of a message's status ("Read by Bob, Carol"); public for tests.
    static QString statusText(const QModelIndex &index);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintStatus(QPainter *painter, const QRect &rect, const QModelIndex &index) const;
};

} // namespace Confab
