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

QList<Event> events(std::initializer_list<qint64> seqs)
{
    QList<Event> out;
    for (qint64 seq : seqs)
        out.append(eventAt(seq));
    return out;
}

QList<qint64> seqs(const QList<Event> &events)
{
    QList<qint64> out;
    for (const Event &e : events)
        out.append(e.seq);
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
};

QTEST_MAIN(tst_RoomSequencer)
#include "tst_roomsequencer.moc"
