#include "store/database.h"
#include "store/migrations.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"
#include "store/storewriter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <map>
#include <memory>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

namespace {

// What each job was told, by its number.
struct Outcomes {
    QMutex mutex;
    std::map<int, bool> told;
    void record(int job, bool committed)
    {
        QMutexLocker lock(&mutex);
        told[job] = committed;
    }
    int count()
    {
        QMutexLocker lock(&mutex);
        return int(told.size());
    }
};

} // namespace

// The store writer on a real SQLite file: jobs queued together commit together, a failing job
// undoes only itself, a batch the database undoes fails as a whole with every job told the
// truth, the writer recovers for the next batch, and its backlog is bounded. Under load it
// gathers a batch for its window, never for a lone request; the log is checkpointed beside it.
class tst_StoreWriter : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void jobsQueuedTogetherCommitTogether();
    void failingJobUndoesOnlyItself();
    void batchTheDatabaseUndidFailsAsAWhole();
    void fullDatabaseTellsEveryJobTheTruth();
    void backlogIsBounded();
    void backlogBoundsTheWaitToo();
    void checkpointerCopiesTheLogBack();
    void logStaysBoundedUnderSustainedCommits();
    void loneJobsDoNotWaitTheWindow();
    void jobsWithinTheWindowCommitTogether();
    void stopEndsTheWindowAndCommits();

private:
    // Holds the writer in a job of its own until release(), so that what is submitted
    // meanwhile goes into one batch.
    void holdWriter();
    void release() { m_gate.release(); }
    void insertJob(int job, int n, Outcomes &outcomes);
    QList<int> storedRows();
    // Replaces the writer by one that gathers for `window` under load and counts itself
    // backlogged once a job has waited `maxDelay`.
    void restartWithWindow(std::chrono::milliseconds window,
        std::chrono::milliseconds maxDelay = std::chrono::milliseconds(0));
    // Runs `n` jobs as one batch of their own, so that the writer counts itself under load.
    void commitBatchOf(int n, Outcomes &outcomes, int firstRow);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreWriter> m_writer;
    QSemaphore m_gate;
};

void tst_StoreWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    Database::configure(DatabaseUrl::parse(u"sqlite://"_s + m_dir->filePath(u"w.db"_s), &error));
    {
        QSqlDatabase db = Database::open(u"setup"_s);
        Migrations::apply(db);
        runQuery(db, u"CREATE TABLE probe (n INTEGER PRIMARY KEY, pad BLOB)"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"setup"_s);
    m_writer = std::make_unique<StoreWriter>(512, 10);
    QVERIFY(m_writer->start());
}

void tst_StoreWriter::cleanup()
{
    m_writer.reset();
    m_dir.reset();
}

void tst_StoreWriter::restartWithWindow(
    std::chrono::milliseconds window, std::chrono::milliseconds maxDelay)
{
    m_writer.reset();
    m_writer = std::make_unique<StoreWriter>(512, 10, window, maxDelay);
    QVERIFY(m_writer->start());
}

void tst_StoreWriter::commitBatchOf(int n, Outcomes &outcomes, int firstRow)
{
    holdWriter();
    const int before = outcomes.count();
    for (int i = 0; i < n; ++i)
        insertJob(firstRow + i, firstRow + i, outcomes);
    release();
    QTRY_COMPARE(outcomes.count(), before + n);
}

void tst_StoreWriter::holdWriter()
{
    std::atomic<bool> held { false };
    m_writer->submit({ [this, &held](Repositories &) {
                          held = true;
                          m_gate.acquire();
                      },
        [](bool) {} });
    QTRY_VERIFY(held);
}

void tst_StoreWriter::insertJob(int job, int n, Outcomes &outcomes)
{
    m_writer->submit({ [n](Repositories &repos) {
                          runQuery(repos.db, u"INSERT INTO probe (n) VALUES (?)"_s, { n });
                      },
        [job, &outcomes](bool committed) { outcomes.record(job, committed); } });
}

