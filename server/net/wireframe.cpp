#include "net/wireframe.h"

namespace Confab::Server {

QByteArray WireFrame::text(QByteArrayView utf8)
{
    return frame(WsOpcode::Text, utf8);
}

QByteArray WireFrame::frame(quint8 opcode, QByteArrayView payload)
{
    constexpr quint8 kFinal = 0x80;
    const quint64 size = quint64(payload.size());
    QByteArray out;
    out.reserve(payload.size() + 10);
    out.append(char(kFinal | opcode));
    if (size < 126) {
        out.append(char(size));
    } else if (size <= 0xffff) {
        out.append(char(126));
        out.append(char(size >> 8));
        out.append(char(size & 0xff));
    } else {
        out.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.append(char((size >> shift) & 0xff));
    }
    out.append(payload);
    return out;
}

} // namespace Confab::Server
