#include "ui/attachmentpainter.h"

#include "models/attachmentstate.h"
#include "models/conversationmodel.h"
#include "models/filetext.h"
#include "ui/icons.h"
#include "ui/thumbnailcache.h"

#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>

namespace Confab {

using Transfer = AttachmentState::Transfer;

namespace {
constexpr int kMaxPicture = 260;
constexpr int kFileWidth = 260;
constexpr int kFileHeight = 44;
constexpr int kVoiceWidth = 240;
constexpr int kVoiceHeight = 40;
constexpr int kTransferHeight = 24;

const QColor kAccent(0x3B, 0x82, 0xF6);
const QColor kMuted(0x6B, 0x72, 0x80);
const QColor kTrack(0xCB, 0xD5, 0xE1);
const QColor kError(0xB9, 0x1C, 0x1C);

Attachment attachmentOf(const QModelIndex &index)
{
    return index.data(ConversationModel::AttachmentRole).value<Attachment>();
}

Transfer transferOf(const QModelIndex &index)
{
    return index.data(ConversationModel::TransferRole).value<Transfer>();
}

QFont smallFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.8);
    return font;
}

bool isUpload(const Transfer &transfer)
{
    return transfer.phase == Transfer::Uploading || transfer.phase == Transfer::UploadFailed;
}

bool isFailed(const Transfer &transfer)
{
    return transfer.phase == Transfer::UploadFailed || transfer.phase == Transfer::DownloadFailed;
}
}

struct AttachmentPainter::Geometry {
    QRect media; // the picture, or the file or voice row
    QRect icon; // a file's icon, a voice message's play button
    QRect title;
    QRect subtitle;
    QRect bar; // a voice message's position
    QRect transfer; // the line of an upload or download; empty when none is under way
    QRect action; // "Cancel" or "Retry" at its end
    QRect secondAction; // "Cancel" before "Retry" of a failed upload
};

AttachmentPainter::AttachmentPainter(ThumbnailCache *thumbnails)
    : m_thumbnails(thumbnails)
{
}

QSize AttachmentPainter::mediaSize(const QModelIndex &index, int maxWidth) const
{
    const Attachment attachment = attachmentOf(index);
    if (attachment.kind == Attachment::Voice)
        return { std::min(maxWidth, kVoiceWidth), kVoiceHeight };
    if (attachment.kind != Attachment::Image)
        return { std::min(maxWidth, kFileWidth), kFileHeight };
    const int edge = std::min(maxWidth, kMaxPicture);
    const QImage image
        = m_thumbnails->thumbnail(index.data(ConversationModel::LocalFileRole).toString());
    if (image.isNull())
        return { std::min(edge, 240), 150 };
    QSize size = image.size();
    if (size.width() > edge || size.height() > kMaxPicture)
        size = size.scaled(edge, kMaxPicture, Qt::KeepAspectRatio);
    return size.expandedTo(QSize(48, 48));
}

QSize AttachmentPainter::size(const QModelIndex &index, const QFont &font, int maxWidth) const
{
    const Geometry box = geometry(QRect(0, 0, maxWidth, 0), index, font);
    return box.media.united(box.transfer).size();
}

