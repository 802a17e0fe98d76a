#include "protocol/username.h"

#include "protocol/limits.h"

namespace Confab {

QString normalizedUsername(const QString &name) { return name.toLower(); }

bool isValidUsername(const QString &normalized)
{
    if (normalized.size() < Limits::MinUsernameLength
        || normalized.size() > Limits::MaxUsernameLength)
        return false;
    for (QChar c : normalized) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'
            || c == u'.' || c == u'-';
        if (!allowed)
            return false;
    }
    return true;
}

} // namespace Confab
