#include "ui/roomdelegate.h"

#include "models/roomlistmodel.h"
#include "ui/avatar.h"
#include "ui/timeformat.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

namespace Confab {

namespace {
constexpr int kRowHeight = 64;
constexpr int kAvatar = 44;
constexpr int kMargin = 10;
}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width() > 0 ? option.rect.width() : 260, kRowHeight);
}

void RoomDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
    const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect rect = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(rect, QColor(0x3B, 0x82, 0xF6));
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(rect, QColor(0xF1, 0xF3, 0xF6));

    const QString name = index.data(Qt::DisplayRole).toString();
    const QString roomId = index.data(RoomListModel::RoomIdRole).toString();
    const QRect avatarRect(rect.left() + kMargin, rect.top() + (rect.height() - kAvatar) / 2,
        kAvatar, kAvatar);
    Avatar::paint(painter, avatarRect, name, roomId);
    if (index.data(RoomListModel::PeerOnlineRole).toBool()) {
        const QRect dot(avatarRect.right() - 11, avatarRect.bottom() - 11, 13, 13);
        painter->setPen(QPen(selected ? QColor(0x3B, 0x82, 0xF6) : QColor(Qt::white), 2.5));
        painter->setBrush(QColor(0x22, 0xC5, 0x5E));
        painter->drawEllipse(dot);
    }

    const qint64 unread = index.data(RoomListModel::UnreadRole).toLongLong();
    const QColor primary = selected ? QColor(Qt::white) : QColor(0x11, 0x18, 0x27);
    const QColor secondary = selected ? QColor(0xE0, 0xEA, 0xFF) : QColor(0x6B, 0x72, 0x80);
    const int textLeft = avatarRect.right() + kMargin + 2;
    const int textRight = rect.right() - kMargin;
    const int lineTop = rect.top() + 12;

    QFont timeFont = option.font;
    timeFont.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QString time = TimeFormat::relative(
        index.data(RoomListModel::LastTsRole).toLongLong(), QDateTime::currentMSecsSinceEpoch());
    painter->setFont(timeFont);
    const int timeWidth = painter->fontMetrics().horizontalAdvance(time);
    painter->setPen(unread > 0 && !selected ? QColor(0x3B, 0x82, 0xF6) : secondary);
    painter->drawText(QRect(textRight - timeWidth, lineTop, timeWidth, 20),
        Qt::AlignRight | Qt::AlignVCenter, time);

    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    nameFont.setPointSizeF(option.font.pointSizeF() * 1.05);
    painter->setFont(nameFont);
    painter->setPen(primary);
    const int nameWidth = textRight - timeWidth - 8 - textLeft;
    painter->drawText(QRect(textLeft, lineTop, nameWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(name, Qt::ElideRight, nameWidth));

    int previewRight = textRight;
    if (unread > 0) {
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(option.font.pointSizeF() * 0.8);
        painter->setFont(badgeFont);
        const QString count = unread > 999 ? QStringLiteral("999+") : QString::number(unread);
        const int badgeWidth = std::max(20, painter->fontMetrics().horizontalAdvance(count) + 12);
        const QRect badge(textRight - badgeWidth, lineTop + 23, badgeWidth, 20);
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? QColor(Qt::white) : QColor(0x3B, 0x82, 0xF6));
        painter->drawRoundedRect(badge, 10, 10);
        painter->setPen(selected ? QColor(0x3B, 0x82, 0xF6) : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, count);
        previewRight = badge.left() - 8;
    }
    QFont previewFont = option.font;
    previewFont.setBold(unread > 0);
    painter->setFont(previewFont);
    painter->setPen(unread > 0 && !selected ? primary : secondary);
    const QString preview = index.data(RoomListModel::LastTextRole).toString();
    painter->drawText(QRect(textLeft, lineTop + 23, previewRight - textLeft, 20),
        Qt::AlignLeft | Qt::AlignVCenter,
        painter->fontMetrics().elidedText(preview, Qt::ElideRight, previewRight - textLeft));
    painter->restore();
}

} // namespace Confab
