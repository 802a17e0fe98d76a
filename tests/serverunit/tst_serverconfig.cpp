#include "config/serverconfig.h"

#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The settings: INI keys over the defaults, and the values derived from others.
class tst_ServerConfig : public QObject {
    Q_OBJECT
private slots:
    void frameBudgetFollowsTheOtherBudgets_data();
    void frameBudgetFollowsTheOtherBudgets();
    void limitsAreReadFromTheIni();
};

void tst_ServerConfig::frameBudgetFollowsTheOtherBudgets_data()
{
    QTest::addColumn<int>("sendBurst");
    QTest::addColumn<int>("requestBurst");
    QTest::addColumn<int>("frameBurst"); // as set; 0: derived
    QTest::addColumn<int>("expected");
    QTest::addRow("defaults") << 20 << 100 << 0 << 240;
    QTest::addRow("set") << 20 << 100 << 7 << 7;
    // Benchmarks lift the budgets to a billion: the sum must not overflow (the dispatch
    // fuzzer found it did, under UBSan).
    QTest::addRow("lifted") << 1000000000 << 1000000000 << 0 << std::numeric_limits<int>::max();
}

void tst_ServerConfig::frameBudgetFollowsTheOtherBudgets()
{
    QFETCH(int, sendBurst);
    QFETCH(int, requestBurst);
    QFETCH(int, frameBurst);
    QFETCH(int, expected);
    ServerConfig config;
    config.sendBurst = sendBurst;
    config.requestBurst = requestBurst;
    config.frameBurst = frameBurst;
    QCOMPARE(config.effectiveFrameBurst(), expected);
    QVERIFY(config.effectiveFramesPerSecond() > 0);
}

void tst_ServerConfig::limitsAreReadFromTheIni()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"c.ini"_s);
    QFile ini(path);
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[limits]\nmax_group_members=5\nframe_burst=9\nframes_per_second=3\n"
              "max_queued_writes=11\nmax_queued_reads=12\nmax_queued_hashes=13\n"
              "[files]\nmax_queued_upload_bytes=1000\n");
    ini.close();
    ServerConfig config;
    QCOMPARE(config.loadIni(path), QString());
    QCOMPARE(config.maxGroupMembers, 5);
    QCOMPARE(config.effectiveFrameBurst(), 9);
    QCOMPARE(config.effectiveFramesPerSecond(), 3.0);
    QCOMPARE(config.maxQueuedWrites, 11);
    QCOMPARE(config.maxQueuedReads, 12);
    QCOMPARE(config.maxQueuedHashes, 13);
    QCOMPARE(config.maxQueuedUploadBytes, 1000);
    QVERIFY(!config.loadIni(dir.filePath(u"missing.ini"_s)).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
