#pragma once

#include <QtGlobal>

namespace Confab {

// How far an upload or a download has come, in bytes.
struct TransferProgress {
    qint64 done = 0;
    qint64 total = 0;
};

} // namespace Confab
