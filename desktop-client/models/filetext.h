#pragma once

#include <protocol/attachment.h>

#include <QString>

// Human text about files: sizes, durations, and a short label for a message's attachment.
namespace Confab::FileText {

QString size(qint64 bytes); // "3.2 MB", in the user's locale
QString duration(qint64 ms); // "0:07", "1:02:03"
// "Photo", "Voice message (0:07)", "report.pdf": for previews and notifications.
QString label(const Attachment &attachment);

} // namespace Confab::FileText
