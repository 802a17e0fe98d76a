#pragma once

#include "grouptraffic.h"
#include "processstats.h"
#include "scenario.h"

#include <QList>

#include <memory>

class WorkerThreads;

// groups: C clients in C/S rooms of S, each sending R messages/s open loop for warm-up + D
// seconds; figures over the D-second window, as the shared generator computes them.
class GroupsScenario : public Scenario {
    Q_OBJECT
public:
    explicit GroupsScenario(const BenchOptions &options, QObject *parent = nullptr);
    ~GroupsScenario() override;

    void start() override;

private:
    void workerReady(const QString &fatal);
    void startTraffic();
    void workerFinished(const GroupTraffic::Result &result);
    void takeCpuSnapshot(bool atEnd);
    QJsonObject report(QStringList *summary) const;

    std::unique_ptr<WorkerThreads> m_threads;
    QList<GroupTraffic *> m_traffic; // one per thread, living there
    int m_waiting = 0;
    QString m_fatal;
    qint64 m_setupStartUs = 0;
    qint64 m_setupMs = 0;
    GroupTraffic::Result m_total;
    QList<double> m_cpuPerWorker;
    double m_serverCpuAt = -1;
    double m_serverCpuS = -1;
    double m_selfCpuAt = 0;
    double m_selfCpuS = 0;
    ProcessStats::MachineTicks m_machineAt;
    double m_machineBusy = -1;
};
