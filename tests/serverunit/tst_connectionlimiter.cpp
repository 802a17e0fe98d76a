#include "limits/connectionlimiter.h"

#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// Open connections per address: up to the cap, places given back, addresses forgotten.
class tst_ConnectionLimiter : public QObject {
    Q_OBJECT
private slots:
    void capHoldsPerAddress_data();
    void capHoldsPerAddress();
    void manyOpenAndCloseLeaveNothingBehind();
    void releaseOfUnknownAddressIsHarmless();
};

void tst_ConnectionLimiter::capHoldsPerAddress_data()
{
    QTest::addColumn<int>("cap");
    QTest::addRow("64") << 64;
    QTest::addRow("1") << 1;
    QTest::addRow("0 refuses all") << 0;
}

void tst_ConnectionLimiter::capHoldsPerAddress()
{
    QFETCH(int, cap);
    ConnectionLimiter limiter(cap);
    for (int i = 0; i < cap; ++i)
        QVERIFY(limiter.tryAcquire(u"10.0.0.1"_s));
    QVERIFY(!limiter.tryAcquire(u"10.0.0.1"_s));
    QCOMPARE(limiter.openFrom(u"10.0.0.1"_s), cap);
    QCOMPARE(limiter.tryAcquire(u"10.0.0.2"_s), cap > 0);
    if (cap == 0) {
        QCOMPARE(limiter.trackedAddresses(), 0); // a refusal leaves nothing behind
        return;
    }
    limiter.release(u"10.0.0.1"_s);
    QVERIFY(limiter.tryAcquire(u"10.0.0.1"_s));
    QVERIFY(!limiter.tryAcquire(u"10.0.0.1"_s));
}

void tst_ConnectionLimiter::manyOpenAndCloseLeaveNothingBehind()
{
    ConnectionLimiter limiter(64);
    for (int round = 0; round < 500; ++round) {
        QVERIFY(limiter.tryAcquire(u"127.0.0.1"_s));
        QVERIFY(limiter.tryAcquire(u"192.0.2.%1"_s.arg(round % 250)));
        limiter.release(u"127.0.0.1"_s);
        limiter.release(u"192.0.2.%1"_s.arg(round % 250));
    }
    QCOMPARE(limiter.openFrom(u"127.0.0.1"_s), 0);
    QCOMPARE(limiter.trackedAddresses(), 0);
}

void tst_ConnectionLimiter::releaseOfUnknownAddressIsHarmless()
{
    ConnectionLimiter limiter(2);
    limiter.release(u"never seen"_s);
    QCOMPARE(limiter.trackedAddresses(), 0);
    QVERIFY(limiter.tryAcquire(u"never seen"_s));
    QVERIFY(limiter.tryAcquire(u"never seen"_s));
    QVERIFY(!limiter.tryAcquire(u"never seen"_s));
}

QTEST_GUILESS_MAIN(tst_ConnectionLimiter)
#include "tst_connectionlimiter.moc"
