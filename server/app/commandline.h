#pragma once

#include "config/serverconfig.h"

#include <QStringList>

namespace Confab::Server {

// The command line: options over the config file over the defaults, and the admin
// command words when there are any.
struct CommandLine {
    ServerConfig config;
    QStringList adminArgs; // e.g. {"user", "add", "alice"}; empty to run the server
    QString displayName;
    QString error; // set when the command line or config file is not usable

    static CommandLine parse(const QStringList &arguments);
};

} // namespace Confab::Server
