#pragma once

#include "limits/loginthrottle.h"
#include "protocol/errorcode.h"
#include "store/workerpool.h"

#include <QString>

#include <functional>
#include <optional>

namespace Confab::Server {

struct ServerConfig;
class StoreWriter;

struct AuthResult {
    std::optional<ProtocolError> error;
    qint64 retryAfterMs = 0;
    QString userId;
    QString username;
    QString displayName;
    QString token;
    QString tokenHash;
    qint64 expiresAt = 0;
};

// Registration, login and resume. Hashing and the reads it needs run on the service's own
// worker threads; tokens are written by the store writer. `done` runs on one of those
// threads, never on the caller's.
class AuthService {
public:
    using Done = std::function<void(AuthResult)>;

    AuthService(const ServerConfig &config, StoreWriter &writer, int threads);

    // Checks that the name is free before hashing, so a taken name costs no argon2 run.
    void registerUser(const QString &username, const QString &password, const QString &displayName,
        const QString &device, Done done);
    void login(const QString &username, const QString &password, const QString &device, Done done);
    void resume(const QString &token, Done done);
    void revoke(const QString &tokenHash, std::function<void(bool)> done);

    LoginThrottle &throttle() { return m_throttle; }
    // True while as many sign-ins wait for hashing as the server lets queue.
    bool isBacklogged() const { return m_pool.isBacklogged(); }
    void waitForDone() { m_pool.waitForDone(); }
    void stop() { m_pool.stop(); } // sign-ins still waiting are dropped

private:
    // `verifiedHash`: the password hash a login was checked against, empty for a new user.
    void issueToken(
        AuthResult result, const QString &device, const QString &verifiedHash, Done done);

    const ServerConfig &m_config;
    StoreWriter &m_writer;
    WorkerPool m_pool;
    LoginThrottle m_throttle;
    QString m_dummyHash; // verified against for unknown users, so they cost the same time
};

} // namespace Confab::Server
