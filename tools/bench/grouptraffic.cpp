#include "grouptraffic.h"

#include "clientopener.h"
#include "monotonicclock.h"
#include "precisetimer.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// The shared generator's filler, so that both send the same bytes.
const char Filler[] = " The quick brown fox jumps over the lazy dog while the chat server keeps "
                      "every message in order.";

qint64 parseField(QByteArrayView text, qsizetype &pos)
{
    qint64 value = 0;
    for (; pos < text.size() && text[pos] != '|'; ++pos)
        value = value * 10 + (text[pos] - '0');
    ++pos; // the bar
    return value;
}

} // namespace

GroupTraffic::GroupTraffic(const Plan &plan, QObject *parent)
    : QObject(parent)
    , m_plan(plan)
{
    for (int i = 0; i < 20; ++i)
        m_filler.append(Filler);
}

void GroupTraffic::setUp(std::function<void(const QString &fatal)> done)
{
    QList<ClientOpener::Account> accounts;
    for (int g = m_plan.firstGroup; g < m_plan.endGroup; ++g) {
        for (int i = g * m_plan.groupSize; i < (g + 1) * m_plan.groupSize; ++i) {
            Member member;
            member.client = new BenchClient(this);
            member.index = i;
            member.group = g;
            member.lastFrom.assign(size_t(m_plan.groupSize), -1);
            accounts.append({ member.client, m_plan.userPrefix + QString::number(i) });
            m_members.push_back(std::move(member));
        }
    }
    auto *opener = new ClientOpener(
        m_plan.url, m_plan.password, BenchClient::AuthMode::Auto, m_plan.setupConcurrency, this);
    opener->start(accounts, [this, done](const ClientOpener::Outcome &outcome) {
        if (!outcome.errors.isEmpty())
            return done(u"sign-in failed: "_s + outcome.errors.firstKey());
        makeRooms(done);
    });
}

void GroupTraffic::makeRooms(std::function<void(const QString &fatal)> done)
{
    const int groups = m_plan.endGroup - m_plan.firstGroup;
    auto remaining = std::make_shared<int>(groups);
    auto failure = std::make_shared<QString>();
    if (groups == 0)
        return done(QString());
    for (int g = 0; g < groups; ++g) {
        const size_t first = size_t(g) * size_t(m_plan.groupSize);
        QJsonObject request;
        if (m_plan.groupSize == 2) {
            request = QJsonObject { { "type"_L1, "openDirect"_L1 },
                { "userId"_L1, m_members[first + 1].client->userId() } };
        } else {
            QJsonArray others;
            for (size_t m = first + 1; m < first + size_t(m_plan.groupSize); ++m)
                others.append(m_members[m].client->userId());
            request = QJsonObject { { "type"_L1, "createGroup"_L1 },
                { "name"_L1, QString(u"load "_s + QString::number(first)) },
                { "members"_L1, others } };
        }
        m_members[first].client->request(
            request, [this, first, remaining, failure, done](const QJsonObject &reply) {
                const QByteArray roomId
                    = reply.value("room"_L1).toObject().value("roomId"_L1).toString().toLatin1();
                if (roomId.isEmpty())
                    *failure = u"room setup failed: "_s + reply.value("code"_L1).toString();
                for (size_t m = first; m < first + size_t(m_plan.groupSize); ++m)
                    m_members[m].roomId = roomId;
                if (--*remaining == 0)
                    done(*failure);
            });
    }
}

void GroupTraffic::run(const Schedule &schedule, std::function<void(const Result &)> done)
{
    m_schedule = schedule;
    m_done = std::move(done);
    m_intervalUs = 1e6 / m_plan.rate;
    for (size_t i = 0; i < m_members.size(); ++i) {
        Member &member = m_members[i];
        member.nextUs = double(schedule.startUs)
            + QRandomGenerator::global()->generateDouble() * m_intervalUs;
        member.receiptDueUs = schedule.startUs
            + qint64(QRandomGenerator::global()->generateDouble() * m_plan.receiptsMs * 1000);
        m_sendOrder.push_back(int(i));
        wireHandlers(int(i));
    }
    // Every member has the same interval, so the order by phase is the order of every round.
    std::sort(m_sendOrder.begin(), m_sendOrder.end(),
        [this](int a, int b) { return m_members[size_t(a)].nextUs < m_members[size_t(b)].nextUs; });
    m_sendTimer = new PreciseTimer(this);
    connect(m_sendTimer, &PreciseTimer::fired, this, &GroupTraffic::sendDue);
    if (m_members.empty())
        return finishRun();
    m_sendTimer->fireAt(qint64(m_members[size_t(m_sendOrder.front())].nextUs));
    if (m_plan.receiptsMs > 0) {
        m_receiptTimer = new QTimer(this);
        m_receiptTimer->setTimerType(Qt::PreciseTimer);
        connect(m_receiptTimer, &QTimer::timeout, this, &GroupTraffic::flushReceipts);
        m_receiptTimer->start(qBound(1, m_plan.receiptsMs / 20, 50));
    }
}

