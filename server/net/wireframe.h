#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Confab::Server {

// The frame opcodes of RFC 6455 section 5.2.
namespace WsOpcode {
constexpr quint8 Continuation = 0x0;
constexpr quint8 Text = 0x1;
constexpr quint8 Binary = 0x2;
constexpr quint8 Close = 0x8;
constexpr quint8 Ping = 0x9;
constexpr quint8 Pong = 0xA;
} // namespace WsOpcode

// A text message as a WebSocket server puts it on the wire (RFC 6455: one final, unmasked
// frame). Made once per message, the same bytes go to every recipient's socket as they are,
// instead of being converted and framed again for each.
class WireFrame {
public:
    static QByteArray text(QByteArrayView utf8);
    // Any other final frame a server sends (binary, close, ping, pong).
    static QByteArray frame(quint8 opcode, QByteArrayView payload);
};

} // namespace Confab::Server
