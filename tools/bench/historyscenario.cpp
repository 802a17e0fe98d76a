#include "historyscenario.h"

#include "clientopener.h"
#include "framescanner.h"
#include "monotonicclock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

const QString RoomName = u"bench history"_s;
constexpr int PageSize = 50;

qsizetype occurrences(QByteArrayView text, QByteArrayView needle)
{
    qsizetype count = 0;
    for (qsizetype at = text.indexOf(needle); at >= 0;
         at = text.indexOf(needle, at + needle.size()))
        ++count;
    return count;
}

} // namespace

void HistoryScenario::start()
{
    QList<ClientOpener::Account> accounts;
    for (int i = 0; i < qMax(m_options.seedSenders, m_options.readers); ++i) {
        m_seeders.append(new BenchClient(this));
        accounts.append({ m_seeders.last(), m_options.userPrefix + u"h"_s + QString::number(i) });
    }
    auto *opener = new ClientOpener(m_options.url, m_options.password, BenchClient::AuthMode::Auto,
        m_options.setupConcurrency, this);
    opener->start(accounts, [this](const ClientOpener::Outcome &outcome) {
        if (!outcome.errors.isEmpty())
            return fail(u"sign-in failed: "_s + outcome.errors.firstKey());
        findOrCreateRoom();
    });
}

void HistoryScenario::findOrCreateRoom()
{
    BenchClient *owner = m_seeders.first();
    if (m_options.reuseRoom) {
        owner->request({ { "type"_L1, "listRooms"_L1 } }, [this](const QJsonObject &reply) {
            for (const QJsonValue &room : reply.value("rooms"_L1).toArray()) {
                if (room["name"_L1].toString() == RoomName) {
                    m_roomId = room["roomId"_L1].toString().toLatin1();
                    return seedRoom(room["lastSeq"_L1].toInteger());
                }
            }
            fail(u"--reuse-room: no room named \"%1\" for this --user-prefix"_s.arg(RoomName));
        });
        return;
    }
    QJsonArray members;
    for (BenchClient *seeder : std::as_const(m_seeders))
        members.append(seeder->userId());
    owner->request(
        { { "type"_L1, "createGroup"_L1 }, { "name"_L1, RoomName }, { "members"_L1, members } },
        [this](const QJsonObject &reply) {
            const QJsonObject room = reply.value("room"_L1).toObject();
            m_roomId = room.value("roomId"_L1).toString().toLatin1();
            if (m_roomId.isEmpty())
                return fail(u"createGroup failed: "_s + reply.value("code"_L1).toString());
            seedRoom(room.value("lastSeq"_L1).toInteger());
        });
}

void HistoryScenario::seedRoom(qint64 lastSeq)
{
    m_lastSeq = lastSeq;
    m_seededNow = qMax<qint64>(0, m_options.events - lastSeq);
    const QList<BenchClient *> senders = m_seeders.first(m_options.seedSenders);
    const QString msgPrefix
        = m_options.userPrefix + QString::number(QRandomGenerator::global()->generate(), 36) + u'-';
    auto *seeder = new RoomSeeder(
        senders, m_roomId, m_options.seedWindow, m_options.payloadBytes, msgPrefix, this);
    seeder->seed(m_seededNow, m_options.jsonOnly, [this](const RoomSeeder::Outcome &outcome) {
        m_seeding = outcome;
        for (auto it = outcome.errors.cbegin(); it != outcome.errors.cend(); ++it)
            m_errors[u"seed:"_s + it.key()] += it.value();
        // The newest page says where the log ends now.
        m_seeders.first()->request(
            { { "type"_L1, "history"_L1 }, { "roomId"_L1, QString::fromLatin1(m_roomId) },
                { "limit"_L1, 1 } },
            [this](const QJsonObject &reply) {
                const QJsonArray events = reply.value("events"_L1).toArray();
                if (events.isEmpty())
                    return fail(u"history of the seeded room is empty"_s);
                m_lastSeq = events.last()["seq"_L1].toInteger();
                readPages();
            });
    });
}

void HistoryScenario::readPages()
{
    m_deadlineUs = MonotonicClock::nowUs() + qint64(m_options.durationS * 1e6);
    m_activeReaders = m_options.readers;
    for (int i = 0; i < m_options.readers; ++i)
        readNextPage(m_seeders.at(i), i % 2 == 1);
}