void GroupTraffic::wireHandlers(int memberIndex)
{
    BenchClient *client = m_members[size_t(memberIndex)].client;
    client->setDeliveryHandler([this, memberIndex](const BenchClient::Delivery &delivery) {
        onDelivery(m_members[size_t(memberIndex)], delivery);
    });
    client->setSendHandler([this, memberIndex](qint64 tag, QByteArrayView errorCode, qint64 seq) {
        onSendOutcome(m_members[size_t(memberIndex)], tag, errorCode, seq);
    });
    client->setClosedHandler([this, memberIndex](int) {
        Member &member = m_members[size_t(memberIndex)];
        ++m_result.closed;
        m_result.errors[u"closed"_s] += member.outstanding.size();
        member.outstanding.clear();
    });
}

void GroupTraffic::sendDue()
{
    const qint64 now = MonotonicClock::nowUs();
    if (!m_measuring && now >= m_schedule.measureFromUs) {
        m_measuring = true;
        m_cpuAtMeasure = MonotonicClock::threadCpuSeconds();
    }
    while (true) {
        Member &member = m_members[size_t(m_sendOrder[m_cursor])];
        if (member.nextUs > double(now) || member.nextUs >= double(m_schedule.stopUs))
            break;
        sendOne(member, qint64(member.nextUs), now);
        member.nextUs += m_intervalUs;
        m_cursor = (m_cursor + 1) % m_sendOrder.size();
    }
    const double next = m_members[size_t(m_sendOrder[m_cursor])].nextUs;
    if (next < double(m_schedule.stopUs))
        return m_sendTimer->fireAt(nextFireUs(next));
    // Every send is out: the window closes; wait for stragglers, at most the drain time.
    m_result.cpuSeconds = m_measuring ? MonotonicClock::threadCpuSeconds() - m_cpuAtMeasure : 0;
    m_drainEndUs = MonotonicClock::nowUs() + qint64(m_plan.drainS * 1e6);
    m_drainTimer = new QTimer(this);
    connect(m_drainTimer, &QTimer::timeout, this, &GroupTraffic::checkDrained);
    m_drainTimer->start(50);
}

qint64 GroupTraffic::nextFireUs(double dueUs) const
{
    if (m_plan.tickMs <= 0)
        return qint64(dueUs);
    // The next tick boundary from the start, where everything due by then goes together.
    const double tickUs = m_plan.tickMs * 1000.0;
    const double ticks = std::ceil((dueUs - double(m_schedule.startUs)) / tickUs);
    return m_schedule.startUs + qint64(ticks * tickUs);
}

void GroupTraffic::sendOne(Member &member, qint64 scheduledUs, qint64 nowUs)
{
    const qint64 n = member.n++;
    const bool measured = scheduledUs >= m_schedule.measureFromUs;
    ++m_result.sent;
    if (measured) {
        ++m_result.measuredSent;
        m_result.sendLagUs.record(nowUs - scheduledUs);
    }
    // Without ticks, latency counts from the scheduled time, so a late generator cannot hide a
    // slow server; with them, from the send, as the shared generator counts (its lag is
    // reported apart).
    const qint64 fromUs = m_plan.tickMs > 0 ? nowUs : scheduledUs;
    const QByteArray head = QByteArray::number(fromUs) + '|' + QByteArray::number(member.index)
        + '|' + QByteArray::number(n) + '|' + (measured ? '1' : '0') + '|';
    const QByteArray text = head
        + QByteArrayView(m_filler).first(qMax<qsizetype>(1, m_plan.payloadBytes - head.size()));
    const QByteArray clientMsgId = m_plan.userPrefix.toLatin1() + '-'
        + QByteArray::number(member.index) + '-' + QByteArray::number(n);
    member.outstanding.insert(n, measured ? fromUs : -1); // -1: a warm-up send
    member.client->sendMessage(member.roomId, n, clientMsgId, text);
}

