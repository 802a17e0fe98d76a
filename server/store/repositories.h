#pragma once

#include "store/attachmentrepository.h"
#include "store/blockrepository.h"
#include "store/eventrepository.h"
#include "store/memberrepository.h"
#include "store/roomrepository.h"
#include "store/tokenrepository.h"
#include "store/unreadtally.h"
#include "store/userrepository.h"

namespace Confab::Server {

// Every repository over one connection: what a unit of work on the store sees.
struct Repositories {
    explicit Repositories(const QSqlDatabase &db)
        : db(db)
        , users(db)
        , tokens(db)
        , rooms(db)
        , members(db)
        , events(db)
        , blocks(db)
        , attachments(db)
    {
    }

    QSqlDatabase db; // the connection they share
    UserRepository users;
    TokenRepository tokens;
    RoomRepository rooms;
    MemberRepository members;
    EventRepository events;
    BlockRepository blocks;
    AttachmentRepository attachments;
    UnreadTally unread; // the writer's: what its batch has counted and not yet written
};

} // namespace Confab::Server
