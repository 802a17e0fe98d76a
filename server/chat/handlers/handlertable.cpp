#include "chat/handlers/handlertable.h"

namespace Confab::Server {

const HandlerTable &HandlerTable::instance()
{
    static const HandlerTable table = [] {
        HandlerTable built;
        registerAuthHandlers(built);
        registerRoomHandlers(built);
        registerMembershipHandlers(built);
        registerMessageHandlers(built);
        registerReceiptHandlers(built);
        registerUserHandlers(built);
        registerFileHandlers(built);
        return built;
    }();
    return table;
}

const HandlerTable::Entry *HandlerTable::find(const QString &type) const
{
    const auto it = m_entries.constFind(type);
    return it == m_entries.constEnd() ? nullptr : &it.value();
}

void HandlerTable::add(const QString &type, Handler handler, Needs needs)
{
    m_entries.insert(type, { handler, needs });
}

} // namespace Confab::Server
