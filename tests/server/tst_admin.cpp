#include "protocolsteps.h"
#include "suiteserver.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

const QString kPassword = u"correct horse"_s;

QJsonObject loginAs(TestClient &client, const QString &username, const QString &password)
{
    return client.request(
        { { "type"_L1, "login"_L1 }, { "username"_L1, username }, { "password"_L1, password } },
        15000);
}

} // namespace

// The `user` commands of confab-server, run as their own process on the database of a
// running server, as an administrator runs them.
class tst_Admin : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void addUser_data();
    void addUser();
    void listShowsEveryUser();
    void unknownUserOrCommand_data();
    void unknownUserOrCommand();
    void passwdSignsOutEverySession();
    void disableSignsOutAndEnableLetsBackIn();

private:
    // Runs `user ...` and returns its exit code; its output lands in `output`.
    int admin(const QStringList &args, const QByteArray &input = {}, QByteArray *output = nullptr)
    {
        return m_server.process().runAdmin(QStringList { u"user"_s } + args, input, output);
    }
    // Two open sessions of a new user, and the user's name.
    QString userWithTwoSessions(ClientPtr &first, ClientPtr &second);
    // Waits until both close; true when both did with 4403 within 2 s of `since`.
    static bool bothRevokedWithin2s(
        TestClient &first, TestClient &second, const QElapsedTimer &since);

    SuiteServer m_server;
};

void tst_Admin::addUser_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("valid") << u"Admin_Made"_s << QByteArray("a long secret\n") << 0;
    QTest::addRow("invalid name") << u"no spaces"_s << QByteArray("a long secret\n") << 1;
    QTest::addRow("short password") << u"shorty"_s << QByteArray("short\n") << 1;
}

void tst_Admin::addUser()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, password);
    QFETCH(int, exitCode);
    QByteArray output;
    QCOMPARE(admin({ u"add"_s, name, u"--display-name"_s, u"Made By Admin"_s }, password, &output),
        exitCode);
    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    const QString plain = QString::fromUtf8(password).trimmed();
    if (exitCode != 0) {
        QCOMPARE(outcome(loginAs(*client, name, plain)), u"error:auth_failed"_s);
        return;
    }
    QVERIFY(output.contains("added admin_made"));
    const QJsonObject auth = loginAs(*client, name, plain);
    QCOMPARE(outcome(auth), u"auth"_s);
    QCOMPARE(auth.value("username"_L1).toString(), name.toLower());
    QCOMPARE(auth.value("displayName"_L1).toString(), u"Made By Admin"_s);
    // A second add of the same name changes nothing.
    QCOMPARE(admin({ u"add"_s, name }, "another secret\n"), 1);
    ClientPtr again = connectTo(m_server.process());
    QCOMPARE(outcome(loginAs(*again, name, plain)), u"auth"_s);
}

void tst_Admin::listShowsEveryUser()
{
    const QString active = m_server.uniqueName(u"listed"_s);
    const QString disabled = m_server.uniqueName(u"listed"_s);
    QVERIFY(registeredClient(m_server.process(), active));
    QVERIFY(registeredClient(m_server.process(), disabled));
    QCOMPARE(admin({ u"disable"_s, disabled }), 0);
    QByteArray output;
    QCOMPARE(admin({ u"list"_s }, {}, &output), 0);
    const QList<QByteArray> lines = output.split('\n');
    auto lineOf = [&lines](const QString &name) {
        for (const QByteArray &line : lines) {
            if (line.startsWith(QByteArray(name.toUtf8() + '\t')))
                return line;
        }
        return QByteArray();
    };
    QVERIFY2(lineOf(active).contains("\tactive\t"), output.constData());
    QVERIFY2(lineOf(disabled).contains("\tdisabled\t"), output.constData());
}

void tst_Admin::unknownUserOrCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("passwd of nobody") << QStringList { u"passwd"_s, u"nobody_here"_s } << 1;
    QTest::addRow("disable nobody") << QStringList { u"disable"_s, u"nobody_here"_s } << 1;
    QTest::addRow("enable nobody") << QStringList { u"enable"_s, u"nobody_here"_s } << 1;
    QTest::addRow("unknown verb") << QStringList { u"frobnicate"_s, u"x"_s } << 2;
    QTest::addRow("missing name") << QStringList { u"passwd"_s } << 2;
}

void tst_Admin::unknownUserOrCommand()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QCOMPARE(admin(args, "a long secret\n"), exitCode);
}

QString tst_Admin::userWithTwoSessions(ClientPtr &first, ClientPtr &second)
{
    const QString name = m_server.uniqueName(u"revoked"_s);
    first = registeredClient(m_server.process(), name);
    second = connectTo(m_server.process());
    if (!first || !second || outcome(loginAs(*second, name, kPassword)) != "auth"_L1)
        return {};
    return name;
}

bool tst_Admin::bothRevokedWithin2s(
    TestClient &first, TestClient &second, const QElapsedTimer &since)
{
    const bool closed = first.waitForClosed(5000) && second.waitForClosed(5000);
    qInfo("closed %lld ms after the command ended", since.elapsed());
    return closed && first.closeCode() == 4403 && second.closeCode() == 4403
        && since.elapsed() <= 2000;
}

void tst_Admin::passwdSignsOutEverySession()
{
    ClientPtr first, second;
    const QString name = userWithTwoSessions(first, second);
    QVERIFY(!name.isEmpty());
    const QString token = first->token();

    QByteArray output;
    QCOMPARE(admin({ u"passwd"_s, name }, "the new secret\n", &output), 0);
    QElapsedTimer sinceCommand;
    sinceCommand.start();
    QVERIFY(bothRevokedWithin2s(*first, *second, sinceCommand));

    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    QCOMPARE(
        outcome(call(*client, u"resume"_s, { { "token"_L1, token } })), u"error:invalid_token"_s);
    QCOMPARE(outcome(loginAs(*client, name, kPassword)), u"error:auth_failed"_s);
    QCOMPARE(outcome(loginAs(*client, name, u"the new secret"_s)), u"auth"_s);
    QVERIFY(answersPing(*client));
}

void tst_Admin::disableSignsOutAndEnableLetsBackIn()
{
    ClientPtr first, second;
    const QString name = userWithTwoSessions(first, second);
    QVERIFY(!name.isEmpty());
    ClientPtr bystander = m_server.newUser(u"bystander"_s);
    QVERIFY(bystander);

    QCOMPARE(admin({ u"disable"_s, name }), 0);
    QElapsedTimer sinceCommand;
    sinceCommand.start();
    QVERIFY(bothRevokedWithin2s(*first, *second, sinceCommand));
    QVERIFY(answersPing(*bystander)); // nobody else is signed out

    ClientPtr client = connectTo(m_server.process());
    QVERIFY(client);
    QCOMPARE(outcome(loginAs(*client, name, kPassword)), u"error:auth_failed"_s);
    QCOMPARE(admin({ u"enable"_s, name }), 0);
    QCOMPARE(outcome(loginAs(*client, name, kPassword)), u"auth"_s);
}

QTEST_MAIN(tst_Admin)
#include "tst_admin.moc"
