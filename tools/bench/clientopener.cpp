#include "clientopener.h"

#include "monotonicclock.h"

using namespace Qt::StringLiterals;

ClientOpener::ClientOpener(const QUrl &url, const QString &password, BenchClient::AuthMode mode,
    int concurrency, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_password(password)
    , m_mode(mode)
    , m_concurrency(qMax(1, concurrency))
{
}

void ClientOpener::start(const QList<Account> &accounts, std::function<void(const Outcome &)> done)
{
    m_accounts = accounts;
    m_done = std::move(done);
    m_next = 0;
    m_finished = 0;
    m_outcome = {};
    m_startUs = MonotonicClock::nowUs();
    if (m_accounts.isEmpty())
        return m_done(m_outcome);
    while (m_next < m_accounts.size() && m_next < m_concurrency)
        startNext();
}

void ClientOpener::startNext()
{
    const Account account = m_accounts.at(m_next++);
    const qint64 connectUs = MonotonicClock::nowUs();
    account.client->open(m_url, [this, account, connectUs](const QString &error) {
        if (!error.isEmpty())
            return finishOne(error);
        const qint64 signInUs = MonotonicClock::nowUs();
        account.client->signIn(
            account.username, m_password, m_mode, [this, connectUs, signInUs](const QString &code) {
                const qint64 now = MonotonicClock::nowUs();
                if (code.isEmpty()) {
                    m_outcome.signInUs.record(now - signInUs);
                    m_outcome.setupUs.record(now - connectUs);
                }
                finishOne(code);
            });
    });
}

void ClientOpener::finishOne(const QString &errorCode)
{
    if (errorCode.isEmpty())
        ++m_outcome.opened;
    else
        ++m_outcome.errors[u"setup:"_s + errorCode];
    ++m_finished;
    if (m_next < m_accounts.size())
        startNext();
    if (m_finished == m_accounts.size()) {
        m_outcome.elapsedUs = MonotonicClock::nowUs() - m_startUs;
        m_done(m_outcome);
    }
}