void GroupTraffic::onSendOutcome(Member &member, qint64 tag, QByteArrayView errorCode, qint64 seq)
{
    const auto it = member.outstanding.constFind(tag);
    if (it == member.outstanding.cend())
        return;
    const qint64 sentUs = it.value();
    member.outstanding.erase(it);
    if (!errorCode.isEmpty()) {
        ++m_result.errors[QString::fromLatin1(errorCode)];
        return;
    }
    noteSeq(member, seq);
    if (sentUs < 0)
        return;
    ++m_result.measuredAcked;
    m_result.expected += m_plan.groupSize - 1;
    m_result.ackUs.record(MonotonicClock::nowUs() - sentUs);
}

void GroupTraffic::noteSeq(Member &member, qint64 seq)
{
    member.seqMin = member.seqMin < 0 ? seq : qMin(member.seqMin, seq);
    member.seqMax = qMax(member.seqMax, seq);
    ++member.seqSeen;
}

void GroupTraffic::onDelivery(Member &member, const BenchClient::Delivery &delivery)
{
    if (delivery.roomId != member.roomId)
        return; // set-up traffic of a room not yet known here
    if (delivery.seq <= member.lastEventSeq) {
        ++m_result.protocol[u"seqRepeats"_s];
        return;
    }
    noteSeq(member, delivery.seq);
    member.lastEventSeq = delivery.seq;
    if (m_plan.receiptsMs > 0)
        member.deliveredDue = delivery.seq;
    if (!delivery.isMessage)
        return;
    qsizetype pos = 0;
    const qint64 sentUs = parseField(delivery.text, pos);
    const qint64 from = parseField(delivery.text, pos);
    const qint64 n = parseField(delivery.text, pos);
    const bool measured = pos < delivery.text.size() && delivery.text[pos] == '1';
    if (from == member.index) {
        ++m_result.echoes;
        return;
    }
    const qint64 slot = from - qint64(member.group) * m_plan.groupSize;
    if (slot < 0 || slot >= m_plan.groupSize)
        return;
    qint64 &last = member.lastFrom[size_t(slot)];
    if (n <= last) {
        ++m_result.dupOrReorder;
        return;
    }
    last = n;
    m_lastDeliveryUs = MonotonicClock::nowUs();
    if (!measured) {
        ++m_result.unmeasuredReceived;
        return;
    }
    ++m_result.measuredReceived;
    m_result.deliveryUs.record(m_lastDeliveryUs - sentUs);
}

void GroupTraffic::flushReceipts()
{
    const qint64 now = MonotonicClock::nowUs();
    for (Member &member : m_members) {
        if (member.receiptDueUs > now)
            continue;
        member.receiptDueUs += qint64(m_plan.receiptsMs) * 1000;
        if (member.deliveredDue > 0)
            member.client->markDelivered(member.roomId, std::exchange(member.deliveredDue, 0));
    }
}

void GroupTraffic::checkDrained()
{
    const qint64 now = MonotonicClock::nowUs();
    qint64 outstanding = 0;
    for (const Member &member : m_members)
        outstanding += member.outstanding.size();
    const bool allIn = outstanding == 0 && m_result.measuredReceived >= m_result.expected
        && now - m_lastDeliveryUs > 200000;
    if (allIn || now >= m_drainEndUs)
        finishRun();
}

void GroupTraffic::finishRun()
{
    if (m_drainTimer)
        m_drainTimer->stop();
    if (m_receiptTimer)
        m_receiptTimer->stop();
    qint64 missing = 0;
    for (const Member &member : m_members) {
        m_result.unacked += member.outstanding.size();
        if (member.seqSeen > 0)
            missing += member.seqMax - member.seqMin + 1 - member.seqSeen;
        m_result.protocol[u"receiptsSent"_s] += member.client->receiptsSent();
        m_result.protocol[u"receiptErrors"_s] += member.client->receiptErrors();
    }
    m_result.protocol[u"missingSeqs"_s] = missing;
    m_result.protocol[u"seqRepeats"_s] += 0;
    if (m_done)
        std::exchange(m_done, {})(m_result);
}
