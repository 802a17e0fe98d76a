#include "ui/messagedelegate.h"

#include "models/conversationmodel.h"
#include "ui/avatar.h"
#include "ui/timeformat.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Confab {

using Status = ConversationModel::Status;

namespace {
constexpr int kDayHeight = 34;
constexpr int kPad = 10; // inside a bubble
constexpr int kSide = 14; // between the view's edge and a bubble
constexpr int kGap = 3; // between bubbles of a run
constexpr int kMetaWidthOwn = 74;
constexpr int kMetaWidthGroupOwn = 108;
constexpr int kMetaWidth = 44;

const QColor kOwnBubble(0xD6, 0xE9, 0xFF);
const QColor kOtherBubble(Qt::white);
const QColor kMeta(0x6B, 0x72, 0x80);
const QColor kReadTick(0x0E, 0x8E, 0xE9);

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.8);
    return font;
}
}

MessageDelegate::MessageDelegate(ThumbnailCache *thumbnails, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_attachments(thumbnails)
{
}

struct MessageDelegate::Layout {
    int height = 0;
    QRect day; // empty when no separator
    QRect bubble;
    QRect sender;
    QRect reply;
    QRect attachment;
    QRect text;
    QRect meta;
    QRect note;
};

MessageDelegate::Layout MessageDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout out;
    const QRect rect = option.rect;
    const int width = std::max(rect.width(), 200);
    int y = rect.top();
    if (index.data(ConversationModel::ShowDayRole).toBool()) {
        out.day = QRect(rect.left(), y, width, kDayHeight);
        y += kDayHeight;
    }
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    if (index.data(ConversationModel::KindRole).toString() != Event::Message) {
        const QString note = index.data(ConversationModel::NoteRole).toString();
        const QRect bounds = small.boundingRect(
            QRect(0, 0, width - 80, 10000), Qt::AlignCenter | Qt::TextWordWrap, note);
        out.note = QRect(rect.left() + (width - bounds.width()) / 2 - 10, y + 6,
            bounds.width() + 20, bounds.height() + 8);
        out.height = out.note.bottom() + 7 - rect.top();
        return out;
    }
    const bool own = index.data(ConversationModel::IsOwnRole).toBool();
    const bool showSender = index.data(ConversationModel::ShowSenderRole).toBool();
    const QString text = index.data(ConversationModel::TextRole).toString();
    const QString reply = index.data(ConversationModel::ReplyTextRole).toString();
    const bool group = index.data(ConversationModel::IsGroupRole).toBool();
    const int metaWidth = own ? (group ? kMetaWidthGroupOwn : kMetaWidthOwn) : kMetaWidth;
    const int maxBubble = std::max(160, int(width * 0.68));
    const int maxText = maxBubble - 2 * kPad;
    const bool hasAttachment = index.data(ConversationModel::AttachmentRole).isValid();
    const QSize attachment
        = hasAttachment ? m_attachments.size(index, option.font, maxText) : QSize();
    // A voice message's time line has room for the message's time at its end.
    const bool metaBesideVoice = text.isEmpty()
        && index.data(ConversationModel::AttachmentRole).value<Attachment>().kind
            == Attachment::Voice
        && index.data(ConversationModel::TransferRole).value<AttachmentState::Transfer>().phase
            == AttachmentState::Transfer::None;
    const int attachmentGap = hasAttachment && !metaBesideVoice ? (text.isEmpty() ? 4 : 6) : 0;
    QRect textBounds = text.isEmpty()
        ? QRect()
        : fm.boundingRect(QRect(0, 0, maxText, 100000), Qt::TextWordWrap, text);
    // The time sits on the last line when it fits, else below it.
    const int lastLineWidth = fm.horizontalAdvance(text.section(u'\n', -1));
    const bool metaInline = metaBesideVoice
        || (!text.isEmpty() && textBounds.height() <= fm.height() + 1
            && lastLineWidth + metaWidth <= maxText);
    int contentWidth
        = std::max(textBounds.width() + (metaInline ? metaWidth : 0), attachment.width());
    int contentHeight = attachment.height() + attachmentGap + textBounds.height()
        + (metaInline ? 0 : small.height());
    int header = 0;
    if (showSender) {
        contentWidth = std::max(contentWidth,
            fm.horizontalAdvance(index.data(ConversationModel::SenderNameRole).toString()) + 4);
        header += fm.height() + 2;
    }
    int replyHeight = 0;
    if (!reply.isEmpty()) {
        replyHeight = 2 * small.height() + 10;
        contentWidth = std::max(contentWidth, std::min(maxText, 160));
    }
    contentWidth = std::min(std::max(contentWidth, metaWidth), maxText);
    const int bubbleWidth = contentWidth + 2 * kPad;
    const int bubbleHeight = header + replyHeight + contentHeight + 2 * kPad - 2;
    const int left = own ? rect.left() + width - kSide - bubbleWidth : rect.left() + kSide;
    const int top = y + (showSender ? 8 : kGap);
    out.bubble = QRect(left, top, bubbleWidth, bubbleHeight);
    int cursor = top + kPad - 2;
    if (showSender) {
        out.sender = QRect(left + kPad, cursor, contentWidth, fm.height());
        cursor += fm.height() + 2;
    }
    if (replyHeight > 0) {
        out.reply = QRect(left + kPad, cursor + 2, contentWidth, replyHeight - 6);
        cursor += replyHeight;
    }
    if (hasAttachment) {
        out.attachment = QRect(QPoint(left + kPad, cursor + 2), attachment);
        cursor += attachment.height() + attachmentGap;
    }
    out.text = QRect(left + kPad, cursor, maxText, textBounds.height());
    out.meta = QRect(out.bubble.right() - kPad - metaWidth,
        out.bubble.bottom() - kPad + 2 - small.height(), metaWidth, small.height());
    out.height = out.bubble.bottom() + kGap - rect.top();
    return out;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    opt.rect = QRect(0, 0, option.rect.width() > 0 ? option.rect.width() : 600, 0);
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        opt.rect.setWidth(view->viewport()->width());
    return QSize(opt.rect.width(), layout(opt, index).height);
}

void MessageDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout box = layout(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont small = smallFont(option.font);
    if (!box.day.isNull()) {
        painter->setFont(small);
        const QString label = TimeFormat::day(index.data(ConversationModel::TsRole).toLongLong(),
            QDateTime::currentMSecsSinceEpoch());
        const int w = painter->fontMetrics().horizontalAdvance(label) + 24;
        const QRect pill(box.day.center().x() - w / 2, box.day.top() + 8, w, 20);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xE2, 0xE8, 0xF0));
        painter->drawRoundedRect(pill, 10, 10);
        painter->setPen(QColor(0x47, 0x55, 0x69));
        painter->drawText(pill, Qt::AlignCenter, label);
    }
    if (!box.note.isNull()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xF1, 0xF5, 0xF9));
        painter->drawRoundedRect(box.note, 9, 9);
        painter->setFont(small);
        painter->setPen(kMeta);
        painter->drawText(box.note, Qt::AlignCenter | Qt::TextWordWrap,
            index.data(ConversationModel::NoteRole).toString());
        painter->restore();
        return;
    }
    const bool own = index.data(ConversationModel::IsOwnRole).toBool();
    painter->setPen(own ? Qt::NoPen : QPen(QColor(0xE5, 0xE7, 0xEB), 1));
    painter->setBrush(own ? kOwnBubble : kOtherBubble);
    painter->drawRoundedRect(QRectF(box.bubble).adjusted(0.5, 0.5, -0.5, -0.5), 12, 12);
    if (!box.sender.isNull()) {
        QFont bold = option.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(
            Avatar::colorFor(index.data(ConversationModel::SenderIdRole).toString()).darker(115));
        painter->drawText(box.sender, Qt::AlignLeft | Qt::AlignVCenter,
            index.data(ConversationModel::SenderNameRole).toString());
    }
    if (!box.reply.isNull()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(own ? QColor(0xC2, 0xDD, 0xFB) : QColor(0xF3, 0xF4, 0xF6));
        painter->drawRoundedRect(box.reply, 6, 6);
        painter->setBrush(QColor(0x3B, 0x82, 0xF6));
        painter->drawRect(QRect(box.reply.left(), box.reply.top(), 3, box.reply.height()));
        painter->setFont(small);
        const QRect inner = box.reply.adjusted(9, 3, -6, -3);
        const QFontMetrics fm = painter->fontMetrics();
        painter->setPen(QColor(0x25, 0x63, 0xEB));
        painter->drawText(QRect(inner.left(), inner.top(), inner.width(), fm.height()),
            Qt::AlignLeft, index.data(ConversationModel::ReplySenderRole).toString());
        painter->setPen(kMeta);
        painter->drawText(
            QRect(inner.left(), inner.top() + fm.height(), inner.width(), fm.height()),
            Qt::AlignLeft,
            fm.elidedText(index.data(ConversationModel::ReplyTextRole).toString().simplified(),
                Qt::ElideRight, inner.width()));
    }
    if (!box.attachment.isNull())
        m_attachments.paint(painter, box.attachment, index, option.font, own);
    painter->setFont(option.font);
    painter->setPen(QColor(0x11, 0x18, 0x27));
    painter->drawText(box.text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
        index.data(ConversationModel::TextRole).toString());
    painter->setFont(small);
    painter->setPen(kMeta);
    const QString time = TimeFormat::clock(index.data(ConversationModel::TsRole).toLongLong());
    QRect timeRect = box.meta;
    if (own)
        timeRect.setRight(box.meta.right() - 22);
    painter->drawText(timeRect, Qt::AlignRight | Qt::AlignVCenter, time);
    const auto status = Status(index.data(ConversationModel::StatusRole).toInt());
    if (own && index.data(ConversationModel::IsGroupRole).toBool()
        && (status == Status::Sent || status == Status::Delivered || status == Status::Read)) {
        // "read by N of M", short: N/M before the time.
        const QString readBy = tr("%1/%2")
                                   .arg(index.data(ConversationModel::ReadByCountRole).toInt())
                                   .arg(index.data(ConversationModel::OthersCountRole).toInt());
        const int timeWidth = painter->fontMetrics().horizontalAdvance(time);
        painter->setPen(status == Status::Read ? kReadTick : kMeta);
        painter->drawText(QRect(box.meta.left(), box.meta.top(), timeRect.width() - timeWidth - 6,
                              box.meta.height()),
            Qt::AlignRight | Qt::AlignVCenter, readBy);
    }
    if (own)
        paintStatus(
            painter, QRect(box.meta.right() - 18, box.meta.top(), 18, box.meta.height()), index);
    painter->restore();
}

