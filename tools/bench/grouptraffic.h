#pragma once

#include "benchclient.h"
#include "latencyhistogram.h"

#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>
#include <vector>

class PreciseTimer;
class QTimer;

// The groups scenario inside one worker thread: the clients of whole groups (so it knows
// exactly how many deliveries to expect), their open-loop send schedule, and what they
// receive. Mirrors worker.js of the shared generator.
class GroupTraffic : public QObject {
    Q_OBJECT
public:
    struct Plan {
        QUrl url;
        QString userPrefix;
        QString password;
        int firstGroup = 0;
        int endGroup = 0;
        int groupSize = 2;
        double rate = 1;
        int receiptsMs = 0;
        int payloadBytes = 100;
        int setupConcurrency = 32;
        double drainS = 5;
        int tickMs = 5;
    };
    struct Schedule {
        qint64 startUs = 0;
        qint64 measureFromUs = 0; // sends scheduled from here on are measured
        qint64 stopUs = 0;
    };
    struct Result {
        qint64 sent = 0, measuredSent = 0, measuredAcked = 0, measuredReceived = 0, expected = 0;
        qint64 echoes = 0, dupOrReorder = 0, unmeasuredReceived = 0, unacked = 0, closed = 0;
        QMap<QString, qint64> errors; // by code, warm-up included
        QMap<QString, qint64> protocol; // missingSeqs, seqRepeats, receiptsSent, receiptErrors
        LatencyHistogram deliveryUs, ackUs, sendLagUs;
        double cpuSeconds = 0; // this thread, over the measured window
    };

    GroupTraffic(const Plan &plan, QObject *parent = nullptr);

    // Signs every client in and makes the rooms; `fatal` is empty on success.
    void setUp(std::function<void(const QString &fatal)> done);
    void run(const Schedule &schedule, std::function<void(const Result &)> done);

private:
    struct Member {
        BenchClient *client = nullptr;
        int index = 0;
        int group = 0;
        QByteArray roomId;
        double nextUs = 0;
        qint64 n = 0; // messages sent so far
        QHash<qint64, qint64> outstanding; // tag -> scheduled send time
        std::vector<qint64> lastFrom; // per group member: newest n received from them
        qint64 lastEventSeq = 0, seqMin = -1, seqMax = -1, seqSeen = 0; // protocol checks
        qint64 deliveredDue = 0; // newest seq not yet marked delivered
        qint64 receiptDueUs = 0;
    };

    void makeRooms(std::function<void(const QString &fatal)> done);
    void wireHandlers(int memberIndex);
    void sendDue();
    void sendOne(Member &member, qint64 scheduledUs, qint64 nowUs);
    qint64 nextFireUs(double dueUs) const;
    void onDelivery(Member &member, const BenchClient::Delivery &delivery);
    void onSendOutcome(Member &member, qint64 tag, QByteArrayView errorCode, qint64 seq);
    void noteSeq(Member &member, qint64 seq);
    void flushReceipts();
    void checkDrained();
    void finishRun();

    Plan m_plan;
    std::vector<Member> m_members;
    std::vector<int> m_sendOrder; // members by phase: the next one due is always at m_cursor
    size_t m_cursor = 0;
    double m_intervalUs = 0;
    QByteArray m_filler;
    Schedule m_schedule;
    Result m_result;
    bool m_measuring = false;
    double m_cpuAtMeasure = 0;
    qint64 m_lastDeliveryUs = 0;
    qint64 m_drainEndUs = 0;
    PreciseTimer *m_sendTimer = nullptr;
    QTimer *m_receiptTimer = nullptr;
    QTimer *m_drainTimer = nullptr;
    std::function<void(const Result &)> m_done;
};
