#include "ui/timeformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace Confab::TimeFormat {

namespace {
// The translation context of these functions, with tr() as lupdate knows it (plurals too).
class Text {
    Q_DECLARE_TR_FUNCTIONS(Confab::TimeFormat)
};
QDateTime local(qint64 ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts).toLocalTime();
}
}

QString relative(qint64 ts, qint64 now)
{
    if (ts <= 0)
        return QString();
    const qint64 seconds = (now - ts) / 1000;
    if (seconds < 60)
        return Text::tr("now");
    if (seconds < 3600)
        return Text::tr("%n min", nullptr, int(seconds / 60));
    const QDate date = local(ts).date();
    const QDate today = local(now).date();
    if (date == today)
        return clock(ts);
    if (date.daysTo(today) == 1)
        return Text::tr("Yesterday");
    if (date.daysTo(today) < 7)
        return QLocale().dayName(date.dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(date, QLocale::ShortFormat);
}

QString clock(qint64 ts)
{
    return QLocale().toString(local(ts).time(), QLocale::ShortFormat);
}

QString day(qint64 ts, qint64 now)
{
    const QDate date = local(ts).date();
    const QDate today = local(now).date();
    if (date == today)
        return Text::tr("Today");
    if (date.daysTo(today) == 1)
        return Text::tr("Yesterday");
    return QLocale().toString(date, QLocale::LongFormat);
}

QString lastSeen(bool online, qint64 lastSeen, qint64 now)
{
    if (online)
        return Text::tr("online");
    if (lastSeen <= 0)
        return Text::tr("offline");
    const qint64 minutes = (now - lastSeen) / 60000;
    if (minutes < 1)
        return Text::tr("last seen just now");
    if (minutes < 60)
        return Text::tr("last seen %n min ago", nullptr, int(minutes));
    return Text::tr("last seen %1").arg(relative(lastSeen, now));
}

}
