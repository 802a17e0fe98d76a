#include "auth/authservice.h"

#include "auth/passwordhasher.h"
#include "config/serverconfig.h"
#include "logging.h"
#include "protocol/ids.h"
#include "store/storewriter.h"

#include <QDateTime>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

AuthResult failure(ErrorCode code, const QString &message)
{
    AuthResult result;
    result.error = ProtocolError { code, message };
    return result;
}

AuthResult authFailed()
{
    return failure(ErrorCode::AuthFailed, u"wrong username or password"_s);
}
AuthResult usernameTaken()
{
    return failure(ErrorCode::UsernameTaken, u"this username is taken"_s);
}
AuthResult internalError()
{
    return failure(ErrorCode::Internal, u"the server could not complete this"_s);
}
} // namespace

AuthService::AuthService(const ServerConfig &config, StoreWriter &writer, int threads)
    : m_config(config)
    , m_writer(writer)
    , m_pool(u"auth"_s, threads, config.maxQueuedHashes)
    , m_throttle(config.accountFailedLogins, config.accountLockoutMs)
    , m_dummyHash(PasswordHasher::hash(newRandomToken()))
{
}

void AuthService::issueToken(
    AuthResult result, const QString &device, const QString &verifiedHash, Done done)
{
    result.token = newRandomToken();
    result.tokenHash = sha256Hex(result.token);
    result.expiresAt = now() + m_config.tokenLifetimeMs;
    m_writer.write<bool>(
        [result, device, verifiedHash](Repositories &repos) {
            // The password was checked on another thread: an admin may have disabled the
            // account or changed its password since, and that revoked every token it had.
            if (!verifiedHash.isEmpty()) {
                const std::optional<UserRow> user = repos.users.findById(result.userId);
                if (!user || user->disabled || user->passwordHash != verifiedHash)
                    return false;
            }
            repos.tokens.insert(result.tokenHash, result.userId, device, now(), result.expiresAt);
            return true;
        },
        [result, done = std::move(done)](std::optional<bool> issued) {
            done(!issued ? internalError() : *issued ? result : authFailed());
        });
}

void AuthService::registerUser(const QString &username, const QString &password,
    const QString &displayName, const QString &device, Done done)
{
    m_pool.run([this, username, password, displayName, device, done = std::move(done)](
                   Repositories *repos) {
        if (!repos) {
            done(internalError());
            return;
        }
        try {
            if (repos->users.findByName(username)) {
                done(usernameTaken());
                return;
            }
        } catch (const std::exception &error) {
            qCWarning(lcAuth) << "registration lookup failed:" << error.what();
            done(internalError());
            return;
        }
        const QString hash = PasswordHasher::hash(password);
        if (hash.isEmpty()) {
            done(internalError());
            return;
        }
        AuthResult user;
        user.userId = newRandomId();
        user.username = username;
        user.displayName = displayName;
        m_writer.write<bool>(
            [user, hash](Repositories &repos) {
                // Checked again: another registration may have taken the name meanwhile.
                if (repos.users.findByName(user.username))
                    return false;
                repos.users.insert(
                    { user.userId, user.username, user.displayName, hash, false, 0 }, now());
                return true;
            },
            [this, user, device, done](std::optional<bool> created) {
                if (!created) {
                    done(internalError());
                } else if (!*created) {
                    done(usernameTaken());
                } else {
                    qCInfo(lcAuth) << "registered" << user.username;
                    issueToken(user, device, QString(), done);
                }
            });
    });
}

void AuthService::login(
    const QString &username, const QString &password, const QString &device, Done done)
{
    m_pool.run([this, username, password, device, done = std::move(done)](Repositories *repos) {
        if (!repos) {
            done(internalError());
            return;
        }
        std::optional<UserRow> user;
        try {
            user = repos->users.findByName(username);
        } catch (const std::exception &error) {
            qCWarning(lcAuth) << "login lookup failed:" << error.what();
            done(internalError());
            return;
        }
        // Unknown users pay for one verification too, so timing does not tell them apart.
        const bool passwordOk
            = PasswordHasher::verify(user ? user->passwordHash : m_dummyHash, password);
        if (!user || !passwordOk || user->disabled) {
            done(authFailed());
            return;
        }
        AuthResult result;
        result.userId = user->id;
        result.username = user->username;
        result.displayName = user->displayName;
        issueToken(result, device, user->passwordHash, done);
    });
}

void AuthService::resume(const QString &token, Done done)
{
    const QString tokenHash = sha256Hex(token);
    m_writer.write<AuthResult>(
        [this, token, tokenHash](Repositories &repos) {
            const std::optional<TokenRow> row = repos.tokens.find(tokenHash);
            if (!row || row->revoked || row->expiresAt <= now())
                return failure(ErrorCode::InvalidToken, u"this session token is not valid"_s);
            const std::optional<UserRow> user = repos.users.findById(row->userId);
            if (!user || user->disabled)
                return failure(ErrorCode::InvalidToken, u"this session token is not valid"_s);
            AuthResult result;
            result.userId = user->id;
            result.username = user->username;
            result.displayName = user->displayName;
            result.token = token;
            result.tokenHash = tokenHash;
            result.expiresAt = now() + m_config.tokenLifetimeMs;
            repos.tokens.extend(tokenHash, result.expiresAt);
            return result;
        },
        [done = std::move(done)](
            std::optional<AuthResult> result) { done(result ? *result : internalError()); });
}

void AuthService::revoke(const QString &tokenHash, std::function<void(bool)> done)
{
    m_writer.submit({ [tokenHash](Repositories &repos) { repos.tokens.revoke(tokenHash, now()); },
        std::move(done) });
}

} // namespace Confab::Server
