#include "net/uploadmanager.h"

#include "net/attachmentcache.h"
#include "net/clientlogging.h"
#include "net/connection.h"
#include "net/fileupload.h"
#include "net/filework.h"

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kConcurrentUploads = 2; // the server allows a few per account
}

UploadManager::UploadManager(
    Connection *connection, Outbox *outbox, AttachmentCache *cache, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_outbox(outbox)
    , m_cache(cache)
{
    connect(connection, &Connection::pushReceived, this, &UploadManager::onPush);
}

UploadManager::~UploadManager()
{
    clear();
}

void UploadManager::setReady(bool ready)
{
    m_ready = ready;
    for (FileUpload *upload : std::as_const(m_uploads)) {
        if (!ready)
            upload->stop();
    }
    flush();
}

void UploadManager::flush()
{
    if (!m_ready)
        return;
    int running = 0;
    for (const FileUpload *upload : std::as_const(m_uploads))
        running += upload->isRunning() ? 1 : 0;
    const QList<OutboxEntry> entries = m_outbox->entries();
    for (const OutboxEntry &entry : entries) {
        if (running >= kConcurrentUploads)
            return;
        if (!entry.needsUpload() || !entry.uploadError.isEmpty())
            continue;
        FileUpload *upload = m_uploads.value(entry.clientMsgId);
        if (upload && upload->isRunning())
            continue;
        if (!upload)
            startUpload(entry);
        else
            upload->start();
        ++running;
    }
}

void UploadManager::startUpload(const OutboxEntry &entry)
{
    auto *upload = new FileUpload(m_connection, entry, this);
    m_uploads.insert(entry.clientMsgId, upload);
    const QString clientMsgId = entry.clientMsgId;
    const QString roomId = entry.roomId;
    connect(upload, &FileUpload::digested, this, [this, clientMsgId](const Attachment &attachment) {
        if (std::optional<OutboxEntry> stored = m_outbox->find(clientMsgId)) {
            stored->attachment = attachment;
            m_outbox->update(*stored);
        }
    });
    connect(upload, &FileUpload::began, this,
        [this, clientMsgId](qint64 offset) { Q_EMIT began(clientMsgId, offset); });
    connect(upload, &FileUpload::progressed, this,
        [this, clientMsgId, roomId](qint64 sent, qint64 total) {
            m_progress.insert(clientMsgId, { sent, total });
            Q_EMIT progressed(clientMsgId, roomId, sent, total);
        });
    connect(upload, &FileUpload::completed, this,
        [this, upload](const Attachment &attachment) { onCompleted(upload, attachment); });
    connect(upload, &FileUpload::failed, this,
        [this, upload](
            const QString &code, const QString &message) { onFailed(upload, code, message); });
    upload->start();
}

void UploadManager::onPush(const QJsonObject &frame)
{
    if (frame.value("type"_L1).toString() != "uploadProgress"_L1)
        return;
    const QString uploadId = frame.value("uploadId"_L1).toString();
    for (FileUpload *upload : std::as_const(m_uploads)) {
        if (upload->uploadId() == uploadId) {
            upload->acknowledge(frame.value("received"_L1).toInteger());
            return;
        }
    }
}

void UploadManager::onCompleted(FileUpload *upload, const Attachment &attachment)
{
    const QString clientMsgId = upload->clientMsgId();
    std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    remove(clientMsgId);
    if (entry) {
        qCInfo(lcClientFiles) << "uploaded" << clientMsgId << "as" << attachment.attachmentId;
        // Own pictures and voice messages show and play without downloading them again.
        if (entry->ownsFile || attachment.kind != Attachment::File)
            m_cache->adopt(attachment, entry->localPath, entry->ownsFile);
        entry->attachment = attachment;
        m_outbox->update(*entry);
        Q_EMIT uploaded(clientMsgId);
    }
    flush();
}

void UploadManager::onFailed(FileUpload *upload, const QString &code, const QString &message)
{
    const QString clientMsgId = upload->clientMsgId();
    std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    const TransferProgress reached = m_progress.value(clientMsgId);
    remove(clientMsgId);
    m_progress.insert(clientMsgId, reached); // shown until the retry
    if (entry) {
        entry->uploadError = code;
        m_outbox->update(*entry);
        Q_EMIT failed(clientMsgId, entry->roomId, code, message);
    }
    flush();
}

void UploadManager::retry(const QString &clientMsgId)
{
    std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    if (!entry || entry->uploadError.isEmpty())
        return;
    entry->uploadError.clear();
    m_outbox->update(*entry);
    flush();
}

void UploadManager::cancel(const QString &clientMsgId)
{
    std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    if (!entry || !entry->needsUpload())
        return; // already uploaded: the message is on its way
    remove(clientMsgId);
    m_outbox->remove(clientMsgId);
    if (entry->ownsFile)
        FileWork::remove(entry->localPath);
    Q_EMIT cancelled(clientMsgId, entry->roomId);
    flush();
}

void UploadManager::remove(const QString &clientMsgId)
{
    if (FileUpload *upload = m_uploads.take(clientMsgId)) {
        upload->stop();
        upload->deleteLater();
    }
    m_progress.remove(clientMsgId);
}

void UploadManager::clear()
{
    const QStringList ids = m_uploads.keys();
    for (const QString &id : ids)
        remove(id);
}

} // namespace Confab
