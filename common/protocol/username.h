#pragma once

#include <QString>

namespace Confab {

// Usernames are lower-cased, then must be 3 to 32 chars of a-z 0-9 _ . -
QString normalizedUsername(const QString &name);
bool isValidUsername(const QString &normalized);

} // namespace Confab
