#pragma once

#include <QLoggingCategory>

// Logging category of the voice message audio layer (confab.client.media).
Q_DECLARE_LOGGING_CATEGORY(lcClientMedia)
