#include "transfers.h"

#include "testclient.h"

#include <protocol/chunkframe.h>

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Transfers {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

UploadOptions named(const QString &name)
{
    UploadOptions options;
    options.name = name;
    return options;
}

UploadOptions partial(const QString &name, qint64 stopAfterBytes, const QString &declaredSha256)
{
    UploadOptions options = named(name);
    options.stopAfterBytes = stopAfterBytes;
    options.declaredSha256 = declaredSha256;
    return options;
}

QJsonObject upload(TestClient &client, const QByteArray &data, const UploadOptions &options,
    QJsonObject *ready)
{
    QJsonObject begin { { "type"_L1, "uploadBegin"_L1 }, { "name"_L1, options.name },
        { "mime"_L1, options.mime }, { "size"_L1, qint64(data.size()) }, { "kind"_L1, options.kind },
        { "sha256"_L1, options.declaredSha256.isEmpty() ? sha256Hex(data) : options.declaredSha256 } };
    if (options.durationMs >= 0)
        begin.insert("durationMs"_L1, options.durationMs);
    const QJsonObject reply = client.request(begin, 15000);
    if (ready)
        *ready = reply;
    if (reply.value("type"_L1).toString() != "uploadReady"_L1)
        return reply;
    const QString uploadId = reply.value("uploadId"_L1).toString();
    const QString requestId = reply.value("id"_L1).toString();
    const qint64 chunk = reply.value("chunkSize"_L1).toInteger();
    qint64 next = reply.value("offset"_L1).toInteger();
    qint64 acknowledged = next;
    int unanswered = 0;
    QJsonObject last = reply;
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        while (unanswered < 8 && next < data.size()
            && (options.stopAfterBytes < 0 || next < options.stopAfterBytes)) {
            client.socket().sendBinaryMessage(Confab::ChunkFrame::encode(uploadId, next, data.mid(next, chunk)));
            next += qMin<qint64>(chunk, data.size() - next);
            ++unanswered;
        }
        const QJsonObject frame = client.waitFor([&](const QJsonObject &f) {
            return f.value("uploadId"_L1).toString() == uploadId || f.value("id"_L1).toString() == requestId;
        }, 10000);
        if (frame.isEmpty())
            return {};
        const QString type = frame.value("type"_L1).toString();
        if (type != "uploadProgress"_L1)
            return frame;
        --unanswered;
        acknowledged = frame.value("received"_L1).toInteger();
        last = frame;
        if (options.stopAfterBytes >= 0 && acknowledged >= options.stopAfterBytes && unanswered == 0)
            return last;
    }
    return {};
}

Download download(TestClient &client, const QString &attachmentId, qint64 offset, int timeoutMs)
{
    Download result;
    client.binaryFrames().clear();
    QJsonObject request { { "type"_L1, "download"_L1 }, { "attachmentId"_L1, attachmentId } };
    if (offset > 0)
        request.insert("offset"_L1, offset);
    result.begin = client.request(request);
    if (result.begin.value("type"_L1).toString() != "downloadBegin"_L1)
        return result;
    const QJsonObject end = client.waitFor([&](const QJsonObject &f) {
        return f.value("type"_L1).toString() == "downloadEnd"_L1
            && f.value("attachmentId"_L1).toString() == attachmentId;
    }, timeoutMs);
    result.ended = !end.isEmpty();
    qint64 expected = offset;
    for (const QByteArray &frame : std::as_const(client.binaryFrames())) {
        const std::optional<Confab::ChunkFrame> chunk = Confab::ChunkFrame::decode(frame);
        if (!chunk || chunk->id != attachmentId)
            continue;
        if (chunk->offset != expected)
            return result; // out of order: leave data short so the test fails
        result.data += chunk->data;
        expected += chunk->data.size();
    }
    return result;
}

} // namespace Transfers
