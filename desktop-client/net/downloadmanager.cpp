#include "net/downloadmanager.h"

#include "net/attachmentcache.h"
#include "net/connection.h"
#include "net/filedownload.h"

#include <protocol/chunkframe.h>

namespace Confab {

namespace {
constexpr int kConcurrentDownloads = 3;
}

DownloadManager::DownloadManager(Connection *connection, AttachmentCache *cache, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
{
    connect(connection, &Connection::binaryReceived, this, &DownloadManager::onBinary);
}

DownloadManager::~DownloadManager()
{
    clear();
}

void DownloadManager::setReady(bool ready)
{
    m_ready = ready;
    for (FileDownload *download : std::as_const(m_downloads)) {
        if (!ready)
            download->stop();
    }
    flush();
}

void DownloadManager::fetch(const Attachment &attachment)
{
    const QString id = attachment.attachmentId;
    if (id.isEmpty() || m_downloads.contains(id))
        return;
    const QString cached = m_cache->cachedPath(attachment);
    if (!cached.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, id, cached] { Q_EMIT fetched(id, cached); }, Qt::QueuedConnection);
        return;
    }
    auto *download = new FileDownload(m_connection, m_cache, attachment, this);
    connect(download, &FileDownload::began, this,
        [this, id](qint64 offset) { Q_EMIT began(id, offset); });
    connect(download, &FileDownload::progressed, this, [this, id](qint64 received, qint64 total) {
        m_progress.insert(id, { received, total });
        Q_EMIT progressed(id, received, total);
    });
    connect(download, &FileDownload::completed, this, [this, id](const QString &path) {
        remove(id);
        Q_EMIT fetched(id, path);
        flush();
    });
    connect(download, &FileDownload::failed, this,
        [this, id](const QString &code, const QString &message) {
            remove(id);
            Q_EMIT failed(id, code, message);
            flush();
        });
    m_downloads.insert(id, download);
    m_order.append(id);
    flush();
}

void DownloadManager::flush()
{
    if (!m_ready)
        return;
    int running = 0;
    for (const QString &id : std::as_const(m_order)) {
        FileDownload *download = m_downloads.value(id);
        if (running >= kConcurrentDownloads)
            return;
        if (!download->isRunning())
            download->start();
        ++running;
    }
}

void DownloadManager::onBinary(const QByteArray &frame)
{
    const std::optional<ChunkFrame> chunk = ChunkFrame::decode(frame);
    if (!chunk)
        return;
    if (FileDownload *download = m_downloads.value(chunk->id))
        download->receive(*chunk);
}

void DownloadManager::remove(const QString &attachmentId)
{
    if (FileDownload *download = m_downloads.take(attachmentId)) {
        download->stop();
        download->deleteLater();
    }
    m_order.removeOne(attachmentId);
    m_progress.remove(attachmentId);
}

void DownloadManager::clear()
{
    const QList<QString> ids = m_order;
    for (const QString &id : ids)
        remove(id);
}

} // namespace Confab
