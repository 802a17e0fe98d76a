#include "auth/authservice.h"
#include "chat/handlers/handlertable.h"
#include "chat/servercontext.h"
#include "chat/sessionref.h"
#include "config/serverconfig.h"
#include "limits/keyedcounter.h"
#include "net/connection.h"
#include "protocol/limits.h"
#include "protocol/username.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// What a client is told to wait when its address has too many sign-ins hashing.
constexpr qint64 kHashingRetryMs = 1000;

// A connection may run one sign-in at a time, and none once signed in.
bool refuseSecondSignIn(Session &session, const Request &request)
{
    if (session.isAuthenticated() || session.isSigningIn()) {
        session.fail(request, ErrorCode::BadRequest, u"this connection is already signed in"_s);
        return true;
    }
    return false;
}

// A refused sign-in of any kind counts towards closing the connection: the fifth is answered
// with rate_limited, and the connection closes with 4401.
void failSignIn(Session &session, const Request &request, ErrorCode code, const QString &message)
{
    if (session.countFailedAuth()) {
        session.fail(request, ErrorCode::RateLimited, u"too many failed attempts"_s,
            { { "retryAfterMs"_L1, 0 } });
        session.close(CloseCode::NotAuthenticated, u"too many failed attempts"_s);
        return;
    }
    session.fail(request, code, message);
}

QJsonObject limitsOf(const ServerConfig &config)
{
    return { { "maxTextBytes"_L1, config.maxTextBytes }, { "maxFileBytes"_L1, config.maxFileBytes },
        { "chunkSize"_L1, config.chunkBytes }, { "maxGroupMembers"_L1, config.maxGroupMembers } };
}

enum class SignIn { Register, Login, Resume };

// A register or login hashes a password; one client address may have only so many waiting.
// False, with the refusal sent, when this one has as many as it may.
bool takeHashingPlace(Session &session, const Request &request)
{
    if (session.context().signInsByAddress.tryAcquire(session.connection().peerAddress()))
        return true;
    session.fail(request, ErrorCode::RateLimited, u"too many sign-ins from this address at once"_s,
        { { "retryAfterMs"_L1, kHashingRetryMs } });
    return false;
}

// Completes a sign-in on the session's thread: the `auth` reply, or the error. `username` is
// the account a login counts its failures against. A register or login gives its hashing
// place back, whatever the outcome, and a token issued for a connection that has ended is
// revoked at once.
AuthService::Done finishSignIn(
    Session &session, const Request &request, SignIn kind, const QString &username = {})
{
    session.beginSignIn();
    ServerContext &context = session.context();
    const QString address = kind == SignIn::Resume ? QString() : session.connection().peerAddress();
    return [&context, ref = session.ref(), request, kind, username, address](AuthResult result) {
        if (!address.isEmpty())
            context.signInsByAddress.release(address);
        const bool issuedNewToken = !result.error && kind != SignIn::Resume;
        auto revokeUndelivered = [&context, issuedNewToken, tokenHash = result.tokenHash] {
            if (issuedNewToken)
                context.auth.revoke(tokenHash, [](bool) {});
        };
        ref.post(
            [request, kind, username, result, revokeUndelivered](Session &session) {
                AuthService &auth = session.context().auth;
                if (result.error) {
                    if (kind == SignIn::Login && result.error->code == ErrorCode::AuthFailed)
                        auth.throttle().recordFailure(username);
                    if (result.error->code == ErrorCode::Internal)
                        session.fail(request, result.error->code, result.error->message);
                    else
                        failSignIn(session, request, result.error->code, result.error->message);
                    session.endSignIn();
                    return;
                }
                if (kind == SignIn::Login)
                    auth.throttle().recordSuccess(username);
                if (!session.authenticate(result.userId, result.tokenHash)) {
                    revokeUndelivered(); // the connection ended while this was decided
                    return;
                }
                session.reply(request, u"auth"_s,
                    { { "userId"_L1, result.userId }, { "username"_L1, result.username },
                        { "displayName"_L1, result.displayName }, { "token"_L1, result.token },
                        { "expiresAt"_L1, result.expiresAt },
                        { "limits"_L1, limitsOf(session.context().config) } });
                session.endSignIn();
            },
            revokeUndelivered);
    };
}

