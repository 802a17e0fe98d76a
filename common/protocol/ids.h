#pragma once

#include <QByteArray>
#include <QString>

namespace Confab {

// Ids of users, rooms, attachments and uploads: 128 random bits as 32 lower-case hex chars.
QString newRandomId();
bool isValidId(const QString &text);
bool isLowerHex(const QString &text, qsizetype length);

// 256 random bits as 64 hex chars, used for session tokens.
QString newRandomToken();

// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
QString sha256Hex(const QString &text);

} // namespace Confab
