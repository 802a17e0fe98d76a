#include "limits/ratelimiter.h"
#include "limits/tokenbucket.h"

#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// Token buckets: a burst, then a steady rate with an exact wait; one bucket per user; and
// buckets that filled up again are forgotten.
class tst_RateLimiter : public QObject {
    Q_OBJECT
private slots:
    void burstThenSteadyRate_data();
    void burstThenSteadyRate();
    void keysAreIndependent();
    void fullBucketsAreForgotten();
    void bucketsNotFullYetAreKept();
    void aSharedBudgetCountsWhatWasTaken();

private:
    qint64 m_now = 0;
    Clock clock()
    {
        return [this] { return m_now; };
    }
};

void tst_RateLimiter::burstThenSteadyRate_data()
{
    QTest::addColumn<int>("burst");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<qint64>("firstWaitMs");
    QTest::addRow("20 then 5/s") << 20 << 5.0 << qint64(200);
    QTest::addRow("3 then 1/s") << 3 << 1.0 << qint64(1000);
    QTest::addRow("1 then 100/s") << 1 << 100.0 << qint64(10);
}

void tst_RateLimiter::burstThenSteadyRate()
{
    QFETCH(int, burst);
    QFETCH(double, perSecond);
    QFETCH(qint64, firstWaitMs);
    m_now = 1000;
    RateLimiter limiter(burst, perSecond, clock());
    for (int i = 0; i < burst; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QCOMPARE(limiter.take(u"u"_s), firstWaitMs);
    m_now += firstWaitMs - 1;
    QVERIFY(limiter.take(u"u"_s) > 0);
    m_now += 1;
    QCOMPARE(limiter.take(u"u"_s), 0);
    QCOMPARE(limiter.take(u"u"_s), firstWaitMs);
    // A long pause refills the burst, never more.
    m_now += 3600 * 1000;
    for (int i = 0; i < burst; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QVERIFY(limiter.take(u"u"_s) > 0);
}

void tst_RateLimiter::keysAreIndependent()
{
    RateLimiter limiter(2, 1.0, clock());
    QCOMPARE(limiter.take(u"a"_s), 0);
    QCOMPARE(limiter.take(u"a"_s), 0);
    QVERIFY(limiter.take(u"a"_s) > 0);
    QCOMPARE(limiter.take(u"b"_s), 0);
    QCOMPARE(limiter.take(u"b"_s), 0);
}

void tst_RateLimiter::fullBucketsAreForgotten()
{
    RateLimiter limiter(20, 5.0, clock());
    for (int user = 0; user < 1000; ++user)
        QCOMPARE(limiter.take(u"user-%1"_s.arg(user)), 0);
    QCOMPARE(limiter.trackedKeys(), 1000);
    // One token each was spent; after 0.2 s they are full again, and the next sweep
    // (at most 10 s later) forgets them all but the one that just took a token.
    m_now += 10000;
    QCOMPARE(limiter.take(u"active"_s), 0);
    QCOMPARE(limiter.trackedKeys(), 1);
}

void tst_RateLimiter::bucketsNotFullYetAreKept()
{
    RateLimiter limiter(20, 0.1, clock()); // a token every 10 s
    for (int i = 0; i < 20; ++i)
        QCOMPARE(limiter.take(u"busy"_s), 0);
    QCOMPARE(limiter.take(u"idle"_s), 0);
    // At the next sweep the idle user's bucket is full again, the busy user's is not: the
    // busy user is kept, with what they spent.
    m_now += 10000;
    QCOMPARE(limiter.take(u"other"_s), 0);
    QCOMPARE(limiter.trackedKeys(), 2);
    QCOMPARE(limiter.take(u"busy"_s), 0); // the one token that came back
    QVERIFY(limiter.take(u"busy"_s) > 0);
}

// Shared with other nodes: a new bucket holds this node's share of the burst, what was
// taken is reported once, and the balance that comes back (split between the nodes that
// took from it) sets the bucket, counting what was taken since the report.
void tst_RateLimiter::aSharedBudgetCountsWhatWasTaken()
{
    RateLimiter limiter(20, 0.001, clock()); // no refill to speak of
    limiter.shareWith(4);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QVERIFY(limiter.take(u"u"_s) > 0);
    QCOMPARE(limiter.takeUnreported(), (QHash<QString, int> { { u"u"_s, 5 } }));
    QVERIFY(limiter.takeUnreported().isEmpty());

    limiter.settle(u"u"_s, 14, 2); // 20 - 5 here - 1 elsewhere; two nodes take from it
    for (int i = 0; i < 7; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QVERIFY(limiter.take(u"u"_s) > 0);
    limiter.settle(u"u"_s, 10, 1); // taken elsewhere; the 7 taken here are not in it yet
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QVERIFY(limiter.take(u"u"_s) > 0);
    QCOMPARE(limiter.takeUnreported(), (QHash<QString, int> { { u"u"_s, 10 } }));

    // The cluster's balance rules, also when it is more than this node thought.
    limiter.settle(u"u"_s, 20, 1);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(limiter.take(u"u"_s), 0);
    QVERIFY(limiter.take(u"u"_s) > 0);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
