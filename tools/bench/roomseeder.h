#pragma once

#include "benchclient.h"

#include <QList>
#include <QMap>
#include <QObject>

#include <functional>

class QTimer;

// Fills one room with messages through the protocol as fast as the server takes them:
// several signed-in members, each keeping a window of unacknowledged sends. Closed loop on
// purpose: this is set-up for the history scenario, not a measurement.
class RoomSeeder : public QObject {
    Q_OBJECT
public:
    struct Outcome {
        qint64 acked = 0;
        QMap<QString, qint64> errors;
        double seconds = 0;
    };

    RoomSeeder(const QList<BenchClient *> &senders, const QByteArray &roomId, int window,
        int payloadBytes, const QString &clientMsgPrefix, QObject *parent = nullptr);

    // Sends `count` messages; prints progress to stderr once a second unless `quiet`.
    void seed(qint64 count, bool quiet, std::function<void(const Outcome &)> done);

private:
    void sendNext(BenchClient *sender);
    void onOutcome(BenchClient *sender, QByteArrayView errorCode);
    void printProgress();

    QList<BenchClient *> m_senders;
    QByteArray m_roomId;
    int m_window;
    QByteArray m_text;
    QByteArray m_clientMsgPrefix;
    qint64 m_target = 0;
    qint64 m_sent = 0;
    qint64 m_done = 0;
    qint64 m_startUs = 0;
    qint64 m_lastProgressDone = 0;
    Outcome m_outcome;
    QTimer *m_progress = nullptr;
    std::function<void(const Outcome &)> m_finished;
};
