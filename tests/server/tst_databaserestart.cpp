#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {
// A cluster of this suite's own, so that restarting it disturbs no other suite.
const QString kPort = u"55434"_s;

bool controlCluster(const QString &command)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(
        u"bash"_s, { qEnvironmentVariable("CONFAB_TEST_POSTGRES_CLUSTER_SCRIPT"), command, kPort });
    if (!script.waitForFinished(90000) || script.exitCode() != 0) {
        qWarning(
            "postgres-cluster.sh %s failed: %s", qPrintable(command), script.readAll().constData());
        return false;
    }
    return true;
}

QJsonObject sendWithId(TestClient &client, const QString &roomId, const QString &clientMsgId)
{
    return call(client, u"send"_s,
        { { "roomId"_L1, roomId }, { "clientMsgId"_L1, clientMsgId }, { "text"_L1, clientMsgId } });
}
} // namespace

// PostgreSQL restarting under a running server: the server's connections to it are gone, a
// request in that moment fails cleanly, and the next ones work on new connections; a retried
// send creates its event once.
class tst_DatabaseRestart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("CONFAB_TEST_POSTGRES_CLUSTER_SCRIPT"),
            "runs on PostgreSQL only, as ctest registers it");
        QVERIFY(controlCluster(u"start"_s));
        qputenv("CONFAB_TEST_POSTGRES",
            "postgresql://postgres@127.0.0.1:" + kPort.toUtf8() + "/postgres");
    }

    void cleanupTestCase() { controlCluster(u"stop"_s); }

    void serverRecoversFromARestart()
    {
        ServerProcess server;
        QVERIFY(server.start());
        ClientPtr alice = registeredClient(server, u"alice"_s);
        ClientPtr bob = registeredClient(server, u"bob"_s);
        QVERIFY(alice && bob);
        const QString roomId = openDirect(*alice, bob->userId());
        QVERIFY(!roomId.isEmpty());
        QCOMPARE(sendWithId(*alice, roomId, u"before"_s).value("seq"_L1).toInteger(), 1);

        QVERIFY(controlCluster(u"restart"_s));

        // The first attempts may meet the lost connections: each fails with an error (never
        // a hang), and a retry with the same clientMsgId gets its event once.
        QJsonObject sent;
        QStringList failures;
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            sent = sendWithId(*alice, roomId, u"after"_s);
            if (outcome(sent) == "sent"_L1)
                break;
            failures.append(outcome(sent));
            QTest::qWait(200);
        }
        QCOMPARE(outcome(sent), u"sent"_s);
        QCOMPARE(sent.value("seq"_L1).toInteger(), 2);
        for (const QString &failure : failures)
            QCOMPARE(failure, u"error:internal"_s);
        QCOMPARE(sendWithId(*alice, roomId, u"after"_s).value("seq"_L1).toInteger(), 2);
        QCOMPARE(sendWithId(*alice, roomId, u"later"_s).value("seq"_L1).toInteger(), 3);

        // Reads work again too, and the log holds each message once.
        QJsonObject history;
        deadline = QDeadlineTimer(20000);
        while (!deadline.hasExpired()) {
            history = call(*bob, u"history"_s, { { "roomId"_L1, roomId } });
            if (outcome(history) == "history"_L1)
                break;
            QTest::qWait(200);
        }
        QStringList texts;
        for (const QJsonValue &event : history.value("events"_L1).toArray())
            texts.append(event.toObject().value("text"_L1).toString());
        QCOMPARE(texts, QStringList({ u"before"_s, u"after"_s, u"later"_s }));
        QVERIFY(server.stop());
    }
};

QTEST_MAIN(tst_DatabaseRestart)
#include "tst_databaserestart.moc"
