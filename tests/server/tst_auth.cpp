#include "serverprocess.h"
#include "testclient.h"

#include <QTest>

using namespace Qt::StringLiterals;

// register, login, resume and logout against the real server.
class tst_Auth : public QObject {
    Q_OBJECT
private:
    ServerProcess m_server;

    QString code(const QJsonObject &reply) { return reply.value("code"_L1).toString(); }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }

    void registerLowerCasesAndLogsIn()
    {
        TestClient client;
        QVERIFY(client.open(m_server.url()));
        const QJsonObject auth = client.registerUser(u"Alice"_s);
        QCOMPARE(auth.value("type"_L1).toString(), u"auth"_s);
        QCOMPARE(auth.value("username"_L1).toString(), u"alice"_s);
        QCOMPARE(auth.value("displayName"_L1).toString(), u"alice"_s);
        QCOMPARE(auth.value("userId"_L1).toString().size(), 32);
        QCOMPARE(auth.value("token"_L1).toString().size(), 64);
        QVERIFY(auth.value("expiresAt"_L1).toInteger() > QDateTime::currentMSecsSinceEpoch());

        TestClient again;
        QVERIFY(again.open(m_server.url()));
        QCOMPARE(code(again.registerUser(u"ALICE"_s)), u"username_taken"_s);
        const QJsonObject login = again.login(u"ALICE"_s);
        QCOMPARE(login.value("type"_L1).toString(), u"auth"_s);
        QCOMPARE(login.value("userId"_L1), auth.value("userId"_L1));
        QVERIFY(login.value("token"_L1) != auth.value("token"_L1));
    }

    void displayNameIsKept()
    {
        TestClient client;
        QVERIFY(client.open(m_server.url()));
        const QJsonObject auth = client.request({ { "type"_L1, "register"_L1 },
            { "username"_L1, "dora"_L1 }, { "password"_L1, "long enough"_L1 },
            { "displayName"_L1, "  Dora D.  "_L1 } });
        QCOMPARE(auth.value("displayName"_L1).toString(), u"Dora D."_s);
    }

    void wrongPasswordAndUnknownUserLookTheSame()
    {
        TestClient owner;
        QVERIFY(owner.open(m_server.url()));
        owner.registerUser(u"bruno"_s);

        TestClient client;
        QVERIFY(client.open(m_server.url()));
        const QJsonObject wrong = client.login(u"bruno"_s, u"not the password"_s);
        const QJsonObject unknown = client.login(u"nobody-here"_s, u"not the password"_s);
        QCOMPARE(code(wrong), u"auth_failed"_s);
        QCOMPARE(code(unknown), u"auth_failed"_s);
        QCOMPARE(wrong.value("message"_L1), unknown.value("message"_L1));
        QVERIFY(client.isOpen());
    }

    void resumeKeepsTheTokenAndMovesItsExpiry()
    {
        TestClient first;
        QVERIFY(first.open(m_server.url()));
        const QJsonObject auth = first.registerUser(u"carla"_s);
        QTest::qWait(20);

        TestClient second;
        QVERIFY(second.open(m_server.url()));
        const QJsonObject resumed = second.request(
            { { "type"_L1, "resume"_L1 }, { "token"_L1, auth.value("token"_L1) } });
        QCOMPARE(resumed.value("type"_L1).toString(), u"auth"_s);
        QCOMPARE(resumed.value("token"_L1), auth.value("token"_L1));
        QCOMPARE(resumed.value("userId"_L1), auth.value("userId"_L1));
        QVERIFY(resumed.value("expiresAt"_L1).toInteger() > auth.value("expiresAt"_L1).toInteger());

        TestClient third;
        QVERIFY(third.open(m_server.url()));
        const QJsonObject bad = third.request({ { "type"_L1, "resume"_L1 },
            { "token"_L1, QString(64, u'0') } });
        QCOMPARE(code(bad), u"invalid_token"_s);
    }

    void signedInConnectionRefusesAnotherSignIn()
    {
        TestClient client;
        QVERIFY(client.open(m_server.url()));
        const QJsonObject auth = client.registerUser(u"edgar"_s);
        QCOMPARE(code(client.login(u"edgar"_s)), u"bad_request"_s);
        QCOMPARE(code(client.request({ { "type"_L1, "resume"_L1 }, { "token"_L1, auth.value("token"_L1) } })),
            u"bad_request"_s);
        QCOMPARE(code(client.registerUser(u"edgar2"_s)), u"bad_request"_s);
    }

    void logoutRevokesTheTokenAndCloses()
    {
        TestClient client;
        QVERIFY(client.open(m_server.url()));
        const QJsonObject auth = client.registerUser(u"fiona"_s);
        const QJsonObject ok = client.request({ { "type"_L1, "logout"_L1 } });
        QCOMPARE(ok.value("type"_L1).toString(), u"ok"_s);
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.closeCode(), 1000);

        TestClient later;
        QVERIFY(later.open(m_server.url()));
        QCOMPARE(code(later.request({ { "type"_L1, "resume"_L1 }, { "token"_L1, auth.value("token"_L1) } })),
            u"invalid_token"_s);
    }

    void requestsRightBehindTheLoginWaitForIt()
    {
        TestClient owner;
        QVERIFY(owner.open(m_server.url()));
        owner.registerUser(u"hasty"_s);
        TestClient client;
        QVERIFY(client.open(m_server.url()));
        client.sendJson({ { "type"_L1, "login"_L1 }, { "id"_L1, "l"_L1 }, { "username"_L1, "hasty"_L1 },
            { "password"_L1, "correct horse"_L1 } });
        const QJsonObject rooms = client.request({ { "type"_L1, "listRooms"_L1 } }, 15000);
        QCOMPARE(rooms.value("type"_L1).toString(), u"rooms"_s);
        QCOMPARE(client.waitFor([](const QJsonObject &f) { return f.value("id"_L1) == "l"_L1; })
                     .value("type"_L1).toString(), u"auth"_s);
    }

    void manySessionsPerUser()
    {
        TestClient first;
        QVERIFY(first.open(m_server.url()));
        first.registerUser(u"gina"_s);
        QList<TestClient *> more;
        for (int i = 0; i < 3; ++i) {
            auto *client = new TestClient(this);
            QVERIFY(client->open(m_server.url()));
            QCOMPARE(client->login(u"gina"_s).value("type"_L1).toString(), u"auth"_s);
            more.append(client);
        }
        for (TestClient *client : more)
            QCOMPARE(client->request({ { "type"_L1, "ping"_L1 } }).value("type"_L1).toString(), u"pong"_s);
        qDeleteAll(more);
    }
};

QTEST_MAIN(tst_Auth)
#include "tst_auth.moc"
