#include "models/attachmentstate.h"

#include "net/chatclient.h"
#include "net/errortext.h"

namespace Confab {

AttachmentState::AttachmentState(ChatClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    UploadManager *uploads = client->uploads();
    connect(uploads, &UploadManager::progressed, this,
        [this](const QString &clientMsgId) { Q_EMIT changed(clientMsgId); });
    connect(uploads, &UploadManager::began, this, [this](const QString &clientMsgId) {
        m_uploadErrors.remove(clientMsgId);
        Q_EMIT changed(clientMsgId);
    });
    connect(uploads, &UploadManager::failed, this,
        [this](const QString &clientMsgId, const QString &, const QString &code,
            const QString &message) {
            m_uploadErrors.insert(clientMsgId, errorText(code, message));
            Q_EMIT changed(clientMsgId);
        });
    DownloadManager *downloads = client->downloads();
    connect(downloads, &DownloadManager::progressed, this,
        [this](const QString &attachmentId) { Q_EMIT changed(attachmentId); });
    connect(downloads, &DownloadManager::began, this, [this](const QString &attachmentId) {
        m_downloadErrors.remove(attachmentId);
        Q_EMIT changed(attachmentId);
    });
    connect(downloads, &DownloadManager::fetched, this,
        [this](const QString &attachmentId) { Q_EMIT changed(attachmentId); });
    connect(downloads, &DownloadManager::failed, this,
        [this](const QString &attachmentId, const QString &code, const QString &message) {
            m_downloadErrors.insert(attachmentId, errorText(code, message));
            Q_EMIT changed(attachmentId);
        });
    connect(client->attachmentCache(), &AttachmentCache::added, this, &AttachmentState::changed);
}

AttachmentState::Transfer AttachmentState::upload(const QString &clientMsgId) const
{
    const std::optional<OutboxEntry> entry = m_client->outbox().find(clientMsgId);
    if (!entry || !entry->needsUpload())
        return {};
    const TransferProgress progress = m_client->uploads()->progress(clientMsgId);
    Transfer transfer { Transfer::Uploading, progress.done,
        progress.total > 0 ? progress.total : entry->attachment->size, {} };
    if (!entry->uploadError.isEmpty()) {
        transfer.phase = Transfer::UploadFailed;
        transfer.error = m_uploadErrors.value(clientMsgId, errorText(entry->uploadError));
    }
    return transfer;
}

AttachmentState::Transfer AttachmentState::download(const QString &attachmentId) const
{
    if (m_client->downloads()->isFetching(attachmentId)) {
        const TransferProgress progress = m_client->downloads()->progress(attachmentId);
        return { Transfer::Downloading, progress.done, progress.total, {} };
    }
    const auto error = m_downloadErrors.constFind(attachmentId);
    if (error != m_downloadErrors.cend())
        return { Transfer::DownloadFailed, 0, 0, *error };
    return {};
}

QString AttachmentState::localFile(const Attachment &attachment, const QString &fallback) const
{
    const QString cached = m_client->attachmentCache()->cachedPath(attachment);
    return cached.isEmpty() ? fallback : cached;
}

void AttachmentState::setPlayback(const QString &attachmentId, const Playback &playback)
{
    if (playback.playing || playback.positionMs > 0)
        m_playback.insert(attachmentId, playback);
    else
        m_playback.remove(attachmentId);
    Q_EMIT changed(attachmentId);
}

} // namespace Confab
