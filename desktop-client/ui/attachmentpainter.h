#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QRect>

#include <functional>

class QModelIndex;
class QPainter;

namespace Confab {

struct Attachment;
class ThumbnailCache;

// The attachment block of a message bubble: a picture, a file or a voice message, with the
// upload or download under way below it. Lays it out, paints it from the model's roles, and
// tells what a click at a point asks for. Pictures that are not on this device yet are
// asked for through `fileNeeded` when they are first painted.
class AttachmentPainter {
    Q_DECLARE_TR_FUNCTIONS(Confab::AttachmentPainter)
public:
    enum class Hit { None, Open, PlayPause, Seek, Cancel, Retry };

    explicit AttachmentPainter(ThumbnailCache *thumbnails);

    void setFileNeeded(std::function<void(const Attachment &)> fileNeeded)
    {
        m_fileNeeded = std::move(fileNeeded);
    }

    // The block's size in a bubble whose content may be `maxWidth` wide.
    QSize size(const QModelIndex &index, const QFont &font, int maxWidth) const;
    void paint(QPainter *painter, const QRect &rect, const QModelIndex &index, const QFont &font,
        bool own) const;
    // `seekFraction` receives where on a voice message's bar the click fell (0 to 1).
    Hit hitTest(const QRect &rect, const QModelIndex &index, const QFont &font, const QPoint &pos,
        qreal *seekFraction = nullptr) const;

private:
    struct Geometry;
    Geometry geometry(const QRect &rect, const QModelIndex &index, const QFont &font) const;
    QSize mediaSize(const QModelIndex &index, int maxWidth) const;
    void paintPicture(QPainter *painter, const Geometry &box, const QModelIndex &index) const;
    void paintFile(
        QPainter *painter, const Geometry &box, const QModelIndex &index, const QFont &font) const;
    void paintVoice(QPainter *painter, const Geometry &box, const QModelIndex &index,
        const QFont &font, bool own) const;
    void paintTransfer(
        QPainter *painter, const Geometry &box, const QModelIndex &index, const QFont &font) const;

    ThumbnailCache *m_thumbnails;
    std::function<void(const Attachment &)> m_fileNeeded;
};

} // namespace Confab
