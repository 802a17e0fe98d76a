#pragma once

#include <QLoggingCategory>

// The server's log categories: confab.server.<area>.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcChat)
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
Q_DECLARE_LOGGING_CATEGORY(lcBus)

namespace Confab::Server {
// Applies a level (debug, info, warning, error) to every confab category and sets a
// structured line format: time, level, category, message.
bool setupLogging(const QString &level);
}
