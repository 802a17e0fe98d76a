#pragma once

#include "ui/attachmentpainter.h"

#include <QStyledItemDelegate>

namespace Confab {

// Paints one entry of a conversation: a day separator when the day changes, membership
// events as centred notes, messages as bubbles (own ones on the right) with the sender's
// name in groups, a quoted reply, the time and, for own messages, the delivery state.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit MessageDelegate(ThumbnailCache *thumbnails, QObject *parent = nullptr);

    AttachmentPainter &attachments() { return m_attachments; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;
    // What a click at `pos` (viewport coordinates) on the message at `index` would do.
    AttachmentPainter::Hit hitTest(const QStyleOptionViewItem &option, const QModelIndex &index,
        const QPoint &pos, qreal *seekFraction = nullptr) const;

Q_SIGNALS:
    // A click on an attachment asked for something (see AttachmentPainter::Hit).
    void attachmentClicked(
        const QModelIndex &index, Confab::AttachmentPainter::Hit hit, qreal seekFraction);

public:
    // The tooltip of a message's status ("Read by Bob, Carol"); public for tests.
    static QString statusText(const QModelIndex &index);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintStatus(QPainter *painter, const QRect &rect, const QModelIndex &index) const;

    AttachmentPainter m_attachments;
};

} // namespace Confab
