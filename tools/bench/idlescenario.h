#pragma once

#include "clientopener.h"
#include "scenario.h"

#include <memory>

class WorkerThreads;

// idle: opens N signed-in connections (a new user each) and charges the server's RSS
// growth after a baseline of the first N0 to them, as the shared generator does, so that
// one-time costs (allocator arenas, thread pools) are not counted per connection.
class IdleScenario : public Scenario {
    Q_OBJECT
public:
    explicit IdleScenario(const BenchOptions &options, QObject *parent = nullptr);
    ~IdleScenario() override;

    void start() override;

private:
    // Opens connections [first, end) of every worker's share, then calls `next`.
    void openRange(bool baseline, std::function<void()> next);
    void shareOpened(const ClientOpener::Outcome &outcome);
    void report();

    std::unique_ptr<WorkerThreads> m_threads;
    int m_waiting = 0;
    std::function<void()> m_next;
    int m_baselineOpened = 0;
    int m_opened = 0;
    QMap<QString, qint64> m_errors;
    qint64 m_phaseStartUs = 0;
    qint64 m_setupMs = 0;
    LatencyHistogram m_setupUs;
    qint64 m_rssBaseline = -1;
    qint64 m_rssAfter = -1;
};
