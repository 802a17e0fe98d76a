#include "chat/presence.h"

#include "chat/hub.h"
#include "chat/servercontext.h"
#include "protocol/codec.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QDateTime>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
QByteArray presenceFrame(const QString &userId, bool online, qint64 lastSeen)
{
    return Codec::encode(Codec::push(u"presence"_s,
        { { "userId"_L1, userId }, { "online"_L1, online }, { "lastSeen"_L1, lastSeen } }));
}
} // namespace

void Presence::announceOnline(ServerContext &context, const QString &userId)
{
    Hub &hub = context.hub;
    context.readers.read<QStringList>(
        [userId](Repositories &repos) { return repos.members.contactsOf(userId); },
        [&hub, userId](std::optional<QStringList> contacts) {
            // A user who left again meanwhile is announced offline by that path.
            if (contacts && hub.isOnline(userId))
                hub.deliver(*contacts,
                    presenceFrame(userId, true, QDateTime::currentMSecsSinceEpoch()));
        });
}

void Presence::announceOffline(ServerContext &context, const QString &userId)
{
    Hub &hub = context.hub;
    const qint64 lastSeen = QDateTime::currentMSecsSinceEpoch();
    context.writer.write<QStringList>(
        [userId, lastSeen](Repositories &repos) {
            repos.users.setLastSeen(userId, lastSeen);
            return repos.members.contactsOf(userId);
        },
        [&hub, userId, lastSeen](std::optional<QStringList> contacts) {
            if (contacts && !hub.isOnline(userId))
                hub.deliver(*contacts, presenceFrame(userId, false, lastSeen));
        });
}

} // namespace Confab::Server
