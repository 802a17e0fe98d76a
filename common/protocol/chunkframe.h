#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Confab {

// The binary frame of an upload or download chunk: 16 bytes of id (the 32 hex characters
// of an uploadId or attachmentId, decoded), 8 bytes of offset (unsigned, big-endian), data.
struct ChunkFrame {
    static constexpr qsizetype HeaderBytes = 24;

    QString id; // lower-case hex
    qint64 offset = 0;
    QByteArray data;

    static QByteArray encode(const QString &hexId, qint64 offset, QByteArrayView data);
    // Nothing when the frame is shorter than its header.
    static std::optional<ChunkFrame> decode(const QByteArray &frame);
};

} // namespace Confab
