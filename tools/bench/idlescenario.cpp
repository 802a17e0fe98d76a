#include "idlescenario.h"

#include "monotonicclock.h"
#include "processstats.h"
#include "workerthreads.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

IdleScenario::IdleScenario(const BenchOptions &options, QObject *parent)
    : Scenario(options, parent)
{
}

IdleScenario::~IdleScenario() = default;

void IdleScenario::start()
{
    m_threads = std::make_unique<WorkerThreads>(qMin(m_options.threads, m_options.connections));
    const int settleMs = int(m_options.settleS * 1000);
    openRange(true, [this, settleMs] {
        QTimer::singleShot(settleMs, this, [this, settleMs] {
            m_rssBaseline = m_options.serverPid ? ProcessStats::rssKiB(m_options.serverPid) : -1;
            openRange(false, [this, settleMs] {
                m_setupMs = (MonotonicClock::nowUs() - m_phaseStartUs) / 1000;
                QTimer::singleShot(settleMs, this, [this] {
                    m_rssAfter
                        = m_options.serverPid ? ProcessStats::rssKiB(m_options.serverPid) : -1;
                    report();
                });
            });
        });
    });
}

void IdleScenario::openRange(bool baseline, std::function<void()> next)
{
    const int workers = m_threads->count();
    const int total = m_options.connections;
    const int baselinePerWorker
        = int(std::ceil(double(qMin(m_options.idleBaseline, total)) / workers));
    m_next = std::move(next);
    m_waiting = workers;
    m_phaseStartUs = MonotonicClock::nowUs();
    for (int w = 0; w < workers; ++w) {
        const int shareFirst = w * total / workers;
        const int shareEnd = (w + 1) * total / workers;
        const int split = qMin(shareEnd, shareFirst + baselinePerWorker);
        const int first = baseline ? shareFirst : split;
        const int end = baseline ? split : shareEnd;
        const BenchOptions o = m_options;
        m_threads->post(w, [this, o, first, end](QObject *context) {
            QList<ClientOpener::Account> accounts;
            for (int i = first; i < end; ++i)
                accounts.append({ new BenchClient(context), o.userPrefix + QString::number(i) });
            auto *opener = new ClientOpener(
                o.url, o.password, BenchClient::AuthMode::Auto, o.setupConcurrency, context);
            opener->start(accounts, [this](const ClientOpener::Outcome &outcome) {
                WorkerThreads::postTo(this, [this, outcome] { shareOpened(outcome); });
            });
        });
    }
}

void IdleScenario::shareOpened(const ClientOpener::Outcome &outcome)
{
    m_opened += outcome.opened;
    m_setupUs.merge(outcome.setupUs);
    for (auto it = outcome.errors.cbegin(); it != outcome.errors.cend(); ++it)
        m_errors[it.key()] += it.value();
    if (--m_waiting > 0)
        return;
    if (m_baselineOpened == 0)
        m_baselineOpened = m_opened;
    m_next();
}

void IdleScenario::report()
{
    const int added = m_opened - m_baselineOpened;
    const bool measured = m_rssBaseline >= 0 && m_rssAfter >= 0 && added > 0;
    const double perConnection = measured ? double(m_rssAfter - m_rssBaseline) / added : 0;
    const QJsonValue none;
    QJsonObject errors;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        errors.insert(it.key(), it.value());
    const double perSec = m_setupMs > 0 ? 1000.0 * added / double(m_setupMs) : 0;
    const QJsonObject out { { "scenario"_L1, "idle"_L1 }, { "adapter"_L1, "confab"_L1 },
        { "label"_L1, m_options.label }, { "url"_L1, m_options.url.toString() },
        { "connections"_L1, m_options.connections }, { "opened"_L1, m_opened },
        { "baselineConnections"_L1, m_baselineOpened }, { "workers"_L1, m_threads->count() },
        { "setupMs"_L1, m_setupMs }, { "connectionsPerSec"_L1, std::round(perSec * 10) / 10 },
        { "setupLatencyMs"_L1, m_setupUs.summaryMs({ 50, 99 }) }, { "errors"_L1, errors },
        { "server"_L1,
            QJsonObject {
                { "pid"_L1, m_options.serverPid ? QJsonValue(m_options.serverPid) : none },
                { "rssBaselineKiB"_L1, m_rssBaseline >= 0 ? QJsonValue(m_rssBaseline) : none },
                { "rssAfterKiB"_L1, m_rssAfter >= 0 ? QJsonValue(m_rssAfter) : none },
                { "perConnectionKiB"_L1,
                    measured ? QJsonValue(std::round(perConnection * 100) / 100) : none } } },
        { "at"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    const QStringList summary {
        u"idle %1: %2/%3 signed-in connections (%4 after the baseline, in %5 ms, %6/s)"_s
            .arg(m_options.label)
            .arg(m_opened)
            .arg(m_options.connections)
            .arg(added)
            .arg(m_setupMs)
            .arg(perSec, 0, 'f', 1),
        u"  server RSS %1 -> %2 KiB = %3 KiB per idle connection; errors %4"_s.arg(m_rssBaseline)
            .arg(m_rssAfter)
            .arg(measured ? QString::number(perConnection, 'f', 2) : u"n/a (no --server-pid)"_s)
            .arg(m_errors.size()),
    };
    emit finished(out, summary, m_errors.isEmpty());
}
