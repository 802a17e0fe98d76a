#include "protocolsteps.h"
#include "rawclient.h"
#include "storeprobe.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// Bob as alice sees him now: online, from her room list.
bool bobOnlineFor(TestClient &alice, const QString &roomId, const QString &bobId)
{
    return memberOf(findRoom(alice, roomId), bobId).value("online"_L1).toBool();
}

} // namespace

// A sign-in whose result arrives after its connection ended leaves no session behind: the
// user does not stay "online" for ever, and whoever saw them come online sees them go.
class tst_SignInRace : public QObject {
    Q_OBJECT
private slots:
    // Thousands of connections from one address, one after another, and every sign-in of
    // theirs queued for hashing (so that each abandoned login issues a token).
    void initTestCase()
    {
        QVERIFY(
            m_server.start("[limits]\nmax_connections_per_ip=100000\nmax_queued_hashes=1000\n"));
    }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void signInAbandonedMidwayLeavesNoSession_data();
    void signInAbandonedMidwayLeavesNoSession();

private:
    SuiteServer m_server;
};

void tst_SignInRace::signInAbandonedMidwayLeavesNoSession_data()
{
    // Each attempt resets its connection a little later than the one before. A resume (a
    // millisecond or two) is swept over the time it takes, so that some results arrive just
    // as the connection ends. A login or registration hashes a password for tens of
    // milliseconds: reset within 10 ms, its connection is always gone before it is decided.
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("sweepUs");
    QTest::addRow("resume") << u"resume"_s << 1500 << 3000;
    QTest::addRow("login") << u"login"_s << 100 << 10000;
    QTest::addRow("register") << u"register"_s << 40 << 10000;
}

void tst_SignInRace::signInAbandonedMidwayLeavesNoSession()
{
    QFETCH(QString, kind);
    QFETCH(int, attempts);
    QFETCH(int, sweepUs);
    ClientPtr alice = m_server.newUser(u"race_a"_s);
    QVERIFY(alice);
    // Bob exists, with a token, and shares a room with alice; then he leaves.
    const QString bobName = m_server.uniqueName(u"race_b"_s);
    ClientPtr bob = registeredClient(m_server.process(), bobName);
    QVERIFY(bob);
    const QString bobId = bob->userId();
    const QString bobToken = bob->token();
    const QString roomId = openDirect(*alice, bobId);
    QVERIFY(!roomId.isEmpty());
    bob->close();
    QVERIFY(bob->waitForClosed());
    QTRY_VERIFY(!bobOnlineFor(*alice, roomId, bobId));
    const QString newName = m_server.uniqueName(u"race_new"_s);

    for (int attempt = 0; attempt < attempts; ++attempt) {
        RawClient abandoned;
        QVERIFY(abandoned.open(m_server.process().url()));
        QByteArray frame;
        if (kind == "login"_L1)
            frame = R"({"type":"login","id":"l","username":")" + bobName.toUtf8()
                + R"(","password":"correct horse"})";
        else if (kind == "resume"_L1)
            frame = R"({"type":"resume","id":"r","token":")" + bobToken.toUtf8() + R"("})";
        else
            frame = R"({"type":"register","id":"g","username":")" + newName.toUtf8() + '_'
                + QByteArray::number(attempt) + R"(","password":"correct horse"})";
        abandoned.sendText(frame);
        QElapsedTimer sinceSend;
        sinceSend.start();
        while (sinceSend.nsecsElapsed() < qint64(sweepUs) * 1000 * attempt / attempts) { }
        abandoned.reset();
    }

    // Every abandoned sign-in is decided: each login and registration issued its token.
    const QString db = m_server.process().databaseUrl();
    const QString bobTokens = u"SELECT COUNT(*) FROM tokens WHERE user_id = ?"_s;
    const QString newTokens
        = u"SELECT COUNT(*) FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.username LIKE ?"_s;
    const QString pattern = newName + u"\\_%"_s;
    if (kind == "login"_L1)
        QTRY_COMPARE_WITH_TIMEOUT(countRows(db, bobTokens, { bobId }), 1 + attempts, 30000);
    else if (kind == "register"_L1)
        QTRY_COMPARE_WITH_TIMEOUT(
            countRows(db, newTokens + u" ESCAPE '\\'"_s, { pattern }), attempts, 30000);
    else
        QTest::qWait(1000); // a resume takes a millisecond or two
    // No token is left valid for connections that were gone: bob keeps his own, and the new
    // accounts none.
    QTRY_COMPARE(countRows(db, bobTokens + u" AND revoked = 0"_s, { bobId }), 1);
    QTRY_COMPARE(countRows(db, newTokens + u" ESCAPE '\\' AND t.revoked = 0"_s, { pattern }), 0);
    // Whatever alice was told in between, bob ends offline, and nobody who registered is online.
    QVERIFY(!bobOnlineFor(*alice, roomId, bobId));
    QJsonObject lastPresence;
    while (true) {
        const QJsonObject presence = alice->waitFor(
            [&bobId](const QJsonObject &frame) {
                return frame.value("type"_L1).toString() == "presence"_L1
                    && frame.value("userId"_L1).toString() == bobId;
            },
            0);
        if (presence.isEmpty())
            break;
        lastPresence = presence;
    }
    if (!lastPresence.isEmpty())
        QCOMPARE(lastPresence.value("online"_L1).toBool(), false);
    const QJsonArray registered
        = call(*alice, u"findUsers"_s, { { "query"_L1, newName }, { "limit"_L1, 50 } })
              .value("users"_L1)
              .toArray();
    QCOMPARE(registered.size(), kind == "register"_L1 ? attempts : 0);
    for (const QJsonValue &user : registered)
        QVERIFY(!user.toObject().value("online"_L1).toBool());

    // And bob can still come online for real.
    ClientPtr bobAgain = resumedClient(m_server.process(), bobToken);
    QVERIFY(bobAgain);
    QTRY_VERIFY(bobOnlineFor(*alice, roomId, bobId));
}

QTEST_MAIN(tst_SignInRace)
#include "tst_signinrace.moc"
