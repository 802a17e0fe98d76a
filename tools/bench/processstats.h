#pragma once

#include <QtGlobal>

// The server's CPU time and RSS, and the whole machine's CPU use, from /proc (Linux), read
// as the shared generator's procstat.js reads them.
class ProcessStats {
public:
    struct MachineTicks {
        qint64 busy = 0;
        qint64 total = 0;
    };

    // utime + stime of every thread of `pid`, in seconds; -1 when it cannot be read.
    static double cpuSeconds(qint64 pid);
    // VmRSS in KiB; -1 when it cannot be read.
    static qint64 rssKiB(qint64 pid);
    static MachineTicks machineTicks();
    static int cpuCount();
};
