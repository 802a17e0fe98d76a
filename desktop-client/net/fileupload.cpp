#include "net/fileupload.h"

#include "net/clientlogging.h"
#include "net/connection.h"
#include "net/filework.h"

#include <protocol/chunkframe.h>

#include <QTimer>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxUnanswered = 8; // the protocol's window
}

FileUpload::FileUpload(Connection *connection, const OutboxEntry &entry, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_entry(entry)
{
    Q_ASSERT(entry.attachment);
}

FileUpload::~FileUpload()
{
    stop();
}

void FileUpload::start()
{
    stop();
    m_running = true;
    const quint64 generation = ++m_generation;
    if (!m_entry.attachment->sha256.isEmpty()) {
        begin();
        return;
    }
    FileWork::whenDone(
        FileWork::digest(m_entry.localPath), this, [this, generation](FileWork::Digest digest) {
            if (generation != m_generation)
                return;
            if (digest.size < 0) {
                fail(u"file_unreadable"_s);
                return;
            }
            m_entry.attachment->size = digest.size;
            m_entry.attachment->sha256 = digest.sha256;
            Q_EMIT digested(*m_entry.attachment);
            begin();
        });
}

void FileUpload::stop()
{
    ++m_generation;
    m_running = false;
    m_reading = false;
    m_unanswered = 0;
    m_uploadId.clear();
    if (m_connection && !m_requestId.isEmpty())
        m_connection->closeRequest(m_requestId);
    m_requestId.clear();
}

void FileUpload::begin()
{
    const Attachment &file = *m_entry.attachment;
    QJsonObject fields { { "name"_L1, file.name }, { "mime"_L1, file.mime },
        { "size"_L1, file.size }, { "sha256"_L1, file.sha256 }, { "kind"_L1, file.kind } };
    if (file.kind == Attachment::Voice)
        fields.insert("durationMs"_L1, file.durationMs);
    const quint64 generation = m_generation;
    m_requestId = m_connection->openRequest(
        u"uploadBegin"_s, fields, this, [this, generation](const QJsonObject &reply) {
            if (generation == m_generation)
                onReply(reply);
        });
}

void FileUpload::onReply(const QJsonObject &reply)
{
    const QString type = reply.value("type"_L1).toString();
    if (type == "uploadReady"_L1) {
        m_uploadId = reply.value("uploadId"_L1).toString();
        m_chunkSize = std::max<qint64>(1, reply.value("chunkSize"_L1).toInteger());
        m_next = m_acknowledged = reply.value("offset"_L1).toInteger();
        qCDebug(lcClientFiles) << "upload" << clientMsgId() << "from" << m_next << "of" << size();
        Q_EMIT began(m_next);
        Q_EMIT progressed(m_acknowledged, size());
        pump();
        return;
    }
    if (type == "uploaded"_L1) {
        const std::optional<Attachment> attachment
            = Attachment::fromJson(reply.value("attachment"_L1).toObject());
        stop();
        if (!attachment || !attachment->isUploaded()) {
            fail(u"bad_request"_s);
            return;
        }
        m_acknowledged = size();
        Q_EMIT progressed(size(), size());
        Q_EMIT completed(*attachment);
        return;
    }
    const QString code = reply.value("code"_L1).toString();
    if (code == "offline"_L1) {
        stop(); // started again when the connection is back
        return;
    }
    if (code == "rate_limited"_L1) {
        // Too many uploads at once on this account: try again when the server says.
        stop();
        m_running = true;
        const int delay = std::max(200, reply.value("retryAfterMs"_L1).toInt());
        QTimer::singleShot(delay, this, [this, generation = m_generation] {
            if (generation == m_generation)
                start();
        });
        return;
    }
    if (code == "checksum_mismatch"_L1)
        m_entry.attachment->sha256.clear(); // the file changed: digest it again on retry
    fail(code == "too_large"_L1 ? u"file_too_large"_s : code, reply.value("message"_L1).toString());
}

void FileUpload::acknowledge(qint64 received)
{
    if (!m_running || m_uploadId.isEmpty())
        return;
    m_acknowledged = std::max(m_acknowledged, received);
    m_unanswered = std::max(0, m_unanswered - 1);
    Q_EMIT progressed(m_acknowledged, size());
    pump();
}

void FileUpload::pump()
{
    if (!m_running || m_reading || m_uploadId.isEmpty() || m_next >= size()
        || m_unanswered >= kMaxUnanswered)
        return;
    m_reading = true;
    const qint64 offset = m_next;
    FileWork::whenDone(
        FileWork::read(m_entry.localPath, offset, std::min(m_chunkSize, size() - offset)), this,
        [this, offset, generation = m_generation](std::optional<QByteArray> data) {
            if (generation == m_generation)
                sendChunk(offset, data);
        });
}

void FileUpload::sendChunk(qint64 offset, const std::optional<QByteArray> &data)
{
    m_reading = false;
    if (!data || data->isEmpty()) {
        fail(u"file_unreadable"_s);
        return;
    }
    m_connection->sendBinary(ChunkFrame::encode(m_uploadId, offset, *data));
    m_next = offset + data->size();
    ++m_unanswered;
    pump();
}

void FileUpload::fail(const QString &code, const QString &message)
{
    qCInfo(lcClientFiles) << "upload of" << clientMsgId() << "failed:" << code << message;
    stop();
    Q_EMIT failed(code, message);
}

} // namespace Confab
