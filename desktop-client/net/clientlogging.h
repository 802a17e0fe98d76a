#pragma once

#include <QLoggingCategory>

// Logging categories of the desktop client, all under confab.client.
Q_DECLARE_LOGGING_CATEGORY(lcClientNet)
Q_DECLARE_LOGGING_CATEGORY(lcClientOutbox)
Q_DECLARE_LOGGING_CATEGORY(lcClientFiles)
Q_DECLARE_LOGGING_CATEGORY(lcClientModels)
Q_DECLARE_LOGGING_CATEGORY(lcClientUi)
Q_DECLARE_LOGGING_CATEGORY(lcClientApp)
