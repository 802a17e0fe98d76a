#include "limits/loginthrottle.h"

#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// Failed logins per account: a lockout for the rest of the window that the first failure
// began, and a memory bounded by time and by a number of accounts.
class tst_LoginThrottle : public QObject {
    Q_OBJECT
private slots:
    void locksAfterTooManyFailures();
    void successForgetsFailures();
    void windowsPassAndAreForgotten();
    void manyNamesKeepToTheCap();
    void countsOfOtherNodesLockToo();

private:
    qint64 m_now = 1000;
    Clock clock()
    {
        return [this] { return m_now; };
    }
};

void tst_LoginThrottle::locksAfterTooManyFailures()
{
    LoginThrottle throttle(3, 60000, 100, clock());
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(throttle.retryAfter(u"alice"_s), 0);
        throttle.recordFailure(u"alice"_s);
        m_now += 1000;
    }
    QCOMPARE(throttle.retryAfter(u"alice"_s), 57000);
    QCOMPARE(throttle.retryAfter(u"bob"_s), 0);
    m_now += 56999;
    QCOMPARE(throttle.retryAfter(u"alice"_s), 1);
    m_now += 1;
    QCOMPARE(throttle.retryAfter(u"alice"_s), 0);
    throttle.recordFailure(u"alice"_s); // a new window
    QCOMPARE(throttle.retryAfter(u"alice"_s), 0);
}

void tst_LoginThrottle::successForgetsFailures()
{
    LoginThrottle throttle(2, 60000, 100, clock());
    throttle.recordFailure(u"alice"_s);
    throttle.recordSuccess(u"alice"_s);
    throttle.recordFailure(u"alice"_s);
    QCOMPARE(throttle.retryAfter(u"alice"_s), 0);
    throttle.recordFailure(u"alice"_s);
    QVERIFY(throttle.retryAfter(u"alice"_s) > 0);
}

void tst_LoginThrottle::windowsPassAndAreForgotten()
{
    LoginThrottle throttle(10, 60000, 100000, clock());
    for (int i = 0; i < 500; ++i)
        throttle.recordFailure(u"name-%1"_s.arg(i));
    QCOMPARE(throttle.trackedAccounts(), 500);
    m_now += 30000;
    throttle.recordFailure(u"later"_s);
    QCOMPARE(throttle.trackedAccounts(), 501);
    m_now += 30000; // the first 500 windows have passed
    QCOMPARE(throttle.retryAfter(u"anyone"_s), 0);
    QCOMPARE(throttle.trackedAccounts(), 1);
}

void tst_LoginThrottle::manyNamesKeepToTheCap()
{
    LoginThrottle throttle(2, 60000, 50, clock());
    throttle.recordFailure(u"target"_s);
    m_now += 1;
    for (int i = 0; i < 1000; ++i)
        throttle.recordFailure(u"made-up-%1"_s.arg(i));
    QCOMPARE(throttle.trackedAccounts(), 50);
    // The newest are kept: a lockout that is going on now holds.
    throttle.recordFailure(u"recent"_s);
    throttle.recordFailure(u"recent"_s);
    QVERIFY(throttle.retryAfter(u"recent"_s) > 0);
}

// The count all nodes share: a higher one locks the account here for what is left of the
// shared window; a lower one changes nothing; every failure and success is reported.
void tst_LoginThrottle::countsOfOtherNodesLockToo()
{
    LoginThrottle throttle(3, 60000, 100, clock());
    QStringList reported;
    throttle.reportTo([&reported](const QString &name, bool failed) {
        reported.append((failed ? u"-"_s : u"+"_s) + name);
    });
    throttle.recordFailure(u"eve"_s);
    QCOMPARE(throttle.retryAfter(u"eve"_s), 0);
    throttle.noteShared(u"eve"_s, 3, 20000); // two more elsewhere, in a window begun 40 s ago
    QCOMPARE(throttle.retryAfter(u"eve"_s), 20000);
    throttle.noteShared(u"eve"_s, 1, 60000);
    QCOMPARE(throttle.retryAfter(u"eve"_s), 20000);
    m_now += 20000;
    QCOMPARE(throttle.retryAfter(u"eve"_s), 0);
    throttle.recordSuccess(u"eve"_s);
    QCOMPARE(reported, QStringList({ u"-eve"_s, u"+eve"_s }));
    throttle.noteShared(u"ann"_s, 0, 0); // nothing known: nothing kept
    QCOMPARE(throttle.trackedAccounts(), 0);
}

QTEST_GUILESS_MAIN(tst_LoginThrottle)
#include "tst_loginthrottle.moc"
