#include "app/clusterlinkfactory.h"

#include "chat/hub.h"
#include "config/serverconfig.h"
#include "store/database.h"
#include "store/workerpool.h"
#ifdef CONFAB_HAVE_REDIS
#include "bus/clusterbus.h"
#endif

#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
// A node's name goes into every payload it publishes, before a newline.
bool isValidNodeId(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

QString defaultNodeId()
{
    QString host = QHostInfo::localHostName();
    host.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"-"_s);
    return host.left(48) + u'-'
        + QString::number(QRandomGenerator::system()->bounded(0x10000), 16).rightJustified(4, u'0');
}

#ifdef CONFAB_HAVE_REDIS
std::unique_ptr<ClusterLink> makeBus(const QHostAddress &address, quint16 port,
    const QString &nodeId, WorkerPool &readers, const Hub &hub, PresenceAnnouncer announce,
    SharedBudgets budgets)
{
    auto readGap = [&readers](const RoomSequencer::Gap &gap, auto done) {
        readers.read<QList<RoomNews>>(
            [gap](Repositories &repos) {
                const EventPage page = repos.events.page(gap.roomId, gap.before, gap.after, 200);
                const QStringList members = repos.members.userIdsOf(gap.roomId);
                QList<RoomNews> news;
                for (const Event &event : page.events)
                    news.append(RoomNews(event, members));
                return news;
            },
            [done](
                std::optional<QList<RoomNews>> news) { done(news.value_or(QList<RoomNews>())); });
    };
    auto readRooms = [&readers](const QStringList &userIds, auto done) {
        readers.read<QHash<QString, qint64>>(
            [userIds](Repositories &repos) { return repos.rooms.lastSeqsOfMembers(userIds); },
            std::move(done));
    };
    auto deliver = [&hub](const QList<RoomNews> &news) { hub.deliverNewsHere(news); };
    auto deliverToUser
        = [&hub](const QString &userId, const QByteArray &json) { hub.deliverHere(userId, json); };
    auto bus = std::make_unique<ClusterBus>(
        ClusterBus::Options { address.toString(), port, nodeId }, std::move(readGap),
        std::move(readRooms), std::move(deliver), std::move(deliverToUser), std::move(announce));
    bus->shareBudget("send", budgets.sends);
    bus->shareBudget("request", budgets.requests);
    bus->shareLogins(budgets.logins);
    bus->start();
    return bus;
}
#endif
} // namespace

std::unique_ptr<ClusterLink> makeClusterLink(const ServerConfig &config, WorkerPool &readers,
    const Hub &hub, PresenceAnnouncer announce, SharedBudgets budgets, QString *error)
{
    if (config.redisUrl.isEmpty())
        return nullptr;
    const QUrl url(config.redisUrl);
    if (url.scheme() != "redis"_L1 || url.host().isEmpty() || url.port(6379) <= 0
        || (!url.path().isEmpty() && url.path() != "/"_L1)) {
        *error = u"--redis takes redis://HOST[:PORT]"_s;
        return nullptr;
    }
    QString urlError;
    if (DatabaseUrl::parse(config.effectiveDatabaseUrl(), &urlError).isSqlite()) {
        *error = u"--redis joins nodes that share a PostgreSQL --database"_s;
        return nullptr;
    }
    const QString nodeId = config.nodeId.isEmpty() ? defaultNodeId() : config.nodeId;
    if (!isValidNodeId(nodeId)) {
        *error = u"--node-id takes 1 to 64 letters, digits, '.', '_' or '-'"_s;
        return nullptr;
    }
    // Resolved once, at start: the bus's thread never waits for a name server.
    QHostAddress address(url.host());
    if (address.isNull()) {
        const QList<QHostAddress> found = QHostInfo::fromName(url.host()).addresses();
        if (found.isEmpty()) {
            *error = u"cannot resolve the Redis host "_s + url.host();
            return nullptr;
        }
        address = found.first();
    }
#ifdef CONFAB_HAVE_REDIS
    return makeBus(
        address, quint16(url.port(6379)), nodeId, readers, hub, std::move(announce), budgets);
#else
    Q_UNUSED(readers);
    Q_UNUSED(hub);
    Q_UNUSED(announce);
    Q_UNUSED(budgets);
    *error = u"this build of the server has no Redis client"_s;
    return nullptr;
#endif
}

} // namespace Confab::Server
