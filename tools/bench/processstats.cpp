#include "processstats.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <thread>
#include <unistd.h>

namespace {

QByteArray readProcFile(const QByteArray &path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: read until the end
}

} // namespace

double ProcessStats::cpuSeconds(qint64 pid)
{
    const QByteArray stat = readProcFile("/proc/" + QByteArray::number(pid) + "/stat");
    const qsizetype paren = stat.lastIndexOf(')'); // the command name may hold spaces
    if (paren < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' '); // fields from #3 on
    if (fields.size() < 13)
        return -1;
    const double ticksPerSecond = double(sysconf(_SC_CLK_TCK));
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / ticksPerSecond;
}

qint64 ProcessStats::rssKiB(qint64 pid)
{
    const QByteArray status = readProcFile("/proc/" + QByteArray::number(pid) + "/status");
    const qsizetype at = status.indexOf("VmRSS:");
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at);
    return status.mid(at + 6, end - at - 6).replace("kB", "").trimmed().toLongLong();
}

ProcessStats::MachineTicks ProcessStats::machineTicks()
{
    const QByteArray stat = readProcFile("/proc/stat");
    const QList<QByteArray> cpu = stat.left(stat.indexOf('\n')).simplified().split(' ');
    MachineTicks ticks;
    for (qsizetype i = 1; i < qMin<qsizetype>(cpu.size(), 9); ++i)
        ticks.total += cpu.at(i).toLongLong();
    const qint64 idle
        = cpu.size() > 5 ? cpu.at(4).toLongLong() + cpu.at(5).toLongLong() : 0; // idle + iowait
    ticks.busy = ticks.total - idle;
    return ticks;
}

int ProcessStats::cpuCount()
{
    return int(std::thread::hardware_concurrency());
}