void handlePing(Session &session, const Request &request)
{
    session.reply(request, u"pong"_s);
}

void handleRegister(Session &session, const Request &request)
{
    if (refuseSecondSignIn(session, request))
        return;
    const ServerConfig &config = session.context().config;
    if (!config.registrationOpen) {
        failSignIn(session, request, ErrorCode::RegistrationClosed,
            u"registration is closed on this server"_s);
        return;
    }
    const QString username = normalizedUsername(request.string("username"_L1));
    if (!isValidUsername(username)) {
        failSignIn(session, request, ErrorCode::InvalidUsername,
            u"a username has 3 to 32 characters: a-z, 0-9, _ . -"_s);
        return;
    }
    const QString password = request.string("password"_L1);
    const qsizetype passwordBytes = password.toUtf8().size();
    if (passwordBytes > Limits::MaxPasswordBytes) {
        failSignIn(
            session, request, ErrorCode::BadRequest, u"the password is longer than 1024 bytes"_s);
        return;
    }
    if (passwordBytes < Limits::MinPasswordBytes) {
        failSignIn(session, request, ErrorCode::WeakPassword, u"a password has at least 8 bytes"_s);
        return;
    }
    QString displayName = username;
    if (request.has("displayName"_L1)) {
        displayName = request.string("displayName"_L1).trimmed();
        if (displayName.isEmpty() || displayName.size() > Limits::MaxDisplayNameLength) {
            failSignIn(session, request, ErrorCode::BadRequest,
                u"a display name has 1 to 64 characters"_s);
            return;
        }
    }
    if (!takeHashingPlace(session, request))
        return;
    session.context().auth.registerUser(username, password, displayName,
        request.string("device"_L1), finishSignIn(session, request, SignIn::Register));
}

void handleLogin(Session &session, const Request &request)
{
    if (refuseSecondSignIn(session, request))
        return;
    const QString password = request.string("password"_L1);
    if (password.toUtf8().size() > Limits::MaxPasswordBytes) {
        failSignIn(
            session, request, ErrorCode::BadRequest, u"the password is longer than 1024 bytes"_s);
        return;
    }
    const QString username = normalizedUsername(request.string("username"_L1));
    AuthService &auth = session.context().auth;
    if (const qint64 wait = auth.throttle().retryAfter(username)) {
        session.fail(request, ErrorCode::RateLimited, u"too many failed logins for this account"_s,
            { { "retryAfterMs"_L1, wait } });
        return;
    }
    if (!takeHashingPlace(session, request))
        return;
    auth.login(username, password, request.string("device"_L1),
        finishSignIn(session, request, SignIn::Login, username));
}

void handleResume(Session &session, const Request &request)
{
    if (refuseSecondSignIn(session, request))
        return;
    session.context().auth.resume(
        request.string("token"_L1), finishSignIn(session, request, SignIn::Resume));
}

void handleLogout(Session &session, const Request &request)
{
    session.beginSignOut();
    session.context().auth.revoke(
        session.tokenHash(), [ref = session.ref(), request](bool revoked) {
            ref.post([request, revoked](Session &session) {
                if (!revoked) {
                    session.fail(request, ErrorCode::Internal, u"the token could not be revoked"_s);
                    return;
                }
                session.replyOk(request);
                session.close(CloseCode::Normal, u"signed out"_s);
            });
        });
}

} // namespace

void registerAuthHandlers(HandlerTable &table)
{
    table.add(u"ping"_s, handlePing, {});
    table.add(u"register"_s, handleRegister, HandlerTable::Hasher);
    table.add(u"login"_s, handleLogin, HandlerTable::Hasher);
    table.add(u"resume"_s, handleResume, HandlerTable::Writer);
    table.add(u"logout"_s, handleLogout, HandlerTable::SignedIn | HandlerTable::Writer);
}

} // namespace Confab::Server
