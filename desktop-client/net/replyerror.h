#pragma once

#include <QJsonObject>
#include <QString>

namespace Confab::ReplyError {

// An `error` frame the client makes itself, for a request no server answered ("offline",
// "timeout", ...), shaped like the server's so callers handle both alike. `id` may be empty.
QJsonObject make(const QString &id, const QString &code, const QString &message);

bool isError(const QJsonObject &reply);

// Codes after which the same request cannot succeed if made again: the user may not do it,
// is not (or no longer) in the room, or the request itself is wrong.
bool isPermanent(const QString &code);

} // namespace Confab::ReplyError
