#include "media/medialogging.h"

Q_LOGGING_CATEGORY(lcClientMedia, "confab.client.media")
