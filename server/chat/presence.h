#pragma once

#include <QString>

namespace Confab::Server {

struct ServerContext;

// Tells everyone who shares a room with a user that the user came online or went offline.
namespace Presence {
void announceOnline(ServerContext &context, const QString &userId);
void announceOffline(ServerContext &context, const QString &userId);
}

} // namespace Confab::Server
