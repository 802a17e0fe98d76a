#pragma once

#include "clientopener.h"
#include "scenario.h"

// login: registers N users, closes their connections, then logs each in on a new
// connection (at most --setup-concurrency at once) and reports logins/s and the latency
// from `login` to `auth`. Password hashing dominates, so this sizes the hashing threads.
class LoginScenario : public Scenario {
    Q_OBJECT
public:
    using Scenario::Scenario;

    void start() override;

private:
    QList<ClientOpener::Account> makeAccounts(const QString &tag);
    void logIn();
    void report(const ClientOpener::Outcome &outcome);

    QList<BenchClient *> m_clients;
    double m_serverCpuAt = -1;
    qint64 m_registerMs = 0;
};
