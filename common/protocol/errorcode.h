#pragma once

#include <QString>

#include <optional>

namespace Confab {

// The error codes of protocol v1; their wire names are in errorCodeName().
enum class ErrorCode {
    BadRequest,
    UnknownType,
    Unauthenticated,
    AuthFailed,
    InvalidToken,
    UsernameTaken,
    InvalidUsername,
    WeakPassword,
    RegistrationClosed,
    NotFound,
    NotMember,
    Forbidden,
    Blocked,
    TooLarge,
    RateLimited,
    ChecksumMismatch,
    Internal,
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);

// A protocol-level failure: what the `error` frame carries.
struct ProtocolError {
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

// WebSocket close codes used by the server.
namespace CloseCode {
constexpr quint16 Normal = 1000;
constexpr quint16 GoingAway = 1001;
constexpr quint16 ProtocolError = 1002;
constexpr quint16 InvalidPayload = 1007; // a text frame that is not UTF-8
constexpr quint16 TooLarge = 1009;
constexpr quint16 NotAuthenticated = 4401;
constexpr quint16 Revoked = 4403; // the session was signed out elsewhere; sign in again
constexpr quint16 PongTimeout = 4408;
}

} // namespace Confab
