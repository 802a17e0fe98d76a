#include "limits/keyedcounter.h"

#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// Places held per key: up to the cap, given back, keys forgotten when they hold nothing.
class tst_KeyedCounter : public QObject {
    Q_OBJECT
private slots:
    void capHoldsPerAddress_data();
    void capHoldsPerAddress();
    void manyOpenAndCloseLeaveNothingBehind();
    void releaseOfUnknownAddressIsHarmless();
};

void tst_KeyedCounter::capHoldsPerAddress_data()
{
    QTest::addColumn<int>("cap");
    QTest::addRow("64") << 64;
    QTest::addRow("1") << 1;
    QTest::addRow("0 refuses all") << 0;
}

void tst_KeyedCounter::capHoldsPerAddress()
{
    QFETCH(int, cap);
    KeyedCounter counter(cap);
    for (int i = 0; i < cap; ++i)
        QVERIFY(counter.tryAcquire(u"10.0.0.1"_s));
    QVERIFY(!counter.tryAcquire(u"10.0.0.1"_s));
    QCOMPARE(counter.heldBy(u"10.0.0.1"_s), cap);
    QCOMPARE(counter.tryAcquire(u"10.0.0.2"_s), cap > 0);
    if (cap == 0) {
        QCOMPARE(counter.trackedKeys(), 0); // a refusal leaves nothing behind
        return;
    }
    counter.release(u"10.0.0.1"_s);
    QVERIFY(counter.tryAcquire(u"10.0.0.1"_s));
    QVERIFY(!counter.tryAcquire(u"10.0.0.1"_s));
}

void tst_KeyedCounter::manyOpenAndCloseLeaveNothingBehind()
{
    KeyedCounter counter(64);
    for (int round = 0; round < 500; ++round) {
        QVERIFY(counter.tryAcquire(u"127.0.0.1"_s));
        QVERIFY(counter.tryAcquire(u"192.0.2.%1"_s.arg(round % 250)));
        counter.release(u"127.0.0.1"_s);
        counter.release(u"192.0.2.%1"_s.arg(round % 250));
    }
    QCOMPARE(counter.heldBy(u"127.0.0.1"_s), 0);
    QCOMPARE(counter.trackedKeys(), 0);
}

void tst_KeyedCounter::releaseOfUnknownAddressIsHarmless()
{
    KeyedCounter counter(2);
    counter.release(u"never seen"_s);
    QCOMPARE(counter.trackedKeys(), 0);
    QVERIFY(counter.tryAcquire(u"never seen"_s));
    QVERIFY(counter.tryAcquire(u"never seen"_s));
    QVERIFY(!counter.tryAcquire(u"never seen"_s));
}

QTEST_GUILESS_MAIN(tst_KeyedCounter)
#include "tst_keyedcounter.moc"
