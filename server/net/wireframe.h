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
};

} // namespace Confab::Server
