#pragma once

#include "protocol/event.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Confab::Server {

// An event of a room's log on its way to this node's sessions, with whom it is for.
struct RoomNews {
    Event event;
    // The room's members when it was committed (or, for an event read back from the
    // database, when it was read): those of them with a session here get it.
    QStringList recipients;
    // A session of this node that does not get it: the one whose request made it.
    quint64 exceptSessionId = 0;
    // Run once the event is handed on, in its order: its sender's reply (a `sent` for seq N
    // must come before any event of the room with a higher seq). Only news made here has one.
    std::function<void()> then;

    RoomNews() = default;
    RoomNews(Event e, QStringList to = {}, quint64 except = 0, std::function<void()> reply = {})
        : event(std::move(e))
        , recipients(std::move(to))
        , exceptSessionId(except)
        , then(std::move(reply))
    {
    }
};

} // namespace Confab::Server
