#include "serverprocess.h"
#include "testclient.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The server starts, answers a ping before sign-in, and stops cleanly on SIGTERM.
class tst_Smoke : public QObject {
    Q_OBJECT
private slots:
    void pingAndGracefulStop()
    {
        ServerProcess server;
        QVERIFY(server.start());
        TestClient client;
        QVERIFY(client.open(server.url()));
        const QJsonObject pong = client.request({ { "type"_L1, "ping"_L1 } });
        QCOMPARE(pong.value("type"_L1).toString(), u"pong"_s);
        QVERIFY(server.stop());
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.closeCode(), 1001);
    }
};

QTEST_MAIN(tst_Smoke)
#include "tst_smoke.moc"