AttachmentPainter::Geometry AttachmentPainter::geometry(
    const QRect &rect, const QModelIndex &index, const QFont &font) const
{
    Geometry box;
    const QSize media = mediaSize(index, rect.width());
    box.media = QRect(rect.topLeft(), media);
    const QFontMetrics fm(font);
    const QFontMetrics small(smallFont(font));
    const Attachment attachment = attachmentOf(index);
    if (attachment.kind == Attachment::Voice) {
        box.icon = QRect(box.media.left(), box.media.top() + 2, 36, 36);
        const int left = box.icon.right() + 10;
        box.bar = QRect(left, box.media.top() + 12, box.media.right() - left, 6);
        box.subtitle = QRect(left, box.bar.bottom() + 4, box.bar.width(), small.height());
    } else if (attachment.kind != Attachment::Image) {
        box.icon = QRect(box.media.left(), box.media.top() + 2, 40, 40);
        const int left = box.icon.right() + 10;
        box.title = QRect(left, box.media.top() + 3, box.media.right() - left, fm.height());
        box.subtitle = QRect(left, box.title.bottom() + 3, box.title.width(), small.height());
    }
    const Transfer transfer = transferOf(index);
    if (transfer.phase == Transfer::None)
        return box;
    box.transfer = QRect(
        box.media.left(), box.media.bottom() + 1, std::max(media.width(), 200), kTransferHeight);
    const QString action
        = isFailed(transfer) ? tr("Retry") : (isUpload(transfer) ? tr("Cancel") : QString());
    const int actionWidth = action.isEmpty() ? 0 : small.horizontalAdvance(action) + 8;
    box.action = QRect(
        box.transfer.right() - actionWidth, box.transfer.top() + 6, actionWidth, small.height());
    if (transfer.phase == Transfer::UploadFailed) {
        const int cancelWidth = small.horizontalAdvance(tr("Cancel")) + 8;
        box.secondAction = QRect(
            box.action.left() - cancelWidth - 4, box.action.top(), cancelWidth, small.height());
    }
    return box;
}

void AttachmentPainter::paint(QPainter *painter, const QRect &rect, const QModelIndex &index,
    const QFont &font, bool own) const
{
    const Geometry box = geometry(rect, index, font);
    painter->save();
    const QString kind = attachmentOf(index).kind;
    if (kind == Attachment::Image)
        paintPicture(painter, box, index);
    else if (kind == Attachment::Voice)
        paintVoice(painter, box, index, font, own);
    else
        paintFile(painter, box, index, font);
    if (!box.transfer.isNull())
        paintTransfer(painter, box, index, font);
    painter->restore();
}

void AttachmentPainter::paintPicture(
    QPainter *painter, const Geometry &box, const QModelIndex &index) const
{
    const QString path = index.data(ConversationModel::LocalFileRole).toString();
    const QImage image = m_thumbnails->thumbnail(path);
    if (!image.isNull()) {
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        QPainterPath clip;
        clip.addRoundedRect(QRectF(box.media), 8, 8);
        painter->setClipPath(clip);
        painter->drawImage(box.media, image);
        painter->setClipping(false);
        return;
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xE5, 0xE7, 0xEB));
    painter->drawRoundedRect(box.media, 8, 8);
    const QRect glyph(box.media.center() - QPoint(14, 12), QSize(28, 24));
    Icons::paintPicture(painter, glyph, kMuted);
    const Transfer transfer = transferOf(index);
    if (path.isEmpty() && transfer.phase == Transfer::None && m_fileNeeded)
        m_fileNeeded(attachmentOf(index)); // pictures load as they come into view
}

void AttachmentPainter::paintFile(
    QPainter *painter, const Geometry &box, const QModelIndex &index, const QFont &font) const
{
    const Attachment attachment = attachmentOf(index);
    const QString suffix = QFileInfo(attachment.name).suffix().toUpper().left(4);
    Icons::paintDocument(painter, box.icon, kAccent, suffix);
    QFont bold = font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(QColor(0x11, 0x18, 0x27));
    painter->drawText(box.title, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(attachment.name, Qt::ElideMiddle, box.title.width()));
    const bool local = !index.data(ConversationModel::LocalFileRole).toString().isEmpty();
    QString subtitle = FileText::size(attachment.size);
    if (attachment.isUploaded())
        subtitle += QStringLiteral(" · ") + (local ? tr("Open") : tr("Download"));
    painter->setFont(smallFont(font));
    painter->setPen(kMuted);
    painter->drawText(box.subtitle, Qt::AlignLeft | Qt::AlignVCenter, subtitle);
}

