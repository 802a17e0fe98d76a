#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

// An acknowledged message survives a SIGKILL of the server: after a restart, every
// acknowledged clientMsgId is in the history exactly once, with its original seq.
class tst_Crash : public QObject {
    Q_OBJECT
private slots:
    void acknowledgedMessagesSurviveSigkill()
    {
        ServerProcess server;
        const QString config = server.writeConfig(
            "[limits]\nsend_burst=100000\nsend_per_second=100000\n"
            "request_burst=100000\nrequests_per_second=100000\n");
        QVERIFY(server.start({ u"--config"_s, config }));

        TestClient alice;
        QVERIFY(alice.open(server.url()));
        alice.registerUser(u"crash"_s);
        const QString roomId = alice.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "c"_L1 },
                                                 { "members"_L1, QJsonArray() } })
                                   .value("room"_L1).toObject().value("roomId"_L1).toString();
        QVERIFY(!roomId.isEmpty());

        // Keep 32 sends in flight; kill the server once 300 are acknowledged, while the
        // rest are still on their way.
        QHash<QString, qint64> acked;
        QStringList sentIds;
        const int inFlight = 32;
        const int killAfter = 300;
        auto sendNext = [&] {
            const QString clientMsgId = u"k"_s + QString::number(sentIds.size());
            sentIds.append(clientMsgId);
            alice.sendJson(QJsonObject { { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
                { "clientMsgId"_L1, clientMsgId }, { "text"_L1, clientMsgId } });
        };
        for (int i = 0; i < inFlight; ++i)
            sendNext();
        QDeadlineTimer deadline(30000);
        while (acked.size() < killAfter && !deadline.hasExpired()) {
            QTest::qWait(1);
            QList<QJsonObject> &frames = alice.frames();
            for (qsizetype i = 0; i < frames.size();) {
                if (frames.at(i).value("type"_L1).toString() == "sent"_L1) {
                    const QJsonObject sent = frames.takeAt(i);
                    acked.insert(sent.value("clientMsgId"_L1).toString(), sent.value("seq"_L1).toInteger());
                    sendNext();
                } else {
                    ++i;
                }
            }
        }
        server.kill();
        QVERIFY(acked.size() >= killAfter);
        // Acks that were already in the socket when the server died count too.
        QTest::qWait(50);
        for (const QJsonObject &frame : std::as_const(alice.frames())) {
            if (frame.value("type"_L1).toString() == "sent"_L1)
                acked.insert(frame.value("clientMsgId"_L1).toString(), frame.value("seq"_L1).toInteger());
        }

        QVERIFY(server.start({ u"--config"_s, config }));
        TestClient again;
        QVERIFY(again.open(server.url()));
        QCOMPARE(again.login(u"crash"_s).value("type"_L1).toString(), u"auth"_s);

        QHash<QString, qint64> stored;
        QHash<QString, int> timesStored;
        qint64 after = 0;
        bool more = true;
        while (more) {
            const QJsonObject page = again.request({ { "type"_L1, "history"_L1 }, { "roomId"_L1, roomId },
                { "after"_L1, after }, { "limit"_L1, 200 } });
            const QJsonArray events = page.value("events"_L1).toArray();
            for (const QJsonValue &value : events) {
                const QJsonObject event = value.toObject();
                const qint64 seq = event.value("seq"_L1).toInteger();
                QCOMPARE(seq, after + 1); // contiguous, no gaps
                after = seq;
                const QString clientMsgId = event.value("clientMsgId"_L1).toString();
                if (clientMsgId.isEmpty())
                    continue;
                stored.insert(clientMsgId, seq);
                ++timesStored[clientMsgId];
            }
            more = page.value("hasMore"_L1).toBool();
        }
        for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
            QVERIFY2(stored.contains(it.key()), qPrintable(it.key()));
            QCOMPARE(timesStored.value(it.key()), 1);
            QCOMPARE(stored.value(it.key()), it.value());
        }

        // Re-sending everything creates nothing new for what was stored.
        for (const QString &clientMsgId : std::as_const(sentIds)) {
            const QJsonObject sent = again.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
                { "clientMsgId"_L1, clientMsgId }, { "text"_L1, clientMsgId } });
            QCOMPARE(sent.value("type"_L1).toString(), u"sent"_s);
            if (stored.contains(clientMsgId))
                QCOMPARE(sent.value("seq"_L1).toInteger(), stored.value(clientMsgId));
        }
        qInfo("acknowledged %lld, stored %lld, sent %lld", qint64(acked.size()), qint64(stored.size()),
            qint64(sentIds.size()));
    }
};

QTEST_MAIN(tst_Crash)
#include "tst_crash.moc"
