#pragma once

#include <protocol/attachment.h>

#include <QString>

namespace Confab {

// A file the user sends: where it is on disk and what it is.
struct FileToSend {
    QString path {};
    QString kind = Attachment::File; // File, Image or Voice
    QString mime {}; // empty: from the file name
    qint64 durationMs = 0; // voice messages
    bool ownsFile = false; // the app made it (a recording, a pasted picture); removed when done
};

} // namespace Confab
