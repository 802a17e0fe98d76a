#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>

namespace Confab {

// Small versions of pictures for the conversation, decoded off the GUI thread and kept in
// memory (most recently used first). thumbnail() answers at once: the image, or a null one
// while it loads, followed by `loaded`.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(QObject *parent = nullptr);

    static constexpr int MaxEdge = 520; // pixels: 260 points on a 2x screen

    QImage thumbnail(const QString &path);

Q_SIGNALS:
    void loaded(const QString &path);

private:
    QCache<QString, QImage> m_images;
    QSet<QString> m_loading;
    QSet<QString> m_failed;
};

} // namespace Confab
