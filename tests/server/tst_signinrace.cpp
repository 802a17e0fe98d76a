#include "protocolsteps.h"
#include "rawclient.h"
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
    // Thousands of connections from one address, one after another.
    void initTestCase() { QVERIFY(m_server.start("[limits]\nmax_connections_per_ip=100000\n")); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void signInAbandonedMidwayLeavesNoSession_data();
    void signInAbandonedMidwayLeavesNoSession();

private:
    SuiteServer m_server;
};

void tst_SignInRace::signInAbandonedMidwayLeavesNoSession_data()
{
    // Each attempt resets its connection a little later than the one before, sweeping the
    // time the sign-in takes, so that some results arrive just as the connection ends.
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("sweepUs");
    QTest::addRow("resume") << u"resume"_s << 1500 << 3000;
    QTest::addRow("login") << u"login"_s << 100 << 120000;
    QTest::addRow("register") << u"register"_s << 40 << 120000;
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

    // Every abandoned sign-in has been decided by now; whatever alice was told in between,
    // bob ends offline, and nobody who registered is online.
    QTest::qWait(3000);
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
        = call(*alice, u"findUsers"_s, { { "query"_L1, newName } }).value("users"_L1).toArray();
    for (const QJsonValue &user : registered)
        QVERIFY(!user.toObject().value("online"_L1).toBool());

    // And bob can still come online for real.
    ClientPtr bobAgain = resumedClient(m_server.process(), bobToken);
    QVERIFY(bobAgain);
    QTRY_VERIFY(bobOnlineFor(*alice, roomId, bobId));
}

QTEST_MAIN(tst_SignInRace)
#include "tst_signinrace.moc"
