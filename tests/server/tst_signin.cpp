#include "protocolsteps.h"
#include "serverprocess.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

QJsonObject loginAs(TestClient &client, const QString &username, const QString &password)
{
    return client.request(
        { { "type"_L1, "login"_L1 }, { "username"_L1, username }, { "password"_L1, password } },
        15000);
}

const QString kPassword = u"correct horse"_s;

} // namespace

// Sign-in limits: failed sign-ins close the connection, and more lock the account;
// registration rules, closed registration, and the password length at login.
// A shared server with defaults; tests of other limits start their own with an INI.
class tst_SignIn : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void fifthFailedSignInClosesConnection_data();
    void fifthFailedSignInClosesConnection();
    void accountLockout();
    void registrationClosed();
    void registrationRules_data();
    void registrationRules();
    void loginPasswordTooLong();

private:
    SuiteServer m_server;
};

void tst_SignIn::fifthFailedSignInClosesConnection_data()
{
    // The five attempts: "w" wrong password, "u" unknown user, "t" bad resume token.
    QTest::addColumn<QString>("attempts");
    QTest::addRow("wrong passwords") << u"wwwww"_s;
    QTest::addRow("unknown users") << u"uuuuu"_s;
    QTest::addRow("bad tokens") << u"ttttt"_s;
    QTest::addRow("mixed") << u"wutwu"_s;
}

void tst_SignIn::fifthFailedSignInClosesConnection()
{
    QFETCH(QString, attempts);
    const QString name = m_server.uniqueName(u"five"_s);
    {
        ClientPtr owner = connectTo(m_server.process());
        QVERIFY(owner);
        QCOMPARE(outcome(owner->registerUser(name, kPassword)), u"auth"_s);
    }
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        QJsonObject reply;
        switch (attempts.at(i).unicode()) {
        case 'w':
            reply = loginAs(*client, name, u"wrong password"_s);
            break;
        case 'u':
            reply = loginAs(*client, m_server.uniqueName(u"nobody"_s), kPassword);
            break;
        default:
            reply = call(*client, u"resume"_s, { { "token"_L1, u"not-a-token-%1"_s.arg(i) } });
            break;
        }
        const bool last = i == attempts.size() - 1;
        const QString expectedFailure
            = attempts.at(i) == u't' ? u"error:invalid_token"_s : u"error:auth_failed"_s;
        QCOMPARE(outcome(reply), last ? u"error:rate_limited"_s : expectedFailure);
        QVERIFY(!reply.value("id"_L1).toString().isEmpty());
    }
    QVERIFY(client->waitForClosed());
    QCOMPARE(client->closeCode(), 4401);

    // The account is not locked by five failures: the right password works elsewhere.
    ClientPtr fresh = connectTo(m_server.process());
    QVERIFY(fresh);
    QCOMPARE(outcome(loginAs(*fresh, name, kPassword)), u"auth"_s);
}

void tst_SignIn::accountLockout()
{
    SuiteServer server;
    QVERIFY(server.start("[limits]\naccount_failed_logins=3\n"));
    const QString name = server.uniqueName(u"lock"_s);
    const QString other = server.uniqueName(u"free"_s);
    for (const QString &username : { name, other }) {
        ClientPtr owner = connectTo(server.process());
        QVERIFY(owner);
        QCOMPARE(outcome(owner->registerUser(username, kPassword)), u"auth"_s);
    }

    ClientPtr client = connectTo(server.process());
    QVERIFY(client);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(outcome(loginAs(*client, name, u"wrong password"_s)), u"error:auth_failed"_s);
    // Locked: even the right password is refused, on any connection, under any spelling.
    const QJsonObject locked = loginAs(*client, name, kPassword);
    QCOMPARE(outcome(locked), u"error:rate_limited"_s);
    QVERIFY(locked.value("retryAfterMs"_L1).toInteger() > 0);
    QVERIFY(client->isOpen());
    ClientPtr elsewhere = connectTo(server.process());
    QVERIFY(elsewhere);
    const QJsonObject lockedElsewhere = loginAs(*elsewhere, name.toUpper(), kPassword);
    QCOMPARE(outcome(lockedElsewhere), u"error:rate_limited"_s);
    QVERIFY(lockedElsewhere.value("retryAfterMs"_L1).toInteger() > 0);

    // Other accounts are not affected.
    QCOMPARE(outcome(loginAs(*elsewhere, other, kPassword)), u"auth"_s);
    QVERIFY(server.stop());
}

