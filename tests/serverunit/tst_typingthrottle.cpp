#include "limits/typingthrottle.h"

#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// One relayed `typing: true` per user and room per interval, and a memory that keeps only
// the last two intervals.
class tst_TypingThrottle : public QObject {
    Q_OBJECT
private slots:
    void oncePerInterval();
    void usersAndRoomsAreIndependent();
    void forgetsWhatNoLongerMatters();

private:
    qint64 m_now = 5000;
    Clock clock()
    {
        return [this] { return m_now; };
    }
};

void tst_TypingThrottle::oncePerInterval()
{
    TypingThrottle throttle(1000, clock()); // its first generation begins at 5000
    QVERIFY(throttle.allow(u"u"_s, u"r"_s));
    m_now += 999;
    QVERIFY(!throttle.allow(u"u"_s, u"r"_s));
    m_now += 1;
    QVERIFY(throttle.allow(u"u"_s, u"r"_s));
    // A relay late in one generation still counts in the next.
    m_now = 6500;
    QVERIFY(throttle.allow(u"u"_s, u"q"_s));
    m_now = 7400; // a new generation began at 7000
    QVERIFY(!throttle.allow(u"u"_s, u"q"_s));
    m_now = 7500;
    QVERIFY(throttle.allow(u"u"_s, u"q"_s));
}

void tst_TypingThrottle::usersAndRoomsAreIndependent()
{
    TypingThrottle throttle(1000, clock());
    QVERIFY(throttle.allow(u"u"_s, u"r"_s));
    QVERIFY(throttle.allow(u"u"_s, u"other room"_s));
    QVERIFY(throttle.allow(u"other user"_s, u"r"_s));
    QVERIFY(!throttle.allow(u"u"_s, u"r"_s));
}

void tst_TypingThrottle::forgetsWhatNoLongerMatters()
{
    TypingThrottle throttle(1000, clock());
    // A client naming ten thousand rooms, members or not.
    for (int room = 0; room < 10000; ++room)
        QVERIFY(throttle.allow(u"u"_s, u"room-%1"_s.arg(room)));
    QCOMPARE(throttle.trackedKeys(), 10000);
    m_now += 2000;
    QVERIFY(throttle.allow(u"u"_s, u"now"_s));
    QCOMPARE(throttle.trackedKeys(), 1);
    QVERIFY(throttle.allow(u"u"_s, u"room-1"_s));
}

QTEST_GUILESS_MAIN(tst_TypingThrottle)
#include "tst_typingthrottle.moc"
