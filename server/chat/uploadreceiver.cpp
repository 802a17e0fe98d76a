#include "chat/uploadreceiver.h"

#include "chat/servercontext.h"
#include "chat/sessionref.h"
#include "config/serverconfig.h"
#include "files/blobstore.h"
#include "limits/bytebudget.h"
#include "limits/keyedcounter.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <protocol/chunkframe.h>

#include <QDateTime>
#include <QTimer>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr int kMaxUnansweredChunks = 8; // as the protocol asks of a client
constexpr qint64 kChunkRetryMs = 100;
constexpr int kBusyRetryMs = 20;
} // namespace

UploadReceiver::UploadReceiver(Session &session)
    : QObject(&session)
    , m_session(session)
    , m_activeUploads(session.context().activeUploads)
{
}

UploadReceiver::~UploadReceiver()
{
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it)
        m_activeUploads.release(it->row.ownerId);
}

void UploadReceiver::accept(const Request &request, const AttachmentRow &upload, qint64 received)
{
    m_active.insert(upload.id, { request, upload, received, 0, {} });
    m_session.reply(request, u"uploadReady"_s,
        { { "uploadId"_L1, upload.id }, { "offset"_L1, received },
            { "chunkSize"_L1, m_session.context().config.chunkBytes } });
    if (received == upload.size)
        complete(upload.id);
}

void UploadReceiver::handleChunk(const QByteArray &frame)
{
    const Request noRequest;
    const std::optional<ChunkFrame> chunk = ChunkFrame::decode(frame);
    if (!chunk) {
        m_session.fail(noRequest, ErrorCode::BadRequest, u"a chunk starts with 24 header bytes"_s);
        return;
    }
    const QString uploadId = chunk->id;
    const qint64 offset = chunk->offset;
    const auto it = m_active.find(uploadId);
    if (it == m_active.end()) {
        m_session.fail(noRequest, ErrorCode::BadRequest,
            u"no upload "_s + uploadId + u" on this connection"_s);
        return;
    }
    Active &active = *it;
    const qint64 length = chunk->data.size();
    QString problem;
    if (offset != active.accepted)
        problem = u"this chunk's offset is not the next byte of the upload"_s;
    else if (length > m_session.context().config.chunkBytes)
        problem = u"a chunk is larger than chunkSize"_s;
    else if (length == 0 || offset + length > active.row.size)
        problem = u"the chunk does not fit the declared size"_s;
    if (!problem.isEmpty()) {
        m_session.fail(active.request, ErrorCode::BadRequest, problem);
        return;
    }
    // A chunk refused here is not taken: the client sends it again after the wait.
    if (active.unanswered >= kMaxUnansweredChunks) {
        m_session.fail(active.request, ErrorCode::RateLimited,
            u"at most 8 chunks may wait for their uploadProgress"_s,
            { { "uploadId"_L1, uploadId }, { "retryAfterMs"_L1, kChunkRetryMs } });
        return;
    }
    active.accepted += length;
    ++active.unanswered;
    active.held.append({ offset, chunk->data });
    writeHeld(uploadId);
}

void UploadReceiver::writeHeld(const QString &uploadId)
{
    const auto it = m_active.find(uploadId);
    if (it == m_active.end())
        return;
    ServerContext &context = m_session.context();
    ByteBudget &queued = context.queuedUploadBytes;
    const BlobStore &blobs = context.blobs;
    while (!it->held.isEmpty()) {
        const auto &[offset, data] = it->held.first();
        const qint64 length = data.size();
        if (!queued.tryTake(length)) {
            // All uploads together have too much waiting to be written: this one waits (it
            // holds at most eight chunks), and the client, short of uploadProgress, with it.
            QTimer::singleShot(kBusyRetryMs, this, [this, uploadId] { writeHeld(uploadId); });
            return;
        }
        context.files.run([&blobs, &queued, ref = m_session.ref(), uploadId, offset = offset,
                              length, data = data](Repositories *) {
            const qint64 size = blobs.append(uploadId, offset, data);
            queued.giveBack(length); // here, so that it is given back also when the session is gone
            ref.post([uploadId, size](
                         Session &session) { session.uploads().chunkWritten(uploadId, size); });
        });
        it->held.removeFirst();
    }
}

void UploadReceiver::chunkWritten(const QString &uploadId, qint64 size)
{
    const auto it = m_active.find(uploadId);
    if (it == m_active.end())
        return;
    it->unanswered = qMax(0, it->unanswered - 1); // a chunk from before a resume may come late
    if (size < 0) {
        m_session.fail(
            it->request, ErrorCode::Internal, u"the server could not store this chunk"_s);
        finished(uploadId);
        return;
    }
    m_session.sendJson({ { "type"_L1, "uploadProgress"_L1 }, { "uploadId"_L1, uploadId },
        { "received"_L1, size } });
    if (size == it->row.size)
        complete(uploadId);
}

void UploadReceiver::complete(const QString &uploadId)
{
    const Active active = m_active.value(uploadId);
    ServerContext &context = m_session.context();
    const BlobStore &blobs = context.blobs;
    StoreWriter &writer = context.writer;
    context.files.run([&blobs, &writer, ref = m_session.ref(), active](Repositories *) {
        const BlobStore::Finish outcome = blobs.finish(active.row.id, active.row.sha256);
        if (outcome != BlobStore::Finish::Stored) {
            // A mismatch drops the data; a failure keeps it for a retry of the last step.
            writer.submit({ [active, outcome](Repositories &repos) {
                               if (outcome == BlobStore::Finish::Mismatch)
                                   repos.attachments.removeUpload(active.row.id);
                           },
                [ref, active, outcome](bool) {
                    ref.post([active, outcome](Session &session) {
                        if (outcome == BlobStore::Finish::Mismatch)
                            session.fail(active.request, ErrorCode::ChecksumMismatch,
                                u"the data does not match its sha256"_s);
                        else
                            session.fail(active.request, ErrorCode::Internal,
                                u"the server could not store the file"_s);
                        session.uploads().finished(active.row.id);
                    });
                } });
            return;
        }
        writer.write<AttachmentRow>(
            [active](Repositories &repos) {
                repos.attachments.removeUpload(active.row.id);
                // The same user finishing the same content twice keeps the first attachment.
                if (const auto existing
                    = repos.attachments.findByContent(active.row.ownerId, active.row.sha256))
                    return *existing;
                AttachmentRow row = active.row;
                row.id = active.row.id;
                repos.attachments.insert(row, QDateTime::currentMSecsSinceEpoch());
                return row;
            },
            [ref, active](std::optional<AttachmentRow> stored) {
                ref.post([active, stored](Session &session) {
                    if (!stored)
                        session.fail(active.request, ErrorCode::Internal,
                            u"the server could not store the file"_s);
                    else
                        session.reply(active.request, u"uploaded"_s,
                            { { "uploadId"_L1, active.row.id },
                                { "attachment"_L1, stored->toJson() } });
                    session.uploads().finished(active.row.id);
                });
            });
    });
}

void UploadReceiver::finished(const QString &uploadId)
{
    const auto it = m_active.constFind(uploadId);
    if (it == m_active.constEnd())
        return;
    m_activeUploads.release(it->row.ownerId);
    m_active.erase(it);
}

} // namespace Confab::Server
