#include "loginscenario.h"

#include "processstats.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

QList<ClientOpener::Account> LoginScenario::makeAccounts(const QString &tag)
{
    for (BenchClient *old : std::exchange(m_clients, {}))
        old->deleteLater(); // its callbacks may be on the stack
    QList<ClientOpener::Account> accounts;
    for (int i = 0; i < m_options.logins; ++i) {
        auto *client = new BenchClient(this);
        client->setObjectName(tag);
        m_clients.append(client);
        accounts.append({ client, m_options.userPrefix + QString::number(i) });
    }
    return accounts;
}

void LoginScenario::start()
{
    auto *opener = new ClientOpener(m_options.url, m_options.password, BenchClient::AuthMode::Auto,
        m_options.setupConcurrency, this);
    opener->start(makeAccounts(u"register"_s), [this](const ClientOpener::Outcome &outcome) {
        m_registerMs = outcome.elapsedUs / 1000;
        if (!outcome.errors.isEmpty()) {
            const QString error = u"registration failed: "_s + outcome.errors.firstKey();
            emit finished(
                { { "scenario"_L1, "login"_L1 }, { "error"_L1, error } }, { error }, false);
            return;
        }
        for (BenchClient *client : std::as_const(m_clients))
            client->close();
        QTimer::singleShot(0, this, &LoginScenario::logIn);
    });
}

void LoginScenario::logIn()
{
    m_serverCpuAt = m_options.serverPid ? ProcessStats::cpuSeconds(m_options.serverPid) : -1;
    auto *opener = new ClientOpener(m_options.url, m_options.password, BenchClient::AuthMode::Login,
        m_options.setupConcurrency, this);
    opener->start(makeAccounts(u"login"_s),
        [this](const ClientOpener::Outcome &outcome) { report(outcome); });
}

void LoginScenario::report(const ClientOpener::Outcome &outcome)
{
    const double seconds = double(outcome.elapsedUs) / 1e6;
    const double perSec = seconds > 0 ? outcome.opened / seconds : 0;
    const double serverCpu
        = m_serverCpuAt >= 0 ? ProcessStats::cpuSeconds(m_options.serverPid) - m_serverCpuAt : -1;
    const QJsonValue none;
    QJsonObject errors;
    for (auto it = outcome.errors.cbegin(); it != outcome.errors.cend(); ++it)
        errors.insert(it.key(), it.value());
    const QJsonObject latency = outcome.signInUs.summaryMs({ 50, 95, 99 });
    const QJsonObject out { { "scenario"_L1, "login"_L1 }, { "adapter"_L1, "confab"_L1 },
        { "label"_L1, m_options.label }, { "url"_L1, m_options.url.toString() },
        { "logins"_L1, m_options.logins }, { "loggedIn"_L1, outcome.opened },
        { "concurrency"_L1, m_options.setupConcurrency }, { "registerMs"_L1, m_registerMs },
        { "loginMs"_L1, outcome.elapsedUs / 1000 },
        { "loginsPerSec"_L1, std::round(perSec * 10) / 10 }, { "loginLatencyMs"_L1, latency },
        { "connectAndLoginLatencyMs"_L1, outcome.setupUs.summaryMs({ 50, 99 }) },
        { "errors"_L1, errors },
        { "server"_L1,
            QJsonObject {
                { "pid"_L1, m_options.serverPid ? QJsonValue(m_options.serverPid) : none },
                { "cpuPctOfCore"_L1,
                    serverCpu >= 0 && seconds > 0
                        ? QJsonValue(std::round(1000 * serverCpu / seconds) / 10)
                        : none },
                { "cpuMsPerLogin"_L1,
                    serverCpu >= 0 && outcome.opened
                        ? QJsonValue(std::round(100000 * serverCpu / outcome.opened) / 100)
                        : none } } },
        { "at"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    const auto ms = [&latency](const char *key) {
        return latency.value(QLatin1StringView(key)).toVariant().toString();
    };
    const QStringList summary {
        u"login %1: %2/%3 logins in %4 ms = %5 logins/s (%6 at once); registering took %7 ms"_s
            .arg(m_options.label)
            .arg(outcome.opened)
            .arg(m_options.logins)
            .arg(outcome.elapsedUs / 1000)
            .arg(perSec, 0, 'f', 1)
            .arg(m_options.setupConcurrency)
            .arg(m_registerMs),
        u"  login -> auth ms: p50 %1  p95 %2  p99 %3  max %4; errors %5"_s
            .arg(ms("p50"), ms("p95"), ms("p99"), ms("max"))
            .arg(outcome.errors.size()),
    };
    emit finished(out, summary, outcome.errors.isEmpty());
}
