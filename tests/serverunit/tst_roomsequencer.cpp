#include "bus/roomsequencer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Confab;
using namespace Confab::Server;
using namespace std::chrono_literals;

namespace {
using Clock = RoomSequencer::Clock;
const QString kRoom = u"room"_s;
const auto kTimeout = 500ms;

Event eventAt(qint64 seq, const QString &roomId = kRoom)
{
    Event e;
    e.roomId = roomId;
    e.seq = seq;
    e.kind = Event::Message;
    return e;
}

QList<RoomNews> events(std::initializer_list<qint64> seqs)
{
    QList<RoomNews> out;
    for (qint64 seq : seqs)
        out.append(eventAt(seq));
    return out;
}

QList<qint64> seqs(const QList<RoomNews> &events)
{
    QList<qint64> out;
    for (const RoomNews &news : events)
        out.append(news.event.seq);
    return out;
}

QList<qint64> offered(RoomSequencer &sequencer, qint64 seq, Clock::time_point now)
{
    return seqs(sequencer.offer(eventAt(seq), now));
}

bool sameGap(const RoomSequencer::Gap &gap, qint64 after, qint64 before)
{
    if (gap.roomId == kRoom && gap.after == after && gap.before == before)
        return true;
    qWarning("gap %s after %lld before %lld", qPrintable(gap.roomId), gap.after, gap.before);
    return false;
}
} // namespace

