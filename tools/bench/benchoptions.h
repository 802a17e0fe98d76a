#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Everything confab-bench can be told. Defaults and meanings follow the shared Node
// generator (shared/bench/loadgen) wherever both have the option.
struct BenchOptions {
    QString scenario = QStringLiteral("groups");
    QUrl url = QUrl(QStringLiteral("ws://127.0.0.1:8080/"));
    int threads = 2;
    qint64 serverPid = 0; // 0: not given
    QString label;
    bool jsonOnly = false;
    QString userPrefix; // random unless given
    QString password = QStringLiteral("load-test-password");
    int setupConcurrency = 32;

    // groups
    int clients = 200;
    int groupSize = 10;
    double rate = 5;
    double durationS = 20;
    double warmupS = 3;
    double drainS = 5;
    int receiptsMs = 0;
    // Sends due are sent together every tickMs, as the shared generator does; 0: each at its
    // own time, latency then counted from the scheduled time.
    int tickMs = 5;
    int payloadBytes = 100;
    // idle
    int connections = 2000;
    int idleBaseline = 50;
    double settleS = 3;
    // history
    qint64 events = 1000000;
    int rooms = 500;
    int seedSenders = 4;
    int seedWindow = 256;
    int readers = 2;
    bool reuseRoom = false;
    // login
    int logins = 200;

    // Parses the process's arguments; on a bad value, `error` says which.
    static BenchOptions parse(const QStringList &arguments, QString *error);
};
