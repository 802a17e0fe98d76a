#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Confab::Server {

// A text message as a WebSocket server puts it on the wire (RFC 6455: one final, unmasked
// frame). Made once per message, the same bytes go to every recipient's socket as they are,
// instead of being converted and framed again for each.
class WireFrame {
public:
    static QByteArray text(QByteArrayView utf8);
    // Any other final frame a server sends: binary (0x2), close (0x8), ping (0x9), pong (0xA).
    static QByteArray frame(quint8 opcode, QByteArrayView payload);
};

} // namespace Confab::Server