QList<int> tst_StoreWriter::storedRows()
{
    QList<int> rows;
    {
        QSqlDatabase db = Database::open(u"check"_s);
        QSqlQuery query = runQuery(db, u"SELECT n FROM probe ORDER BY n"_s);
        while (query.next())
            rows.append(query.value(0).toInt());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return rows;
}

void tst_StoreWriter::jobsQueuedTogetherCommitTogether()
{
    holdWriter();
    const quint64 before = m_writer->committedTransactions();
    Outcomes outcomes;
    for (int i = 1; i <= 50; ++i)
        insertJob(i, i, outcomes);
    release();
    QTRY_COMPARE(outcomes.count(), 50);
    // The held job's transaction, and one for the fifty.
    QCOMPARE(m_writer->committedTransactions(), before + 2);
    for (const auto &[job, committed] : outcomes.told)
        QVERIFY2(committed, qPrintable(QString::number(job)));
    QCOMPARE(storedRows().size(), 50);
}

void tst_StoreWriter::failingJobUndoesOnlyItself()
{
    holdWriter();
    Outcomes outcomes;
    insertJob(1, 1, outcomes);
    m_writer->submit({ [](Repositories &repos) {
                          runQuery(repos.db, u"INSERT INTO probe (n) VALUES (2)"_s);
                          runQuery(repos.db, u"INSERT INTO probe (n) VALUES (1)"_s); // taken
                      },
        [&outcomes](bool committed) { outcomes.record(2, committed); } });
    insertJob(3, 3, outcomes);
    release();
    QTRY_COMPARE(outcomes.count(), 3);
    QCOMPARE(outcomes.told[1], true);
    QCOMPARE(outcomes.told[2], false);
    QCOMPARE(outcomes.told[3], true);
    QCOMPARE(storedRows(), QList<int>({ 1, 3 }));
}

void tst_StoreWriter::batchTheDatabaseUndidFailsAsAWhole()
{
    holdWriter();
    Outcomes outcomes;
    insertJob(1, 1, outcomes);
    // What SQLite does on a full disk or an I/O error: it rolls the whole transaction back
    // and the statement fails.
    m_writer->submit({ [](Repositories &repos) {
                          runQuery(repos.db, u"ROLLBACK"_s);
                          runQuery(repos.db, u"INSERT INTO no_such_table VALUES (1)"_s);
                      },
        [&outcomes](bool committed) { outcomes.record(2, committed); } });
    insertJob(3, 3, outcomes);
    release();
    QTRY_COMPARE(outcomes.count(), 3);
    for (const auto &[job, committed] : outcomes.told)
        QVERIFY2(!committed, qPrintable(QString::number(job)));
    QCOMPARE(storedRows(), QList<int>());

    // The next batch starts afresh.
    Outcomes later;
    insertJob(4, 4, later);
    QTRY_COMPARE(later.count(), 1);
    QCOMPARE(later.told[4], true);
    QCOMPARE(storedRows(), QList<int>({ 4 }));
}

void tst_StoreWriter::fullDatabaseTellsEveryJobTheTruth()
{
    holdWriter();
    Outcomes outcomes;
    insertJob(1, 1, outcomes);
    m_writer->submit({ [](Repositories &repos) {
                          const int pages = queryValue(repos.db, u"PRAGMA page_count"_s).toInt();
                          runQuery(repos.db, u"PRAGMA max_page_count = %1"_s.arg(pages));
                          runQuery(repos.db, u"INSERT INTO probe (n, pad) VALUES (2, ?)"_s,
                              { QByteArray(4 * 1024 * 1024, 'x') });
                      },
        [&outcomes](bool committed) { outcomes.record(2, committed); } });
    insertJob(3, 3, outcomes);
    release();
    QTRY_COMPARE(outcomes.count(), 3);
    QCOMPARE(outcomes.told[2], false);
    const QList<int> rows = storedRows();
    for (const auto &[job, committed] : outcomes.told)
        QCOMPARE(rows.contains(job), committed);

    Outcomes later;
    m_writer->submit({ [](Repositories &repos) {
                          runQuery(repos.db, u"PRAGMA max_page_count = 1073741823"_s);
                          runQuery(repos.db, u"INSERT INTO probe (n) VALUES (4)"_s);
                      },
        [&later](bool committed) { later.record(4, committed); } });
    QTRY_COMPARE(later.count(), 1);
    QCOMPARE(later.told[4], true);
    QVERIFY(storedRows().contains(4));
}

void tst_StoreWriter::backlogIsBounded()
{
    holdWriter();
    Outcomes outcomes;
    for (int i = 1; i <= 9; ++i) {
        insertJob(i, i, outcomes);
        QVERIFY(!m_writer->isBacklogged());
    }
    insertJob(10, 10, outcomes);
    QVERIFY(m_writer->isBacklogged());
    release();
    QTRY_COMPARE(outcomes.count(), 10);
    QVERIFY(!m_writer->isBacklogged());
}

// Few jobs that have waited long make the writer refuse more as surely as many do: what it
// takes is answered in bounded time.
void tst_StoreWriter::backlogBoundsTheWaitToo()
{
    restartWithWindow(std::chrono::milliseconds(0), std::chrono::milliseconds(300));
    holdWriter();
    Outcomes outcomes;
    insertJob(1, 1, outcomes);
    QVERIFY(!m_writer->isBacklogged());
    QTRY_VERIFY_WITH_TIMEOUT(m_writer->isBacklogged(), 2000);
    release();
    QTRY_COMPARE(outcomes.count(), 1);
    QVERIFY(!m_writer->isBacklogged());
}

void tst_StoreWriter::checkpointerCopiesTheLogBack()
{
    const QString file = m_dir->filePath(u"w.db"_s);
    const qint64 before = QFileInfo(file).size();
    Outcomes outcomes;
    const quint64 checkpointsBefore = m_writer->checkpoints();
    m_writer->submit({ [](Repositories &repos) {
                          runQuery(repos.db, u"INSERT INTO probe (n, pad) VALUES (1, ?)"_s,
                              { QByteArray(512 * 1024, 'x') });
                      },
        [&outcomes](bool committed) { outcomes.record(1, committed); } });
    QTRY_COMPARE(outcomes.count(), 1);
    QVERIFY(outcomes.told[1]);
    // The commit put the pages in the log only; the checkpointer's thread copies them into
    // the database file soon after, with the writer's connection still open.
    QTRY_VERIFY(m_writer->checkpoints() > checkpointsBefore);
    QTRY_VERIFY2(QFileInfo(file).size() >= before + 512 * 1024,
        qPrintable(QString::number(QFileInfo(file).size())));
}

void tst_StoreWriter::logStaysBoundedUnderSustainedCommits()
{
    // Commit after commit for 4 s, never a pause for a checkpoint to catch up with the log:
    // each commit appends its pages to the log, which must still restart from its beginning.
    constexpr qsizetype kPad = 16 * 1024;
    QSemaphore done;
    QElapsedTimer clock;
    clock.start();
    qint64 commits = 0;
    while (clock.elapsed() < 4000) {
        bool committed = false;
        m_writer->submit({ [n = commits](Repositories &repos) {
                              runQuery(repos.db, u"INSERT INTO probe (n, pad) VALUES (?, ?)"_s,
                                  { n, QByteArray(kPad, 'x') });
                          },
            [&done, &committed](bool ok) {
                committed = ok;
                done.release();
            } });
        QVERIFY(done.tryAcquire(1, 10000));
        QVERIFY(committed);
        ++commits;
    }
    const qint64 written = commits * kPad;
    const qint64 log = QFileInfo(m_dir->filePath(u"w.db-wal"_s)).size();
    // A restart about every 500 ms (a busy machine may miss some); without them the log holds
    // more than everything written.
    QVERIFY2(commits >= 100, qPrintable(QString::number(commits)));
    QVERIFY2(log < written / 2, qPrintable(u"log %1 of %2 bytes written"_s.arg(log).arg(written)));
}

void tst_StoreWriter::loneJobsDoNotWaitTheWindow()
{
    restartWithWindow(std::chrono::seconds(3));
    QElapsedTimer clock;
    clock.start();
    Outcomes outcomes;
    for (int i = 1; i <= 5; ++i) {
        insertJob(i, i, outcomes);
        QTRY_COMPARE(outcomes.count(), i);
    }
    // Each waiting out the window would take 15 s.
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(storedRows().size(), 5);
}

void tst_StoreWriter::jobsWithinTheWindowCommitTogether()
{
    restartWithWindow(std::chrono::seconds(2));
    Outcomes outcomes;
    commitBatchOf(2, outcomes, 1);
    // The last batch held two: what arrives within the window of its commit waits for it.
    const quint64 before = m_writer->committedTransactions();
    for (int i = 3; i <= 5; ++i) {
        insertJob(i, i, outcomes);
        QTest::qWait(20);
    }
    QTRY_COMPARE(outcomes.count(), 5);
    QCOMPARE(m_writer->committedTransactions(), before + 1);
    for (const auto &[job, committed] : outcomes.told)
        QVERIFY2(committed, qPrintable(QString::number(job)));
    QCOMPARE(storedRows().size(), 5);
}

void tst_StoreWriter::stopEndsTheWindowAndCommits()
{
    restartWithWindow(std::chrono::seconds(10));
    Outcomes outcomes;
    commitBatchOf(2, outcomes, 1);
    insertJob(3, 3, outcomes);
    QElapsedTimer clock;
    clock.start();
    m_writer->stop();
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(outcomes.count(), 3);
    QVERIFY(outcomes.told[3]);
    QCOMPARE(storedRows(), QList<int>({ 1, 2, 3 }));
}

QTEST_GUILESS_MAIN(tst_StoreWriter)
#include "tst_storewriter.moc"