void MessageDelegate::paintStatus(
    QPainter *painter, const QRect &rect, const QModelIndex &index) const
{
    const auto status = Status(index.data(ConversationModel::StatusRole).toInt());
    const QPointF c = QRectF(rect).center();
    painter->setBrush(Qt::NoBrush);
    if (status == Status::Pending) {
        painter->setPen(QPen(kMeta, 1.2));
        painter->drawEllipse(c, 5.0, 5.0);
        painter->drawLine(c, c + QPointF(0, -3.2));
        painter->drawLine(c, c + QPointF(2.4, 0));
        return;
    }
    if (status == Status::Failed) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xDC, 0x26, 0x26));
        painter->drawEllipse(c, 6.0, 6.0);
        painter->setPen(QPen(Qt::white, 1.6));
        painter->drawLine(c + QPointF(0, -3), c + QPointF(0, 1));
        painter->drawPoint(c + QPointF(0, 3));
        return;
    }
    const bool read = status == Status::Read;
    const bool partlyRead = index.data(ConversationModel::ReadByCountRole).toInt() > 0;
    painter->setPen(QPen(read ? kReadTick : (partlyRead ? kReadTick.lighter(150) : kMeta), 1.5,
        Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    auto tick = [&](qreal dx) {
        QPainterPath path;
        path.moveTo(c + QPointF(dx - 5, 0));
        path.lineTo(c + QPointF(dx - 2, 3));
        path.lineTo(c + QPointF(dx + 4, -4));
        painter->drawPath(path);
    };
    if (status == Status::Sent) {
        tick(0);
        return;
    }
    tick(-2.5);
    tick(2.5);
}

QString MessageDelegate::statusText(const QModelIndex &index)
{
    const auto status = Status(index.data(ConversationModel::StatusRole).toInt());
    const QStringList readers = index.data(ConversationModel::ReadByNamesRole).toStringList();
    const int others = index.data(ConversationModel::OthersCountRole).toInt();
    switch (status) {
    case Status::Pending:
        return tr("Waiting to be sent");
    case Status::Failed:
        return tr("Not sent: %1").arg(index.data(ConversationModel::ErrorRole).toString());
    case Status::None:
        return QString();
    default:
        break;
    }
    if (index.data(ConversationModel::IsGroupRole).toBool()) {
        QString text = tr("Read by %1 of %2").arg(readers.size()).arg(others);
        if (!readers.isEmpty())
            text += u'\n' + readers.join(QStringLiteral(", "));
        return text;
    }
    if (status == Status::Read)
        return tr("Read");
    if (status == Status::Delivered)
        return tr("Delivered");
    return tr("Sent");
}

AttachmentPainter::Hit MessageDelegate::hitTest(const QStyleOptionViewItem &option,
    const QModelIndex &index, const QPoint &pos, qreal *seekFraction) const
{
    const Layout box = layout(option, index);
    if (box.attachment.isNull() || !box.attachment.adjusted(0, 0, 0, 4).contains(pos))
        return AttachmentPainter::Hit::None;
    return m_attachments.hitTest(box.attachment, index, option.font, pos, seekFraction);
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::MouseButtonRelease)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (mouse->button() != Qt::LeftButton)
        return false;
    qreal seekFraction = 0;
    const AttachmentPainter::Hit hit
        = hitTest(option, index, mouse->position().toPoint(), &seekFraction);
    if (hit == AttachmentPainter::Hit::None)
        return false;
    Q_EMIT attachmentClicked(index, hit, seekFraction);
    return true;
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip && index.data(ConversationModel::IsOwnRole).toBool()) {
        QToolTip::showText(event->globalPos(), statusText(index), view);
        return true;
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Confab
