#pragma once

#include <QtGlobal>

namespace Confab::Server::DirectSend {

// Writes as much of `data` to the connected socket `descriptor` as it takes without waiting
// and returns how much that was: 0 when it would block, when it failed, or on a platform
// where it cannot write without Qt in between. The caller gives the rest to the QTcpSocket,
// which waits for the socket to drain and reports any error the usual way.
qsizetype send(qintptr descriptor, const char *data, qsizetype size);

} // namespace Confab::Server::DirectSend
