#pragma once

#include "protocolsteps.h"
#include "serverprocess.h"

#include <QByteArray>
#include <QString>

// A confab-server as the server suites run it, and the fresh users their tests sign in with.
// Tests open many connections from 127.0.0.1, so the per-address cap is lifted. A suite
// shares one; a test that needs other limits starts its own with more INI.
class SuiteServer {
public:
    // Starts the server; `extraIni` follows the lifted cap in the config (sections may repeat).
    bool start(const QByteArray &extraIni = {});
    bool stop() { return m_process.stop(); }

    ServerProcess &process() { return m_process; }
    const ServerProcess &process() const { return m_process; }

    // `prefix_<n>`: a name no earlier call on this server gave out.
    QString uniqueName(const QString &prefix);
    // A new connection that registered a new user named after `prefix`; null, with a
    // warning, when that fails.
    ProtocolSteps::ClientPtr newUser(const QString &prefix);

private:
    ServerProcess m_process;
    int m_userCount = 0;
};
