#include "net/clientlogging.h"

Q_LOGGING_CATEGORY(lcClientNet, "confab.client.net")
Q_LOGGING_CATEGORY(lcClientOutbox, "confab.client.outbox")
Q_LOGGING_CATEGORY(lcClientFiles, "confab.client.files")
Q_LOGGING_CATEGORY(lcClientModels, "confab.client.models")
Q_LOGGING_CATEGORY(lcClientUi, "confab.client.ui")
Q_LOGGING_CATEGORY(lcClientApp, "confab.client.app")
