#include "protocol/chunkframe.h"

#include <QtEndian>

#include <algorithm>

namespace Confab {

QByteArray ChunkFrame::encode(const QString &hexId, qint64 offset, QByteArrayView data)
{
    QByteArray frame(HeaderBytes, '\0');
    frame.reserve(HeaderBytes + data.size());
    const QByteArray id = QByteArray::fromHex(hexId.toLatin1()).left(HeaderBytes - 8);
    std::copy(id.cbegin(), id.cend(), frame.begin());
    qToBigEndian<quint64>(quint64(offset), frame.data() + HeaderBytes - 8);
    frame.append(data);
    return frame;
}

std::optional<ChunkFrame> ChunkFrame::decode(const QByteArray &frame)
{
    if (frame.size() < HeaderBytes)
        return std::nullopt;
    ChunkFrame chunk;
    chunk.id = QString::fromLatin1(frame.first(HeaderBytes - 8).toHex());
    chunk.offset = qint64(qFromBigEndian<quint64>(frame.constData() + HeaderBytes - 8));
    chunk.data = frame.sliced(HeaderBytes);
    return chunk;
}

} // namespace Confab
