#pragma once

#include "protocol/request.h"

#include <QHash>
#include <QString>

namespace Confab::Server {

class Session;

// One request type, one handler: the dispatch table of protocol v1.
class HandlerTable {
public:
    using Handler = void (*)(Session &, const Request &);
    struct Entry {
        Handler handler = nullptr;
        bool needsAuth = true;
        bool rateLimited = true; // counts against the per-user request budget
    };

    static const HandlerTable &instance();
    const Entry *find(const QString &type) const;
    void add(const QString &type, Handler handler, bool needsAuth = true, bool rateLimited = true);

private:
    QHash<QString, Entry> m_entries;
};

void registerAuthHandlers(HandlerTable &table);
void registerRoomHandlers(HandlerTable &table);
void registerMembershipHandlers(HandlerTable &table);
void registerMessageHandlers(HandlerTable &table);
void registerReceiptHandlers(HandlerTable &table);
void registerUserHandlers(HandlerTable &table);
void registerFileHandlers(HandlerTable &table);

} // namespace Confab::Server
