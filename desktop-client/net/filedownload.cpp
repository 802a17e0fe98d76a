#include "net/filedownload.h"

#include "net/attachmentcache.h"
#include "net/clientlogging.h"
#include "net/connection.h"
#include "net/filework.h"

#include <protocol/chunkframe.h>

namespace Confab {

using namespace Qt::StringLiterals;

FileDownload::FileDownload(
    Connection *connection, AttachmentCache *cache, const Attachment &attachment, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
    , m_attachment(attachment)
{
}

FileDownload::~FileDownload()
{
    stop();
}

void FileDownload::start()
{
    stop();
    m_running = true;
    m_writeFailed = false;
    // Queued behind any write still pending, so the size is what is really on disk.
    FileWork::whenDone(FileWork::resumeOffset(
                           m_cache->partialPath(m_attachment), m_cache->finalPath(m_attachment)),
        this, [this, generation = m_generation](qint64 offset) {
            if (generation != m_generation)
                return;
            if (offset >= 0) {
                request(offset);
                return;
            }
            m_running = false; // here already (the cache's index did not know it yet)
            m_cache->add(m_attachment, m_cache->finalPath(m_attachment));
            Q_EMIT completed(m_cache->finalPath(m_attachment));
        });
}

void FileDownload::stop()
{
    ++m_generation;
    m_running = false;
    if (m_connection && !m_requestId.isEmpty())
        m_connection->closeRequest(m_requestId);
    m_requestId.clear();
}

void FileDownload::request(qint64 offset)
{
    m_next = offset;
    QJsonObject fields { { "attachmentId"_L1, m_attachment.attachmentId } };
    if (offset > 0)
        fields.insert("offset"_L1, offset);
    const quint64 generation = m_generation;
    m_requestId = m_connection->openRequest(
        u"download"_s, fields, this, [this, generation](const QJsonObject &reply) {
            if (generation == m_generation)
                onReply(reply);
        });
}

void FileDownload::onReply(const QJsonObject &reply)
{
    const QString type = reply.value("type"_L1).toString();
    if (type == "downloadBegin"_L1) {
        m_attachment.size = reply.value("size"_L1).toInteger();
        m_attachment.sha256 = reply.value("sha256"_L1).toString();
        if (m_next > m_attachment.size) {
            // What lies on disk cannot be the start of this file: start over.
            m_connection->closeRequest(m_requestId);
            request(0);
            return;
        }
        qCDebug(lcClientFiles) << "download" << m_attachment.attachmentId << "from" << m_next;
        Q_EMIT began(m_next);
        Q_EMIT progressed(m_next, m_attachment.size);
        return;
    }
    if (type == "downloadEnd"_L1) {
        finish();
        return;
    }
    const QString code = reply.value("code"_L1).toString();
    if (code == "offline"_L1) {
        stop(); // started again when the connection is back
        return;
    }
    fail(code, reply.value("message"_L1).toString());
}

void FileDownload::receive(const ChunkFrame &chunk)
{
    if (!m_running || m_requestId.isEmpty())
        return;
    if (chunk.offset != m_next) {
        qCWarning(lcClientFiles) << "chunk out of order for" << m_attachment.attachmentId;
        start();
        return;
    }
    FileWork::whenDone(
        FileWork::write(m_cache->partialPath(m_attachment), chunk.offset, chunk.data), this,
        [this](bool written) { m_writeFailed = m_writeFailed || !written; });
    m_next += chunk.data.size();
    Q_EMIT progressed(m_next, m_attachment.size);
}

void FileDownload::finish()
{
    m_connection->closeRequest(m_requestId);
    m_requestId.clear();
    const QString partial = m_cache->partialPath(m_attachment);
    if (m_next == 0)
        FileWork::write(partial, 0, {}); // an empty file still needs its partial
    const QString target = m_cache->finalPath(m_attachment);
    FileWork::whenDone(FileWork::finish(partial, m_attachment.sha256, target), this,
        [this, target, generation = m_generation](bool placed) {
            if (generation != m_generation)
                return;
            if (!placed || m_writeFailed) {
                fail(m_writeFailed ? u"cannot_save"_s : u"checksum_mismatch"_s);
                return;
            }
            m_running = false;
            m_cache->add(m_attachment, target);
            Q_EMIT completed(target);
        });
}

void FileDownload::fail(const QString &code, const QString &message)
{
    qCInfo(lcClientFiles) << "download of" << m_attachment.attachmentId << "failed:" << code
                          << message;
    stop();
    Q_EMIT failed(code, message);
}

} // namespace Confab
