#include "net/wireframe.h"

namespace Confab::Server {

QByteArray WireFrame::text(QByteArrayView utf8)
{
    constexpr char kFinalText = char(0x81);
    const quint64 size = quint64(utf8.size());
    QByteArray frame;
    frame.reserve(utf8.size() + 10);
    frame.append(kFinalText);
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    frame.append(utf8);
    return frame;
}

} // namespace Confab::Server
