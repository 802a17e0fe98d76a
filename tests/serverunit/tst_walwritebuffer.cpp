#include "store/database.h"
#include "store/sqlquery.h"
#include "store/walwritebuffer.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The layer that gathers the SQLite log's writes, on a real file through Qt's driver: a
// commit's frames reach the kernel in a handful of writes, and what is committed is what
// every connection reads, through transactions larger than the page cache and log restarts.
// (tst_crash kills a server that runs on it and finds every acknowledged message.)
class tst_WalWriteBuffer : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void commitReachesTheKernelInFewWrites();
    void everyConnectionReadsWhatWasCommitted();
    void transactionLargerThanTheCacheReadsItsOwnWrites();

private:
    QSqlDatabase open(const QString &name);
    void closeAll();
    static QByteArray noise(int size);

    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_connections;
};

void tst_WalWriteBuffer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    Database::configure(DatabaseUrl::parse(u"sqlite://"_s + m_dir->filePath(u"b.db"_s), &error));
    QVERIFY(WalWriteBuffer::install());
    QSqlDatabase db = open(u"setup"_s);
    runQuery(db, u"CREATE TABLE probe (n INTEGER PRIMARY KEY, pad BLOB NOT NULL)"_s);
}

void tst_WalWriteBuffer::cleanup()
{
    closeAll();
    m_dir.reset();
}

QSqlDatabase tst_WalWriteBuffer::open(const QString &name)
{
    m_connections.append(name);
    return Database::open(name);
}

void tst_WalWriteBuffer::closeAll()
{
    for (const QString &name : std::as_const(m_connections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
}

QByteArray tst_WalWriteBuffer::noise(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::global()->generate());
    return bytes;
}

void tst_WalWriteBuffer::commitReachesTheKernelInFewWrites()
{
    QSqlDatabase db = QSqlDatabase::database(u"setup"_s);
    const quint64 askedBefore = WalWriteBuffer::writesAsked();
    const quint64 madeBefore = WalWriteBuffer::writesMade();
    runQuery(db, u"BEGIN IMMEDIATE"_s);
    for (int n = 0; n < 300; ++n)
        runQuery(db, u"INSERT INTO probe (n, pad) VALUES (?, ?)"_s, { n, noise(1000) });
    runQuery(db, u"COMMIT"_s);
    const quint64 asked = WalWriteBuffer::writesAsked() - askedBefore;
    const quint64 made = WalWriteBuffer::writesMade() - madeBefore;
    // About 80 pages of rows, each a frame of two writes; at the commit's sync, the 330 KB
    // in writes of 120 KiB.
    QVERIFY2(asked >= 150, qPrintable(QString::number(asked)));
    QVERIFY2(made >= 3 && made <= 4, qPrintable(QString::number(made)));
}

void tst_WalWriteBuffer::everyConnectionReadsWhatWasCommitted()
{
    QSqlDatabase writer = QSqlDatabase::database(u"setup"_s);
    QSqlDatabase reader = open(u"reader"_s);
    qint64 expected = 0;
    for (int commit = 0; commit < 200; ++commit) {
        runQuery(writer, u"BEGIN IMMEDIATE"_s);
        for (int row = 0; row < 5; ++row) {
            const int n = commit * 5 + row;
            runQuery(writer, u"INSERT INTO probe (n, pad) VALUES (?, ?)"_s, { n, noise(700) });
            expected += n;
        }
        runQuery(writer, u"COMMIT"_s);
        // Now and then the log restarts from its beginning, as under the server's checkpoints.
        if (commit % 50 == 49)
            runQuery(writer, u"PRAGMA wal_checkpoint(RESTART)"_s);
        QCOMPARE(queryValue(reader, u"SELECT sum(n) FROM probe"_s).toLongLong(), expected);
    }
    QCOMPARE(queryValue(reader, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

void tst_WalWriteBuffer::transactionLargerThanTheCacheReadsItsOwnWrites()
{
    QSqlDatabase writer = QSqlDatabase::database(u"setup"_s);
    // A cache of 20 pages: SQLite spills the transaction's pages to the log and reads them
    // back from it before the commit.
    runQuery(writer, u"PRAGMA cache_size=20"_s);
    runQuery(writer, u"BEGIN IMMEDIATE"_s);
    for (int n = 0; n < 2000; ++n)
        runQuery(writer, u"INSERT INTO probe (n, pad) VALUES (?, ?)"_s, { n, noise(900) });
    QCOMPARE(
        queryValue(writer, u"SELECT count(*) FROM probe WHERE length(pad) = 900"_s).toInt(), 2000);
    runQuery(writer, u"UPDATE probe SET pad = zeroblob(800) WHERE n % 3 = 0"_s);
    runQuery(writer, u"COMMIT"_s);
    QSqlDatabase reader = open(u"reader"_s);
    QCOMPARE(
        queryValue(reader, u"SELECT count(*) FROM probe WHERE length(pad) = 800"_s).toInt(), 667);
    QCOMPARE(queryValue(reader, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

QTEST_GUILESS_MAIN(tst_WalWriteBuffer)
#include "tst_walwritebuffer.moc"
