#include "chat/downloadsender.h"
#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/servercontext.h"
#include "chat/uploadreceiver.h"
#include "config/serverconfig.h"
#include "files/blobstore.h"
#include "limits/keyedcounter.h"
#include "protocol/ids.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// When a user has the most uploads in progress at once: no slot frees at a known time.
constexpr int kUploadSlotRetryMs = 1000;

const QString kEmptySha256
    = QString::fromLatin1(QCryptographicHash::hash({}, QCryptographicHash::Sha256).toHex());

// What uploadBegin found: a finished attachment of the same content, or an upload to
// continue or start.
struct UploadStart {
    Refusal refused;
    std::optional<AttachmentRow> finished;
    AttachmentRow upload;
};

UploadStart beginUpload(Repositories &repos, const AttachmentRow &wanted, qint64 quota)
{
    UploadStart start;
    if (auto existing = repos.attachments.findByContent(wanted.ownerId, wanted.sha256)) {
        start.finished = existing;
        return start;
    }
    if (wanted.size == 0) {
        AttachmentRow empty = wanted;
        empty.id = newRandomId();
        repos.attachments.insert(empty, QDateTime::currentMSecsSinceEpoch());
        start.finished = empty;
        return start;
    }
    if (auto resumable
        = repos.attachments.findUploadByContent(wanted.ownerId, wanted.sha256, wanted.size)) {
        start.upload = *resumable;
        return start;
    }
    if (repos.attachments.bytesOwnedBy(wanted.ownerId) + wanted.size > quota) {
        start.refused
            = refusal(ErrorCode::TooLarge, u"this file would exceed your storage quota"_s);
        return start;
    }
    start.upload = wanted;
    start.upload.id = newRandomId();
    repos.attachments.insertUpload(start.upload, QDateTime::currentMSecsSinceEpoch());
    return start;
}

void replyUploaded(Session &session, const Request &request, const AttachmentRow &attachment)
{
    session.reply(request, u"uploaded"_s,
        { { "uploadId"_L1, newRandomId() }, { "attachment"_L1, attachment.toJson() } });
}

void handleUploadBegin(Session &session, const Request &request)
{
    ServerContext &context = session.context();
    AttachmentRow wanted;
    wanted.ownerId = session.userId();
    wanted.name = request.string("name"_L1).trimmed();
    wanted.mime = request.string("mime"_L1).trimmed();
    wanted.size = request.integer("size"_L1);
    wanted.sha256 = request.string("sha256"_L1);
    wanted.kind = request.string("kind"_L1);
    wanted.durationMs = request.integer("durationMs"_L1);
    if (wanted.kind != "file"_L1 && wanted.kind != "image"_L1 && wanted.kind != "voice"_L1) {
        session.fail(request, ErrorCode::BadRequest, u"kind is file, image or voice"_s);
        return;
    }
    if (wanted.kind == "voice"_L1 && !request.has("durationMs"_L1)) {
        session.fail(request, ErrorCode::BadRequest, u"a voice message needs durationMs"_s);
        return;
    }
    if (wanted.name.isEmpty()) {
        session.fail(request, ErrorCode::BadRequest, u"a file needs a name"_s);
        return;
    }
    if (wanted.mime.isEmpty())
        wanted.mime = u"application/octet-stream"_s;
    if (wanted.size > context.config.maxFileBytes) {
        session.fail(
            request, ErrorCode::TooLarge, u"the file is larger than this server accepts"_s);
        return;
    }
    if (wanted.size == 0 && wanted.sha256 != kEmptySha256) {
        session.fail(request, ErrorCode::ChecksumMismatch, u"the data does not match its sha256"_s);
        return;
    }
    const BlobStore &blobs = context.blobs;
    WorkerPool &files = context.files;
    context.writer.write<UploadStart>(
        [wanted, quota = context.config.quotaBytes](
            Repositories &repos) { return beginUpload(repos, wanted, quota); },
        [&blobs, &files, ref = session.ref(), request](std::optional<UploadStart> start) {
            if (!start) {
                postInternalError(ref, request);
                return;
            }
            if (start->refused || start->finished) {
                const bool empty = start->finished && start->finished->size == 0;
                files.run([&blobs, ref, request, start = *start, empty](Repositories *) {
                    if (empty)
                        blobs.storeEmpty(start.finished->sha256);
                    postOutcome(ref, request, start.refused, [request, start](Session &session) {
                        replyUploaded(session, request, *start.finished);
                    });
                });
                return;
            }
            files.run([&blobs, ref, request, upload = start->upload](Repositories *) {
                const qint64 received = blobs.openPartial(upload.id);
                ref.post([request, upload, received](Session &session) {
                    if (received < 0) {
                        session.fail(
                            request, ErrorCode::Internal, u"the server could not store the file"_s);
                        return;
                    }
                    // Begun again on the same connection (a client resuming): it keeps its place.
                    ServerContext &context = session.context();
                    if (!session.uploads().isActive(upload.id)
                        && !context.activeUploads.tryAcquire(upload.ownerId)) {
                        session.fail(request, ErrorCode::RateLimited, u"too many uploads at once"_s,
                            { { "retryAfterMs"_L1, kUploadSlotRetryMs } });
                        return;
                    }
                    session.uploads().accept(request, upload, received);
                });
            });
        });
}

void handleDownload(Session &session, const Request &request)
{
    const qint64 offset = request.integer("offset"_L1);
    struct Found {
        std::optional<AttachmentRow> row;
    };
    session.context().readers.read<Found>(
        [userId = session.userId(), attachmentId = request.string("attachmentId"_L1)](
            Repositories &repos) {
            // Someone who may not see it learns nothing more than for an id that does not exist.
            if (!repos.attachments.maySee(attachmentId, userId))
                return Found {};
            return Found { repos.attachments.find(attachmentId) };
        },
        [ref = session.ref(), request, offset](std::optional<Found> found) {
            if (!found) {
                postInternalError(ref, request);
                return;
            }
            ref.post([request, offset, row = found->row](Session &session) {
                if (!row) {
                    session.fail(request, ErrorCode::NotFound, u"no such attachment"_s);
                    return;
                }
                if (offset > row->size) {
                    session.fail(
                        request, ErrorCode::BadRequest, u"offset is past the end of the file"_s);
                    return;
                }
                session.downloads().start(request, *row, offset);
            });
        });
}

} // namespace

void registerFileHandlers(HandlerTable &table)
{
    table.add(u"uploadBegin"_s, handleUploadBegin, SignedInWrite);
    table.add(u"download"_s, handleDownload, SignedInRead);
}

} // namespace Confab::Server
