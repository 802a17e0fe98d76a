#include "protocol/errorcode.h"

#include <array>
#include <utility>

namespace Confab {
namespace {

constexpr std::array<std::pair<ErrorCode, const char *>, 17> kNames { {
    { ErrorCode::BadRequest, "bad_request" },
    { ErrorCode::UnknownType, "unknown_type" },
    { ErrorCode::Unauthenticated, "unauthenticated" },
    { ErrorCode::AuthFailed, "auth_failed" },
    { ErrorCode::InvalidToken, "invalid_token" },
    { ErrorCode::UsernameTaken, "username_taken" },
    { ErrorCode::InvalidUsername, "invalid_username" },
    { ErrorCode::WeakPassword, "weak_password" },
    { ErrorCode::RegistrationClosed, "registration_closed" },
    { ErrorCode::NotFound, "not_found" },
    { ErrorCode::NotMember, "not_member" },
    { ErrorCode::Forbidden, "forbidden" },
    { ErrorCode::Blocked, "blocked" },
    { ErrorCode::TooLarge, "too_large" },
    { ErrorCode::RateLimited, "rate_limited" },
    { ErrorCode::ChecksumMismatch, "checksum_mismatch" },
    { ErrorCode::Internal, "internal" },
} };

} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &[value, name] : kNames) {
        if (value == code)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &[value, text] : kNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

} // namespace Confab