void HistoryScenario::readNextPage(BenchClient *reader, bool newest)
{
    const qint64 now = MonotonicClock::nowUs();
    if (now >= m_deadlineUs) {
        if (--m_activeReaders == 0) {
            m_readSeconds = m_options.durationS;
            prepareRoomList();
        }
        return;
    }
    QJsonObject request { { "type"_L1, "history"_L1 },
        { "roomId"_L1, QString::fromLatin1(m_roomId) }, { "limit"_L1, PageSize } };
    const qint64 before = newest
        ? 0
        : 2 + qint64(QRandomGenerator::global()->bounded(quint64(qMax<qint64>(1, m_lastSeq))));
    if (!newest)
        request.insert("before"_L1, before);
    reader->requestRaw(request, [this, reader, newest, before, now](QByteArrayView reply) {
        const qint64 tookUs = MonotonicClock::nowUs() - now;
        const FrameScanner scanner(reply);
        if (scanner.string("\"type\"") != "history") {
            ++m_errors[QString::fromLatin1(scanner.string("\"code\""))];
        } else {
            ++m_pages;
            (newest ? m_newestPageUs : m_randomPageUs).record(tookUs);
            if (!newest && before > PageSize && occurrences(reply, "\"seq\"") < PageSize)
                ++m_shortPages;
        }
        readNextPage(reader, !newest); // random and newest pages take turns
    });
}

void HistoryScenario::prepareRoomList()
{
    m_roomsUser = new BenchClient(this);
    m_roomsPeer = new BenchClient(this);
    auto *opener
        = new ClientOpener(m_options.url, m_options.password, BenchClient::AuthMode::Auto, 2, this);
    opener->start({ { m_roomsUser, m_options.userPrefix + u"rooms"_s },
                      { m_roomsPeer, m_options.userPrefix + u"peer"_s } },
        [this](const ClientOpener::Outcome &outcome) {
            if (!outcome.errors.isEmpty())
                return fail(u"sign-in failed: "_s + outcome.errors.firstKey());
            m_roomsUser->request(
                { { "type"_L1, "listRooms"_L1 } }, [this](const QJsonObject &reply) {
                    createRooms(int(reply.value("rooms"_L1).toArray().size()));
                });
        });
}

void HistoryScenario::createRooms(int existing)
{
    // Each room gets a peer and one message, so that listRooms has members and a lastEvent.
    auto remaining = std::make_shared<int>(qMax(0, m_options.rooms - existing));
    if (*remaining == 0)
        return timeListRooms();
    auto next = std::make_shared<int>(existing);
    auto createOne = std::make_shared<std::function<void()>>();
    *createOne = [this, remaining, next, createOne] {
        if (*next >= m_options.rooms)
            return;
        const int index = (*next)++;
        const QJsonObject request { { "type"_L1, "createGroup"_L1 },
            { "name"_L1, u"room %1"_s.arg(index) },
            { "members"_L1, QJsonArray { m_roomsPeer->userId() } } };
        m_roomsUser->request(
            request, [this, remaining, createOne, index](const QJsonObject &reply) {
                const QString roomId
                    = reply.value("room"_L1).toObject().value("roomId"_L1).toString();
                if (roomId.isEmpty())
                    ++m_errors[u"rooms:"_s + reply.value("code"_L1).toString()];
                else
                    m_roomsUser->request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
                                             { "clientMsgId"_L1,
                                                 QString(m_options.userPrefix + u"room-"_s
                                                     + QString::number(index)) },
                                             { "text"_L1, u"hello room %1"_s.arg(index) } },
                        [](const QJsonObject &) {});
                if (--*remaining == 0)
                    return timeListRooms();
                (*createOne)();
            });
    };
    for (int lane = 0; lane < 16; ++lane)
        (*createOne)();
}

void HistoryScenario::timeListRooms()
{
    // Sequential requests: the latency of one listRooms, not of a queue of them.
    const qint64 deadlineUs = MonotonicClock::nowUs() + qint64(m_options.durationS * 1e6);
    const qint64 startUs = MonotonicClock::nowUs();
    auto once = std::make_shared<std::function<void()>>();
    *once = [this, once, deadlineUs, startUs] {
        const qint64 sentUs = MonotonicClock::nowUs();
        if (sentUs >= deadlineUs || m_listRoomsUs.count() >= 5000) {
            m_listSeconds = double(sentUs - startUs) / 1e6;
            return report();
        }
        m_roomsUser->requestRaw(
            { { "type"_L1, "listRooms"_L1 } }, [this, once, sentUs](QByteArrayView reply) {
                m_listRoomsUs.record(MonotonicClock::nowUs() - sentUs);
                m_roomsSeen = int(occurrences(reply, "\"kind\":\"group\""));
                m_roomsReplyBytes = reply.size();
                QTimer::singleShot(0, this, [once] {
                    if (*once)
                        (*once)();
                });
            });
    };
    (*once)();
}

