#pragma once

#include "benchclient.h"
#include "latencyhistogram.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

// Connects and signs in a list of clients with a bounded number in flight, as a real
// crowd would arrive; times each sign-in (request to `auth`) and each whole setup.
class ClientOpener : public QObject {
    Q_OBJECT
public:
    struct Account {
        BenchClient *client = nullptr;
        QString username;
    };
    struct Outcome {
        int opened = 0;
        QMap<QString, qint64> errors; // "setup:<code>" -> count
        LatencyHistogram signInUs; // request to reply
        LatencyHistogram setupUs; // connect, handshake and sign-in
        qint64 elapsedUs = 0;
    };

    ClientOpener(const QUrl &url, const QString &password, BenchClient::AuthMode mode,
        int concurrency, QObject *parent = nullptr);

    // Calls `done` once every account is signed in or has failed.
    void start(const QList<Account> &accounts, std::function<void(const Outcome &)> done);

private:
    void startNext();
    void finishOne(const QString &errorCode);

    QUrl m_url;
    QString m_password;
    BenchClient::AuthMode m_mode;
    int m_concurrency;
    QList<Account> m_accounts;
    qsizetype m_next = 0;
    qsizetype m_finished = 0;
    qint64 m_startUs = 0;
    Outcome m_outcome;
    std::function<void(const Outcome &)> m_done;
};
