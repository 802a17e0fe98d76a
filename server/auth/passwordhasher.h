#pragma once

#include <QString>

namespace Confab::Server {

// argon2id through libsodium, at OWASP's minimum parameters (19 MiB, 2 passes, 1 lane) or
// above. Slow by design: call it only from worker threads.
class PasswordHasher {
public:
    static bool initialize();
    static QString hash(const QString &password);
    static bool verify(const QString &hash, const QString &password);
};

} // namespace Confab::Server
