#pragma once

#include <QString>

namespace Confab {

// The text a person reads for a protocol error code (or the client's own "offline" and
// "unreachable"); `fallback` is the server's message for codes without a text.
QString errorText(const QString &code, const QString &fallback = {});

} // namespace Confab