// RoomSequencer: events of a room in seq order, whatever order they come in, and the gaps
// the caller must read from the database.
class tst_RoomSequencer : public QObject {
    Q_OBJECT
private slots:
    void eventsInOrderPassAtOnce()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 0);
        QCOMPARE(offered(sequencer, 1, now), QList<qint64>({ 1 }));
        QCOMPARE(offered(sequencer, 2, now), QList<qint64>({ 2 }));
        QVERIFY(sequencer.overdueGaps(now + 10s).isEmpty());
    }

    void laterEventsWaitForEarlierOnes()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 0);
        QCOMPARE(offered(sequencer, 3, now), QList<qint64>());
        QCOMPARE(offered(sequencer, 2, now), QList<qint64>());
        QCOMPARE(offered(sequencer, 1, now), QList<qint64>({ 1, 2, 3 }));
        QCOMPARE(sequencer.position(kRoom), 3);
        QVERIFY(sequencer.overdueGaps(now + 10s).isEmpty());
    }

    void repeatsAndEventsBeforeTheStartAreDropped()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 5);
        sequencer.follow(kRoom, 0); // already followed: ignored
        QCOMPARE(offered(sequencer, 3, now), QList<qint64>());
        QCOMPARE(offered(sequencer, 5, now), QList<qint64>());
        QCOMPARE(offered(sequencer, 6, now), QList<qint64>({ 6 }));
        QCOMPARE(offered(sequencer, 6, now), QList<qint64>());
        QCOMPARE(seqs(sequencer.offer(eventAt(1, u"other"_s), now)), QList<qint64>());
    }

    void aGapIsAskedForOncePerTimeoutUntilFilled()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point start = Clock::now();
        sequencer.follow(kRoom, 0);
        QCOMPARE(offered(sequencer, 3, start), QList<qint64>());
        QVERIFY(sequencer.overdueGaps(start + 100ms).isEmpty()); // maybe only late
        QList<RoomSequencer::Gap> gaps = sequencer.overdueGaps(start + kTimeout);
        QCOMPARE(gaps.size(), 1);
        QVERIFY(sameGap(gaps.first(), 0, 3));
        QVERIFY(sequencer.overdueGaps(start + kTimeout + 100ms).isEmpty()); // being read
        gaps = sequencer.overdueGaps(start + 2 * kTimeout); // that reading failed: again
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(seqs(sequencer.fill(kRoom, events({ 2, 1 }), start + 2 * kTimeout)),
            QList<qint64>({ 1, 2, 3 }));
        QVERIFY(sequencer.overdueGaps(start + 10s).isEmpty());
    }

    void aLostLastEventIsFoundThroughLastSeq()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point start = Clock::now();
        sequencer.follow(kRoom, 0);
        QCOMPARE(offered(sequencer, 1, start), QList<qint64>({ 1 }));
        sequencer.noteLastSeq(kRoom, 4, start); // 2 to 4 never came over the bus
        QVERIFY(sequencer.overdueGaps(start + 100ms).isEmpty());
        const QList<RoomSequencer::Gap> gaps = sequencer.overdueGaps(start + kTimeout);
        QCOMPARE(gaps.size(), 1);
        QVERIFY(sameGap(gaps.first(), 1, 5));
        QCOMPARE(seqs(sequencer.fill(kRoom, events({ 1, 2, 3, 4 }), start + kTimeout)),
            QList<qint64>({ 2, 3, 4 }));
        QVERIFY(sequencer.overdueGaps(start + 10s).isEmpty());
    }

    void heldEventsAreBoundedAndAFullRoomAsksAtOnce()
    {
        RoomSequencer sequencer(kTimeout, 3);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 0);
        for (qint64 seq : { 10, 9, 8, 7, 6 })
            QCOMPARE(offered(sequencer, seq, now), QList<qint64>());
        // The three lowest are held; the database has the rest.
        QList<RoomSequencer::Gap> gaps = sequencer.overdueGaps(now);
        QCOMPARE(gaps.size(), 1);
        QVERIFY(sameGap(gaps.first(), 0, 6));
        QCOMPARE(seqs(sequencer.fill(kRoom, events({ 1, 2, 3, 4, 5 }), now)),
            QList<qint64>({ 1, 2, 3, 4, 5, 6, 7, 8 }));
        // 9 and 10 are known to exist: read next, without waiting for another timeout.
        gaps = sequencer.overdueGaps(now);
        QCOMPARE(gaps.size(), 1);
        QVERIFY(sameGap(gaps.first(), 8, 11));
    }

    void forgottenRoomsHandNothingOn()
    {
        RoomSequencer sequencer(kTimeout);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 0);
        QCOMPARE(offered(sequencer, 2, now), QList<qint64>());
        sequencer.forget(kRoom);
        QVERIFY(!sequencer.follows(kRoom));
        QCOMPARE(offered(sequencer, 1, now), QList<qint64>());
        QVERIFY(sequencer.overdueGaps(now + 10s).isEmpty());
        QCOMPARE(sequencer.roomCount(), 0);
    }

    // A reply owed to a sender of this node (its `sent`) is never lost: not when its event
    // must wait beyond the bound, nor when the event came first from the database, nor when
    // the room is forgotten.
    void repliesAreNeverDropped()
    {
        RoomSequencer sequencer(kTimeout, 2);
        const Clock::time_point now = Clock::now();
        sequencer.follow(kRoom, 0);
        int replies = 0;
        auto withReply = [&replies](qint64 seq) {
            return RoomNews(eventAt(seq), { u"u"_s }, 7, [&replies] { ++replies; });
        };
        for (qint64 seq : { 3, 4, 5 })
            QVERIFY(sequencer.offer(withReply(seq), now).isEmpty());
        QVERIFY(sequencer.offer(eventAt(6), now).isEmpty()); // beyond the bound: dropped
        QCOMPARE(seqs(sequencer.offer(eventAt(1), now)), QList<qint64>({ 1 }));
        QCOMPARE(seqs(sequencer.offer(eventAt(2), now)), QList<qint64>({ 2, 3, 4, 5 }));

        // Read from the database first, then made here: only the reply goes out.
        QCOMPARE(seqs(sequencer.fill(kRoom, events({ 6 }), now)), QList<qint64>({ 6 }));
        const QList<RoomNews> repeat = sequencer.offer(withReply(6), now);
        QCOMPARE(repeat.size(), 1);
        QVERIFY(repeat.first().recipients.isEmpty());
        QVERIFY(repeat.first().then);

        // Held from the bus, then made here: the copy with the reply goes out.
        QVERIFY(sequencer.offer(eventAt(8), now).isEmpty());
        QVERIFY(sequencer.offer(withReply(8), now).isEmpty());
        const QList<RoomNews> both = sequencer.offer(eventAt(7), now);
        QCOMPARE(seqs(both), QList<qint64>({ 7, 8 }));
        QVERIFY(both.last().then);

        QVERIFY(sequencer.offer(withReply(10), now).isEmpty());
        const QList<RoomNews> owed = sequencer.forget(kRoom);
        QCOMPARE(seqs(owed), QList<qint64>({ 10 }));
        QVERIFY(owed.first().recipients.isEmpty());
        QCOMPARE(replies, 0); // the sequencer only hands them back; its caller runs them
    }
};

QTEST_MAIN(tst_RoomSequencer)
#include "tst_roomsequencer.moc"
