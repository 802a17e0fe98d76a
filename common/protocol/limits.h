#pragma once

#include <QtGlobal>

namespace Confab::Limits {

// Defaults of protocol v1; the server makes most of them configurable.
constexpr qsizetype MaxRequestIdLength = 64;
constexpr qsizetype MaxClientMsgIdLength = 64;
constexpr qsizetype MaxTextBytes = 16 * 1024;
constexpr qsizetype MaxTextFrameBytes = 128 * 1024;
constexpr qsizetype MinPasswordBytes = 8;
constexpr qsizetype MaxPasswordBytes = 1024;
constexpr qsizetype MinUsernameLength = 3;
constexpr qsizetype MaxUsernameLength = 32;
constexpr qsizetype MaxDisplayNameLength = 64;
constexpr qsizetype MaxRoomNameLength = 128;
constexpr qsizetype MaxGroupMembers = 1000;
constexpr int DefaultHistoryLimit = 50;
constexpr int MaxHistoryLimit = 200;
constexpr int DefaultFindUsersLimit = 20;
constexpr int MaxFindUsersLimit = 50;
constexpr int FailedAuthsPerConnection = 5;
constexpr int TypingExpiryMs = 6000;

} // namespace Confab::Limits
