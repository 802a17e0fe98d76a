#include "store/database.h"
#include "store/migrations.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"
#include "store/storewriter.h"
#include "testdatabase.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The members' unread counts that a batch of messages tallies, on a real database through
// the real store writer: each room's counts are right whoever sent what, a job that reads
// the counts sees every message before it, and a job that is undone counts nothing.
class tst_UnreadTally : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void countsEveryMemberButTheSender();
    void aReadingJobSeesTheMessagesBeforeIt();
    void anUndoneJobCountsNothing();

private:
    // Holds the writer in a job of its own until released, so that what is submitted
    // meanwhile goes into one batch.
    void holdWriter();
    void tally(const QString &roomId, const QString &senderId, bool fails = false);
    // Releases the writer and waits until every job submitted has been told its outcome.
    void releaseAndWait();
    qint64 unread(const QString &roomId, const QString &userId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StoreWriter> m_writer;
    QSemaphore m_gate;
    std::atomic<int> m_submitted { 0 };
    std::atomic<int> m_finished { 0 };
};

void tst_UnreadTally::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    Database::configure(DatabaseUrl::parse(TestDatabase::urlFor(m_dir->path()), &error));
    {
        QSqlDatabase db = Database::open(u"setup"_s);
        Migrations::apply(db);
        for (const QString &user : { u"a"_s, u"b"_s, u"c"_s }) {
            runQuery(db,
                u"INSERT INTO users (id, username, display_name, password_hash, created_at)"
                " VALUES (?, ?, ?, 'x', 0)"_s,
                { user, user, user });
        }
        for (const QString &room : { u"group"_s, u"pair"_s })
            runQuery(db,
                u"INSERT INTO rooms (id, kind, last_ts, created_at) VALUES (?, 'group', 0, 0)"_s,
                { room });
        const QList<std::pair<QString, QString>> members { { u"group"_s, u"a"_s },
            { u"group"_s, u"b"_s }, { u"group"_s, u"c"_s }, { u"pair"_s, u"a"_s },
            { u"pair"_s, u"b"_s } };
        for (const auto &[room, user] : members) {
            runQuery(db,
                u"INSERT INTO members (room_id, user_id, role, joined_seq, delivered_seq,"
                " read_seq, joined_at) VALUES (?, ?, 'member', 0, 0, 0, 0)"_s,
                { room, user });
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"setup"_s);
    m_writer = std::make_unique<StoreWriter>();
    QVERIFY(m_writer->start());
    m_submitted = 0;
    m_finished = 0;
}

void tst_UnreadTally::cleanup()
{
    m_writer.reset();
    TestDatabase::dropFor(m_dir->path());
    m_dir.reset();
}

void tst_UnreadTally::holdWriter()
{
    std::atomic<bool> held { false };
    ++m_submitted;
    m_writer->submit({ [this, &held](Repositories &) {
                          held = true;
                          m_gate.acquire();
                      },
        [this](bool) { ++m_finished; } });
    QTRY_VERIFY(held);
}

void tst_UnreadTally::tally(const QString &roomId, const QString &senderId, bool fails)
{
    ++m_submitted;
    m_writer->submit({ [roomId, senderId, fails](Repositories &repos) {
                          repos.unread.count(roomId, senderId);
                          if (fails)
                              throw StoreError(u"undone after counting"_s);
                      },
        [this](bool) { ++m_finished; }, StoreWriter::UnreadUse::OnlyTallies });
}

void tst_UnreadTally::releaseAndWait()
{
    m_gate.release();
    QTRY_COMPARE(m_finished.load(), m_submitted.load());
}

qint64 tst_UnreadTally::unread(const QString &roomId, const QString &userId)
{
    qint64 count = -1;
    {
        QSqlDatabase db = Database::open(u"check"_s);
        count = queryValue(db, u"SELECT unread FROM members WHERE room_id = ? AND user_id = ?"_s,
            { roomId, userId })
                    .toLongLong();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return count;
}

void tst_UnreadTally::countsEveryMemberButTheSender()
{
    holdWriter();
    tally(u"group"_s, u"a"_s);
    tally(u"group"_s, u"a"_s);
    tally(u"group"_s, u"b"_s);
    tally(u"pair"_s, u"b"_s);
    releaseAndWait();
    QCOMPARE(unread(u"group"_s, u"a"_s), 1);
    QCOMPARE(unread(u"group"_s, u"b"_s), 2);
    QCOMPARE(unread(u"group"_s, u"c"_s), 3);
    QCOMPARE(unread(u"pair"_s, u"a"_s), 1);
    QCOMPARE(unread(u"pair"_s, u"b"_s), 0);
}

void tst_UnreadTally::aReadingJobSeesTheMessagesBeforeIt()
{
    holdWriter();
    tally(u"group"_s, u"a"_s);
    // What markRead does: c reads everything so far, which leaves nothing unread.
    qint64 seen = -1;
    ++m_submitted;
    m_writer->submit({ [&seen](Repositories &repos) {
                          seen = repos.members.find(u"group"_s, u"c"_s)->unread;
                          repos.members.setMarkers(u"group"_s, u"c"_s, 1, 1, 0);
                      },
        [this](bool) { ++m_finished; } });
    tally(u"group"_s, u"b"_s);
    releaseAndWait();
    QCOMPARE(seen, 1);
    QCOMPARE(unread(u"group"_s, u"c"_s), 1); // b's message, after the read
    QCOMPARE(unread(u"group"_s, u"a"_s), 1);
    QCOMPARE(unread(u"group"_s, u"b"_s), 1);
}

void tst_UnreadTally::anUndoneJobCountsNothing()
{
    holdWriter();
    tally(u"group"_s, u"a"_s);
    tally(u"group"_s, u"b"_s, true);
    tally(u"group"_s, u"c"_s);
    releaseAndWait();
    QCOMPARE(unread(u"group"_s, u"a"_s), 1);
    QCOMPARE(unread(u"group"_s, u"b"_s), 2);
    QCOMPARE(unread(u"group"_s, u"c"_s), 1);
}

QTEST_GUILESS_MAIN(tst_UnreadTally)
#include "tst_unreadtally.moc"