void tst_SignIn::registrationClosed()
{
    ServerProcess server;
    QVERIFY(server.startWithConfig("[server]\nregistration=closed\n"));
    ClientPtr client = connectTo(server);
    QVERIFY(client);
    const QJsonObject reply = client->registerUser(u"hopeful"_s, kPassword);
    QCOMPARE(outcome(reply), u"error:registration_closed"_s);
    QVERIFY(answersPing(*client));
    QCOMPARE(outcome(loginAs(*client, u"hopeful"_s, kPassword)), u"error:auth_failed"_s);
    QVERIFY(server.stop());
}

void tst_SignIn::registrationRules_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("registeredAs");
    const QString ok = kPassword;
    QTest::addRow("2 characters") << u"ab"_s << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("33 characters")
        << QString(33, u'n') << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("space") << u"bad name"_s << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("at sign") << u"bad@name"_s << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("umlaut") << u"j\u00fcrgen"_s << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("empty") << u""_s << ok << u"error:invalid_username"_s << QString();
    QTest::addRow("3 characters") << u"r3x"_s << ok << u"auth"_s << u"r3x"_s;
    QTest::addRow("32 characters") << QString(32, u'z') << ok << u"auth"_s << QString(32, u'z');
    QTest::addRow("all allowed characters") << u"a_b.c-9"_s << ok << u"auth"_s << u"a_b.c-9"_s;
    QTest::addRow("upper case") << u"MixedCase"_s << ok << u"auth"_s << u"mixedcase"_s;
    QTest::addRow("7-byte password")
        << u"pw7bytes"_s << u"1234567"_s << u"error:weak_password"_s << QString();
    QTest::addRow("empty password")
        << u"pwempty"_s << u""_s << u"error:weak_password"_s << QString();
    QTest::addRow("6 bytes in 3 characters")
        << u"pwshort3"_s << u"\u00e4\u00e4\u00e4"_s << u"error:weak_password"_s << QString();
    QTest::addRow("8 bytes in 4 characters")
        << u"pwlong4"_s << u"\u00e4\u00e4\u00e4\u00e4"_s << u"auth"_s << u"pwlong4"_s;
    QTest::addRow("8-byte password")
        << u"pw8bytes"_s << u"12345678"_s << u"auth"_s << u"pw8bytes"_s;
    QTest::addRow("1024-byte password")
        << u"pw1024"_s << QString(1024, u'p') << u"auth"_s << u"pw1024"_s;
    QTest::addRow("1025-byte password")
        << u"pw1025"_s << QString(1025, u'p') << u"error:bad_request"_s << QString();
    QTest::addRow("1025 bytes in 513 characters")
        << u"pw1025u"_s << QString(QString(512, u'\u00e4') + u'p') << u"error:bad_request"_s
        << QString();
}

void tst_SignIn::registrationRules()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    QFETCH(QString, registeredAs);
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    const QJsonObject reply = client->registerUser(username, password);
    QCOMPARE(outcome(reply), expected);
    if (expected != "auth"_L1) {
        QVERIFY(answersPing(*client));
        // Nothing was created.
        ClientPtr probe = connectTo(m_server.process());
        QVERIFY(probe);
        QCOMPARE(outcome(loginAs(*probe, username, password)),
            u"error:"_s + (password.toUtf8().size() > 1024 ? u"bad_request"_s : u"auth_failed"_s));
        return;
    }
    QCOMPARE(reply.value("username"_L1).toString(), registeredAs);
    QCOMPARE(reply.value("displayName"_L1).toString(), registeredAs);
    ClientPtr again = connectTo(m_server.process());
    QVERIFY(again);
    QCOMPARE(outcome(loginAs(*again, username.toUpper(), password)), u"auth"_s);
}

void tst_SignIn::loginPasswordTooLong()
{
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    QCOMPARE(outcome(loginAs(*client, u"whoever"_s, QString(1025, u'p'))), u"error:bad_request"_s);
    QVERIFY(answersPing(*client));
}

QTEST_MAIN(tst_SignIn)
#include "tst_signin.moc"
