#include "auth/passwordhasher.h"

#include <sodium.h>

namespace Confab::Server {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;
} // namespace

bool PasswordHasher::initialize() { return sodium_init() >= 0; }

QString PasswordHasher::hash(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), kOpsLimit, kMemLimit) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password)
{
    const QByteArray stored = hash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

} // namespace Confab::Server
