#include "ui/thumbnailcache.h"

#include "net/filework.h"

#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

namespace Confab {

namespace {
constexpr qsizetype kCacheBytes = 64 * 1024 * 1024;

QImage decode(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid()
        && (size.width() > ThumbnailCache::MaxEdge || size.height() > ThumbnailCache::MaxEdge))
        reader.setScaledSize(
            size.scaled(ThumbnailCache::MaxEdge, ThumbnailCache::MaxEdge, Qt::KeepAspectRatio));
    return reader.read();
}
}

ThumbnailCache::ThumbnailCache(QObject *parent)
    : QObject(parent)
    , m_images(kCacheBytes)
{
}

QImage ThumbnailCache::thumbnail(const QString &path)
{
    if (path.isEmpty())
        return {};
    if (const QImage *image = m_images.object(path))
        return *image;
    if (m_loading.contains(path) || m_failed.contains(path))
        return {};
    m_loading.insert(path);
    FileWork::whenDone(QtConcurrent::run(decode, path), this, [this, path](const QImage &image) {
        m_loading.remove(path);
        if (image.isNull())
            m_failed.insert(path);
        else
            m_images.insert(path, new QImage(image), qsizetype(image.sizeInBytes()));
        Q_EMIT loaded(path);
    });
    return {};
}

} // namespace Confab
