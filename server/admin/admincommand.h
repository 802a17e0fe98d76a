#pragma once

#include <QStringList>

namespace Confab::Server {

struct ServerConfig;

// `confab-server user add|passwd|disable|enable|list ...`: administration on the same
// database the server uses. Returns the process exit code.
int runAdminCommand(const QStringList &args, const QString &displayName, const ServerConfig &config);

} // namespace Confab::Server
