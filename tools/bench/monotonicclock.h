#pragma once

#include <QtGlobal>

#include <time.h>

// CLOCK_MONOTONIC in microseconds, the clock the shared Node generator uses too: every
// worker thread reads the same clock, so any of them can time any message.
class MonotonicClock {
public:
    static qint64 nowUs()
    {
        timespec ts {};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    }

    // CPU time of the calling thread, for the generator's own cost per worker.
    static double threadCpuSeconds()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }

    static double processCpuSeconds()
    {
        timespec ts {};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
    }
};
