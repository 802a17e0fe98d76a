#include "net/errortext.h"

#include <QCoreApplication>

namespace Confab {

using namespace Qt::StringLiterals;

QString errorText(const QString &code, const QString &fallback)
{
    struct Entry {
        const char *code;
        const char *text;
    };
    static const Entry entries[] = {
        { "auth_failed", QT_TRANSLATE_NOOP("ErrorText", "Wrong user name or password.") },
        { "invalid_token", QT_TRANSLATE_NOOP("ErrorText", "Your session has expired. Please sign in again.") },
        { "username_taken", QT_TRANSLATE_NOOP("ErrorText", "This user name is already taken.") },
        { "invalid_username", QT_TRANSLATE_NOOP("ErrorText", "User names are 3 to 32 characters: letters a-z, digits, '_', '.' and '-'.") },
        { "weak_password", QT_TRANSLATE_NOOP("ErrorText", "The password is too short: use at least 8 characters.") },
        { "registration_closed", QT_TRANSLATE_NOOP("ErrorText", "This server does not accept new accounts.") },
        { "rate_limited", QT_TRANSLATE_NOOP("ErrorText", "Too many attempts. Please wait a moment and try again.") },
        { "unreachable", QT_TRANSLATE_NOOP("ErrorText", "Cannot reach the server. Check the address and your network.") },
        { "offline", QT_TRANSLATE_NOOP("ErrorText", "You are offline.") },
        { "not_member", QT_TRANSLATE_NOOP("ErrorText", "You are not a member of this room.") },
        { "not_found", QT_TRANSLATE_NOOP("ErrorText", "Not found.") },
        { "forbidden", QT_TRANSLATE_NOOP("ErrorText", "You are not allowed to do that.") },
        { "blocked", QT_TRANSLATE_NOOP("ErrorText", "You cannot message this person.") },
        { "too_large", QT_TRANSLATE_NOOP("ErrorText", "The message is too long.") },
        { "bad_request", QT_TRANSLATE_NOOP("ErrorText", "The server did not understand the request.") },
        { "unauthenticated", QT_TRANSLATE_NOOP("ErrorText", "Please sign in first.") },
        { "internal", QT_TRANSLATE_NOOP("ErrorText", "The server ran into a problem. Please try again.") },
        { "file_too_large", QT_TRANSLATE_NOOP("ErrorText", "The file is larger than the server accepts, or your storage is full.") },
        { "file_unreadable", QT_TRANSLATE_NOOP("ErrorText", "The file cannot be read any more. Was it moved or deleted?") },
        { "checksum_mismatch", QT_TRANSLATE_NOOP("ErrorText", "The file changed while it was being sent.") },
        { "cannot_save", QT_TRANSLATE_NOOP("ErrorText", "The file cannot be saved on this device.") },
    };
    for (const Entry &entry : entries) {
        if (code == QLatin1StringView(entry.code))
            return QCoreApplication::translate("ErrorText", entry.text);
    }
    if (!fallback.isEmpty())
        return fallback;
    return QCoreApplication::translate("ErrorText", "Something went wrong (%1).").arg(code);
}

} // namespace Confab
