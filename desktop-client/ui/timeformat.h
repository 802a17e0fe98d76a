#pragma once

#include <QString>

namespace Confab::TimeFormat {

// "now", "5 min", "14:32" today, "Yesterday", the weekday within a week, else the date.
QString relative(qint64 ts, qint64 now);
// "14:32": the time under a message.
QString clock(qint64 ts);
// "Today", "Yesterday" or the full date: the separator between days.
QString day(qint64 ts, qint64 now);
// "online", "last seen 5 min ago", ...
QString lastSeen(bool online, qint64 lastSeen, qint64 now);

}
