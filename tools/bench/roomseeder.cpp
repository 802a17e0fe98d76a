#include "roomseeder.h"

#include "monotonicclock.h"

#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

RoomSeeder::RoomSeeder(const QList<BenchClient *> &senders, const QByteArray &roomId, int window,
    int payloadBytes, const QString &clientMsgPrefix, QObject *parent)
    : QObject(parent)
    , m_senders(senders)
    , m_roomId(roomId)
    , m_window(window)
    , m_clientMsgPrefix(clientMsgPrefix.toLatin1())
{
    const QByteArray words = "history seed text, words a reader would scroll past. ";
    while (m_text.size() < payloadBytes)
        m_text.append(words);
    m_text.truncate(payloadBytes);
}

void RoomSeeder::seed(qint64 count, bool quiet, std::function<void(const Outcome &)> done)
{
    m_target = count;
    m_finished = std::move(done);
    m_startUs = MonotonicClock::nowUs();
    if (count <= 0)
        return m_finished(m_outcome);
    if (!quiet) {
        m_progress = new QTimer(this);
        connect(m_progress, &QTimer::timeout, this, &RoomSeeder::printProgress);
        m_progress->start(1000);
    }
    for (BenchClient *sender : std::as_const(m_senders)) {
        sender->setSendHandler([this, sender](qint64, QByteArrayView errorCode, qint64) {
            onOutcome(sender, errorCode);
        });
        for (int i = 0; i < m_window && m_sent < m_target; ++i)
            sendNext(sender);
    }
}

void RoomSeeder::sendNext(BenchClient *sender)
{
    const qint64 n = m_sent++;
    // Unique for ever (the server deduplicates by clientMsgId): the run's prefix and n.
    sender->sendMessage(m_roomId, n, QByteArray(m_clientMsgPrefix + QByteArray::number(n)), m_text);
}

void RoomSeeder::onOutcome(BenchClient *sender, QByteArrayView errorCode)
{
    if (m_done >= m_target)
        return;
    ++m_done;
    if (errorCode.isEmpty())
        ++m_outcome.acked;
    else
        ++m_outcome.errors[QString::fromLatin1(errorCode)];
    if (m_sent < m_target)
        sendNext(sender);
    if (m_done < m_target)
        return;
    if (m_progress)
        m_progress->stop();
    m_outcome.seconds = double(MonotonicClock::nowUs() - m_startUs) / 1e6;
    std::exchange(m_finished, {})(m_outcome);
}

void RoomSeeder::printProgress()
{
    const double seconds = double(MonotonicClock::nowUs() - m_startUs) / 1e6;
    QTextStream(stderr) << "seeding: " << m_done << " of " << m_target << " messages, "
                        << (m_done - m_lastProgressDone) << "/s now, "
                        << qint64(double(m_done) / seconds) << "/s overall" << Qt::endl;
    m_lastProgressDone = m_done;
}
