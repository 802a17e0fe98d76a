#include "chat/downloadsender.h"

#include "chat/servercontext.h"
#include "chat/sessionref.h"
#include "config/serverconfig.h"
#include "files/blobstore.h"
#include "net/connection.h"
#include "store/workerpool.h"

#include <protocol/chunkframe.h>

namespace Confab::Server {

using namespace Qt::StringLiterals;

DownloadSender::DownloadSender(Session &session)
    : QObject(&session)
    , m_session(session)
{
}

void DownloadSender::start(const Request &request, const AttachmentRow &attachment, qint64 offset)
{
    m_session.reply(request, u"downloadBegin"_s,
        { { "attachmentId"_L1, attachment.id }, { "size"_L1, attachment.size },
            { "name"_L1, attachment.name }, { "mime"_L1, attachment.mime },
            { "sha256"_L1, attachment.sha256 } });
    m_streams.append({ request, attachment, offset });
    pump();
}

void DownloadSender::pump()
{
    const ServerConfig &config = m_session.context().config;
    while (!m_reading && !m_streams.isEmpty()) {
        Stream &stream = m_streams.first();
        if (stream.offset >= stream.row.size) {
            m_session.reply(stream.request, u"downloadEnd"_s, { { "attachmentId"_L1, stream.row.id } });
            m_streams.removeFirst();
            continue;
        }
        if (m_session.connection().bytesToWrite() > config.downloadBufferBytes)
            return; // resumed by the socket's bytesWritten
        m_reading = true;
        const BlobStore &blobs = m_session.context().blobs;
        m_session.context().files.run([&blobs, ref = m_session.ref(), sha256 = stream.row.sha256,
                                          offset = stream.offset, chunk = config.chunkBytes](Repositories *) {
            const QByteArray data = blobs.read(sha256, offset, chunk);
            ref.post([data](Session &session) { session.downloads().chunkRead(data); });
        });
    }
}

void DownloadSender::chunkRead(const QByteArray &data)
{
    m_reading = false;
    if (m_streams.isEmpty())
        return;
    Stream stream = m_streams.takeFirst();
    if (data.isEmpty()) {
        m_session.fail(stream.request, ErrorCode::Internal, u"the server could not read the file"_s);
        pump();
        return;
    }
    m_session.connection().sendBinary(ChunkFrame::encode(stream.row.id, stream.offset, data));
    stream.offset += data.size();
    // Round robin: the next chunk goes to the next download of this session.
    m_streams.append(stream);
    pump();
}

} // namespace Confab::Server