void AttachmentPainter::paintVoice(QPainter *painter, const Geometry &box, const QModelIndex &index,
    const QFont &font, bool own) const
{
    const Attachment attachment = attachmentOf(index);
    const auto playback
        = index.data(ConversationModel::PlaybackRole).value<AttachmentState::Playback>();
    painter->setRenderHint(QPainter::Antialiasing);
    Icons::paintPlay(painter, box.icon, own ? kAccent : kAccent.darker(110), playback.playing);
    const qint64 duration = playback.durationMs > 0 ? playback.durationMs : attachment.durationMs;
    const qreal fraction
        = duration > 0 ? std::clamp(qreal(playback.positionMs) / qreal(duration), 0.0, 1.0) : 0;
    painter->setPen(Qt::NoPen);
    painter->setBrush(kTrack);
    painter->drawRoundedRect(box.bar, 3, 3);
    painter->setBrush(kAccent);
    painter->drawRoundedRect(
        QRectF(box.bar.left(), box.bar.top(), box.bar.width() * fraction, box.bar.height()), 3, 3);
    QString time = FileText::duration(duration);
    if (playback.playing || playback.positionMs > 0)
        time = FileText::duration(playback.positionMs) + QStringLiteral(" / ") + time;
    painter->setFont(smallFont(font));
    painter->setPen(kMuted);
    painter->drawText(box.subtitle, Qt::AlignLeft | Qt::AlignVCenter, time);
}

void AttachmentPainter::paintTransfer(
    QPainter *painter, const Geometry &box, const QModelIndex &index, const QFont &font) const
{
    const Transfer transfer = transferOf(index);
    const QFont small = smallFont(font);
    painter->setFont(small);
    const QRect line = box.transfer.adjusted(0, 6, 0, 0);
    if (isFailed(transfer)) {
        const int right = (box.secondAction.isNull() ? box.action : box.secondAction).left() - 6;
        painter->setPen(kError);
        painter->drawText(QRect(line.left(), line.top(), right - line.left(), line.height()),
            Qt::AlignLeft | Qt::AlignTop,
            QFontMetrics(small).elidedText(transfer.error, Qt::ElideRight, right - line.left()));
    } else {
        const qreal fraction
            = transfer.total > 0 ? qreal(transfer.done) / qreal(transfer.total) : 0;
        const QRect track(box.transfer.left(), box.transfer.top() + 2, box.transfer.width(), 3);
        painter->setPen(Qt::NoPen);
        painter->setBrush(kTrack);
        painter->drawRoundedRect(track, 1.5, 1.5);
        painter->setBrush(kAccent);
        painter->drawRoundedRect(
            QRectF(track.left(), track.top(), track.width() * fraction, track.height()), 1.5, 1.5);
        const int percent = int(fraction * 100);
        const QString label = isUpload(transfer) ? tr("Sending… %1 %").arg(percent)
                                                 : tr("Downloading… %1 %").arg(percent);
        painter->setPen(kMuted);
        painter->drawText(line, Qt::AlignLeft | Qt::AlignTop, label);
    }
    painter->setPen(kAccent);
    if (!box.action.isNull())
        painter->drawText(box.action, Qt::AlignRight | Qt::AlignTop,
            isFailed(transfer) ? tr("Retry") : tr("Cancel"));
    if (!box.secondAction.isNull())
        painter->drawText(box.secondAction, Qt::AlignRight | Qt::AlignTop, tr("Cancel"));
}

AttachmentPainter::Hit AttachmentPainter::hitTest(const QRect &rect, const QModelIndex &index,
    const QFont &font, const QPoint &pos, qreal *seekFraction) const
{
    const Geometry box = geometry(rect, index, font);
    const Transfer transfer = transferOf(index);
    if (box.action.adjusted(-4, -4, 4, 4).contains(pos))
        return isFailed(transfer) ? Hit::Retry : Hit::Cancel;
    if (box.secondAction.adjusted(-4, -4, 4, 4).contains(pos))
        return Hit::Cancel;
    const Attachment attachment = attachmentOf(index);
    if (attachment.kind == Attachment::Voice) {
        if (box.icon.contains(pos))
            return Hit::PlayPause;
        if (box.bar.adjusted(0, -8, 0, 8).contains(pos) && box.bar.width() > 0) {
            if (seekFraction)
                *seekFraction = qreal(pos.x() - box.bar.left()) / qreal(box.bar.width());
            return Hit::Seek;
        }
        return Hit::None;
    }
    return box.media.contains(pos) && attachment.isUploaded() ? Hit::Open : Hit::None;
}

} // namespace Confab