void HistoryScenario::fail(const QString &error)
{
    emit finished({ { "scenario"_L1, "history"_L1 }, { "error"_L1, error } },
        { u"history: "_s + error }, false);
}

void HistoryScenario::report()
{
    const auto perSec = [](double n, double seconds) {
        return seconds > 0 ? std::round(10 * n / seconds) / 10 : 0.0;
    };
    QJsonObject errors;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        errors.insert(it.key(), it.value());
    const QJsonObject random = m_randomPageUs.summaryMs({ 50, 95, 99 });
    const QJsonObject newest = m_newestPageUs.summaryMs({ 50, 95, 99 });
    const QJsonObject rooms = m_listRoomsUs.summaryMs({ 50, 95, 99 });
    const double p99Pages = qMax(m_randomPageUs.percentileUs(99), m_newestPageUs.percentileUs(99));
    const bool targetMet = p99Pages >= 0 && p99Pages < 10000 && m_listRoomsUs.percentileUs(99) >= 0
        && m_listRoomsUs.percentileUs(99) < 10000;
    const QJsonObject out { { "scenario"_L1, "history"_L1 }, { "adapter"_L1, "confab"_L1 },
        { "label"_L1, m_options.label }, { "url"_L1, m_options.url.toString() },
        { "events"_L1, m_lastSeq }, { "seededNow"_L1, m_seeding.acked },
        { "seedSeconds"_L1, std::round(m_seeding.seconds * 10) / 10 },
        { "seedPerSec"_L1, perSec(double(m_seeding.acked), m_seeding.seconds) },
        { "seedSenders"_L1, m_options.seedSenders }, { "seedWindow"_L1, m_options.seedWindow },
        { "readers"_L1, m_options.readers }, { "pageSize"_L1, PageSize }, { "pages"_L1, m_pages },
        { "pagesPerSec"_L1, perSec(double(m_pages), m_readSeconds) },
        { "shortPages"_L1, m_shortPages }, { "randomPageLatencyMs"_L1, random },
        { "newestPageLatencyMs"_L1, newest }, { "rooms"_L1, m_options.rooms },
        { "roomsListed"_L1, m_roomsSeen }, { "listRoomsReplyBytes"_L1, m_roomsReplyBytes },
        { "listRoomsPerSec"_L1, perSec(double(m_listRoomsUs.count()), m_listSeconds) },
        { "listRoomsLatencyMs"_L1, rooms }, { "errors"_L1, errors }, { "under10ms"_L1, targetMet },
        { "at"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    const auto row = [](const QString &name, const QJsonObject &h) {
        const auto v = [&h](const char *key) {
            return h.value(QLatin1StringView(key)).toVariant().toString();
        };
        return u"  %1 %2 %3 %4 %5  (n %6)"_s.arg(name, -16)
            .arg(v("p50"), 8)
            .arg(v("p95"), 8)
            .arg(v("p99"), 8)
            .arg(v("max"), 8)
            .arg(v("n"));
    };
    const QStringList summary {
        u"history %1: room of %2 events (%3 seeded now in %4 s, %5/s)"_s.arg(m_options.label)
            .arg(m_lastSeq)
            .arg(m_seeding.acked)
            .arg(m_seeding.seconds, 0, 'f', 1)
            .arg(perSec(double(m_seeding.acked), m_seeding.seconds)),
        u"  history pages of %1 from %2 readers: %3/s; listRooms of %4 rooms: %5/s"_s.arg(PageSize)
            .arg(m_options.readers)
            .arg(perSec(double(m_pages), m_readSeconds))
            .arg(m_roomsSeen)
            .arg(perSec(double(m_listRoomsUs.count()), m_listSeconds)),
        u"  latency ms            p50      p95      p99      max"_s,
        row(u"random page"_s, random),
        row(u"newest page"_s, newest),
        row(u"listRooms"_s, rooms),
        u"  errors %1; short pages %2; both under 10 ms (p99): %3"_s.arg(m_errors.size())
            .arg(m_shortPages)
            .arg(targetMet ? u"yes"_s : u"no"_s),
    };
    emit finished(out, summary, true);
}
