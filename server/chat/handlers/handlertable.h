#pragma once

#include "protocol/request.h"

#include <QFlags>
#include <QHash>
#include <QString>

namespace Confab::Server {

class Session;

// One request type, one handler: the dispatch table of the protocol.
class HandlerTable {
public:
    using Handler = void (*)(Session &, const Request &);

    // What a request needs before its handler runs. Session checks each, so that a handler
    // only does its own work.
    enum Need {
        SignedIn = 0x1,
        RequestBudget = 0x2, // counts against the user's budget of requests
        Writer = 0x4, // queues work for the store writer: refused while its backlog is full
        Reader = 0x8, // queues a database read: refused while the readers are that far behind
        Hasher = 0x10, // queues password hashing: refused while that many sign-ins wait
    };
    Q_DECLARE_FLAGS(Needs, Need)

    struct Entry {
        Handler handler = nullptr;
        Needs needs;
    };

    static const HandlerTable &instance();
    const Entry *find(const QString &type) const;
    void add(const QString &type, Handler handler, Needs needs);

private:
    QHash<QString, Entry> m_entries;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(HandlerTable::Needs)

// The usual needs: a signed-in user's request, on their budget, that writes or that reads.
constexpr HandlerTable::Needs SignedInWrite
    = HandlerTable::SignedIn | HandlerTable::RequestBudget | HandlerTable::Writer;
constexpr HandlerTable::Needs SignedInRead
    = HandlerTable::SignedIn | HandlerTable::RequestBudget | HandlerTable::Reader;

void registerAuthHandlers(HandlerTable &table);
void registerRoomHandlers(HandlerTable &table);
void registerMembershipHandlers(HandlerTable &table);
void registerMessageHandlers(HandlerTable &table);
void registerReceiptHandlers(HandlerTable &table);
void registerUserHandlers(HandlerTable &table);
void registerFileHandlers(HandlerTable &table);

} // namespace Confab::Server
