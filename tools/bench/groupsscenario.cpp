#include "groupsscenario.h"

#include "monotonicclock.h"
#include "workerthreads.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QJsonValue rounded(double value, int digits = 1)
{
    const double scale = std::pow(10.0, digits);
    return std::round(value * scale) / scale;
}

QJsonObject toJson(const QMap<QString, qint64> &counts)
{
    QJsonObject out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

GroupsScenario::GroupsScenario(const BenchOptions &options, QObject *parent)
    : Scenario(options, parent)
{
}

GroupsScenario::~GroupsScenario() = default;

void GroupsScenario::start()
{
    const int groups = m_options.clients / m_options.groupSize;
    const int workers = qMin(m_options.threads, groups);
    m_threads = std::make_unique<WorkerThreads>(workers);
    m_setupStartUs = MonotonicClock::nowUs();
    m_waiting = workers;
    m_traffic.resize(workers);
    for (int w = 0; w < workers; ++w) {
        GroupTraffic::Plan plan { m_options.url, m_options.userPrefix, m_options.password,
            w * groups / workers, (w + 1) * groups / workers, m_options.groupSize, m_options.rate,
            m_options.receiptsMs, m_options.payloadBytes, m_options.setupConcurrency,
            m_options.drainS, m_options.tickMs };
        m_threads->post(w, [this, w, plan](QObject *context) {
            auto *traffic = new GroupTraffic(plan, context);
            traffic->setUp([this, w, traffic](const QString &fatal) {
                WorkerThreads::postTo(this, [this, w, traffic, fatal] {
                    m_traffic[w] = traffic;
                    workerReady(fatal);
                });
            });
        });
    }
}

void GroupsScenario::workerReady(const QString &fatal)
{
    if (!fatal.isEmpty())
        m_fatal = fatal;
    if (--m_waiting > 0)
        return;
    m_setupMs = (MonotonicClock::nowUs() - m_setupStartUs) / 1000;
    if (!m_fatal.isEmpty()) {
        emit finished(
            { { "scenario"_L1, "groups"_L1 }, { "error"_L1, m_fatal } }, { m_fatal }, false);
        return;
    }
    startTraffic();
}

void GroupsScenario::startTraffic()
{
    GroupTraffic::Schedule schedule;
    schedule.startUs = MonotonicClock::nowUs() + 300000;
    schedule.measureFromUs = schedule.startUs + qint64(m_options.warmupS * 1e6);
    schedule.stopUs = schedule.measureFromUs + qint64(m_options.durationS * 1e6);
    const auto msUntil
        = [](qint64 us) { return int(qMax<qint64>(0, (us - MonotonicClock::nowUs()) / 1000)); };
    QTimer::singleShot(msUntil(schedule.measureFromUs), Qt::PreciseTimer, this,
        [this] { takeCpuSnapshot(false); });
    QTimer::singleShot(
        msUntil(schedule.stopUs), Qt::PreciseTimer, this, [this] { takeCpuSnapshot(true); });
    m_waiting = int(m_traffic.size());
    for (int w = 0; w < m_traffic.size(); ++w) {
        GroupTraffic *traffic = m_traffic.at(w);
        m_threads->post(w, [this, traffic, schedule](QObject *) {
            traffic->run(schedule, [this](const GroupTraffic::Result &result) {
                WorkerThreads::postTo(this, [this, result] { workerFinished(result); });
            });
        });
    }
}

void GroupsScenario::takeCpuSnapshot(bool atEnd)
{
    const double server = m_options.serverPid ? ProcessStats::cpuSeconds(m_options.serverPid) : -1;
    const ProcessStats::MachineTicks machine = ProcessStats::machineTicks();
    const double self = MonotonicClock::processCpuSeconds();
    if (!atEnd) {
        m_serverCpuAt = server;
        m_machineAt = machine;
        m_selfCpuAt = self;
        return;
    }
    if (server >= 0 && m_serverCpuAt >= 0)
        m_serverCpuS = server - m_serverCpuAt;
    if (machine.total > m_machineAt.total)
        m_machineBusy
            = double(machine.busy - m_machineAt.busy) / double(machine.total - m_machineAt.total);
    m_selfCpuS = self - m_selfCpuAt;
}

void GroupsScenario::workerFinished(const GroupTraffic::Result &r)
{
    GroupTraffic::Result &t = m_total;
    t.sent += r.sent, t.measuredSent += r.measuredSent, t.measuredAcked += r.measuredAcked;
    t.measuredReceived += r.measuredReceived, t.expected += r.expected, t.echoes += r.echoes;
    t.dupOrReorder += r.dupOrReorder, t.unmeasuredReceived += r.unmeasuredReceived;
    t.unacked += r.unacked, t.closed += r.closed;
    for (auto it = r.errors.cbegin(); it != r.errors.cend(); ++it)
        t.errors[it.key()] += it.value();
    for (auto it = r.protocol.cbegin(); it != r.protocol.cend(); ++it)
        t.protocol[it.key()] += it.value();
    t.deliveryUs.merge(r.deliveryUs);
    t.ackUs.merge(r.ackUs);
    t.sendLagUs.merge(r.sendLagUs);
    m_cpuPerWorker.append(r.cpuSeconds);
    if (--m_waiting > 0)
        return;
    QStringList summary;
    const QJsonObject out = report(&summary);
    emit finished(out, summary, true);
}

QJsonObject GroupsScenario::report(QStringList *summary) const
{
    const GroupTraffic::Result &t = m_total;
    const double d = m_options.durationS;
    const QJsonObject delivery = t.deliveryUs.summaryMs({ 50, 95, 99 });
    const QJsonObject ack = t.ackUs.summaryMs({ 50, 95, 99 });
    const QJsonObject sendLag = t.sendLagUs.summaryMs({ 99 });
    qint64 errorCount = 0;
    for (qint64 n : t.errors)
        errorCount += n;
    const qint64 lost = qMax<qint64>(0, t.expected - t.measuredReceived);
    const double p99 = t.deliveryUs.percentileUs(99);
    const bool held = lost == 0 && t.unacked == 0 && errorCount == 0
        && t.protocol.value(u"receiptErrors"_s) == 0 && p99 >= 0 && p99 < 100000;
    QJsonArray perWorker;
    for (double cpu : m_cpuPerWorker)
        perWorker.append(rounded(100 * cpu / d));
    const double selfPct = 100 * m_selfCpuS / d;
    const QJsonValue none;
    const double serverPct = m_serverCpuS >= 0 ? 100 * m_serverCpuS / d : -1;
    const int cpus = ProcessStats::cpuCount();
    const QJsonObject server { { "pid"_L1,
                                   m_options.serverPid ? QJsonValue(m_options.serverPid) : none },
        { "cpuPctOfCore"_L1, serverPct >= 0 ? rounded(serverPct) : none },
        { "cpuUsPerDelivery"_L1,
            serverPct >= 0 && t.measuredReceived
                ? rounded(1e6 * m_serverCpuS / double(t.measuredReceived), 2)
                : none },
        { "rssKiB"_L1,
            m_options.serverPid ? QJsonValue(ProcessStats::rssKiB(m_options.serverPid)) : none } };
    const bool saturated = t.sendLagUs.percentileUs(99) > 20000;
    const QJsonObject loadgen { { "tool"_L1, "confab-bench"_L1 },
        { "cpuPctOfCore"_L1, rounded(selfPct) }, { "cpuPctPerWorker"_L1, perWorker },
        { "cpuUsPerDelivery"_L1,
            t.measuredReceived ? rounded(1e6 * m_selfCpuS / double(t.measuredReceived), 2) : none },
        { "sendLagP99Ms"_L1, sendLag.value("p99"_L1) },
        { "sendLagMaxMs"_L1, sendLag.value("max"_L1) }, { "saturated"_L1, saturated } };
    const double busyPct = m_machineBusy >= 0 ? 100 * m_machineBusy : -1;
    QJsonObject out { { "scenario"_L1, "groups"_L1 }, { "adapter"_L1, "confab"_L1 },
        { "label"_L1, m_options.label }, { "url"_L1, m_options.url.toString() },
        { "clients"_L1, m_options.clients }, { "groupSize"_L1, m_options.groupSize },
        { "ratePerClient"_L1, m_options.rate }, { "receiptsMs"_L1, m_options.receiptsMs },
        { "payloadBytes"_L1, m_options.payloadBytes }, { "durationS"_L1, d },
        { "warmupS"_L1, m_options.warmupS }, { "workers"_L1, int(m_traffic.size()) },
        { "setupMs"_L1, m_setupMs },
        { "offeredSendsPerSec"_L1, rounded(m_options.clients * m_options.rate) },
        { "sendsAckedPerSec"_L1, rounded(double(t.measuredAcked) / d) },
        { "deliveriesPerSec"_L1, rounded(double(t.measuredReceived) / d) },
        { "measuredSends"_L1, t.measuredSent }, { "measuredAcked"_L1, t.measuredAcked },
        { "expectedDeliveries"_L1, t.expected }, { "receivedDeliveries"_L1, t.measuredReceived },
        { "lost"_L1, lost }, { "unacked"_L1, t.unacked }, { "errors"_L1, toJson(t.errors) },
        { "dupOrReorder"_L1, t.dupOrReorder }, { "echoes"_L1, t.echoes },
        { "closedConnections"_L1, t.closed }, { "protocol"_L1, toJson(t.protocol) },
        { "deliveryLatencyMs"_L1, delivery }, { "ackLatencyMs"_L1, ack },
        { "latencyFrom"_L1, m_options.tickMs > 0 ? "actualSend"_L1 : "scheduledSend"_L1 },
        { "tickMs"_L1, m_options.tickMs }, { "loadgen"_L1, loadgen }, { "server"_L1, server },
        { "machineBusyPct"_L1, busyPct >= 0 ? rounded(busyPct) : none },
        { "otherCpuPctOfCore"_L1,
            busyPct >= 0 && serverPct >= 0
                ? rounded(qMax(0.0, busyPct * cpus - serverPct - selfPct))
                : none },
        { "machine"_L1, QJsonObject { { "cpus"_L1, cpus } } }, { "held"_L1, held },
        { "ok"_L1, held },
        { "at"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    const auto ms = [](const QJsonObject &h, const char *key) {
        return h.value(QLatin1StringView(key)).toVariant().toString();
    };
    *summary
        << u"groups%1 C=%2 S=%3 R=%4/s D=%5s threads=%6"_s
               .arg(m_options.label.isEmpty() ? QString() : u" "_s + m_options.label)
               .arg(m_options.clients)
               .arg(m_options.groupSize)
               .arg(m_options.rate)
               .arg(d)
               .arg(m_traffic.size())
        << u"  sends/s    offered %1  acked %2   deliveries/s %3"_s
               .arg(out.value("offeredSendsPerSec"_L1).toDouble())
               .arg(out.value("sendsAckedPerSec"_L1).toDouble())
               .arg(out.value("deliveriesPerSec"_L1).toDouble())
        << u"  latency ms          p50      p95      p99      max"_s
        << u"  send -> sent   %1 %2 %3 %4"_s.arg(ms(ack, "p50"), 8)
               .arg(ms(ack, "p95"), 8)
               .arg(ms(ack, "p99"), 8)
               .arg(ms(ack, "max"), 8)
        << u"  send -> event  %1 %2 %3 %4"_s.arg(ms(delivery, "p50"), 8)
               .arg(ms(delivery, "p95"), 8)
               .arg(ms(delivery, "p99"), 8)
               .arg(ms(delivery, "max"), 8)
        << u"  lost %1 of %2; unacked %3; errors %4; dup/reorder %5; closed %6; protocol %7"_s
               .arg(lost)
               .arg(t.expected)
               .arg(t.unacked)
               .arg(compact(toJson(t.errors)))
               .arg(t.dupOrReorder)
               .arg(t.closed)
               .arg(compact(toJson(t.protocol)))
        << u"  CPU % of one core: server %1 (%2 us/delivery), confab-bench %3; send lag p99 %4 ms%5"_s
               .arg(server.value("cpuPctOfCore"_L1).toVariant().toString(),
                   server.value("cpuUsPerDelivery"_L1).toVariant().toString(),
                   QString::number(selfPct, 'f', 1), sendLag.value("p99"_L1).toVariant().toString(),
                   saturated ? u" (GENERATOR SATURATED)"_s : QString())
        << u"  held: %1"_s.arg(held ? u"yes"_s : u"no"_s);
    return out;
}
