#pragma once

#include <protocol/room.h>

#include <QHash>
#include <QList>
#include <QSet>

namespace Confab {

// Keeps a `listRooms` reply from undoing newer pushes: the server may have read the list
// before a room was added or removed, and the `roomAdded`/`roomRemoved` push can arrive
// before the reply. Pushes seen while a listing is on its way correct its reply.
class RoomListing {
public:
    void started() { ++m_inFlight; }
    void added(const Room &room);
    void removed(const QString &roomId);
    // The reply's rooms with what pushes said since the request went out.
    QList<Room> finished(QList<Room> rooms);
    void failed() { done(); }

private:
    void done();

    int m_inFlight = 0;
    QHash<QString, Room> m_added; // by roomId
    QSet<QString> m_removed;
};

} // namespace Confab
