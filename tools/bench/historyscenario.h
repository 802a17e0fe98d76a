#pragma once

#include "benchclient.h"
#include "latencyhistogram.h"
#include "roomseeder.h"
#include "scenario.h"

#include <QJsonObject>

// history: seeds one room with --events messages (or tops up the room of an earlier run
// with --reuse-room), then reads pages of 50 (random positions and the newest page) from
// --readers connections for --duration seconds; then times listRooms for a user who is in
// --rooms rooms. The project's target: both under 10 ms.
class HistoryScenario : public Scenario {
    Q_OBJECT
public:
    using Scenario::Scenario;

    void start() override;

private:
    void findOrCreateRoom();
    void seedRoom(qint64 lastSeq);
    void readPages();
    void readNextPage(BenchClient *reader, bool newest);
    void prepareRoomList();
    void createRooms(int existing);
    void timeListRooms();
    void fail(const QString &error);
    void report();

    QList<BenchClient *> m_seeders;
    QByteArray m_roomId;
    qint64 m_lastSeq = 0;
    qint64 m_seededNow = 0;
    RoomSeeder::Outcome m_seeding;
    qint64 m_deadlineUs = 0;
    int m_activeReaders = 0;
    qint64 m_pages = 0;
    qint64 m_shortPages = 0; // random pages with fewer than 50 events where 50 exist
    double m_readSeconds = 0;
    LatencyHistogram m_randomPageUs;
    LatencyHistogram m_newestPageUs;
    QMap<QString, qint64> m_errors;
    BenchClient *m_roomsUser = nullptr;
    BenchClient *m_roomsPeer = nullptr;
    int m_roomsSeen = 0;
    qint64 m_roomsReplyBytes = 0;
    double m_listSeconds = 0;
    LatencyHistogram m_listRoomsUs;
};
