#include "sync/markersync.h"

#include "net/replyerror.h"
#include "sync/requestpacer.h"

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kDeliveredBatchMs = 250; // the protocol lets the server merge receipts as much
// A user in more rooms than this has markers dropped beyond it (the newest read wins again
// the next time the room is viewed).
constexpr int kMaxRooms = 10000;
} // namespace

MarkerSync::MarkerSync(RequestPacer *pacer, QObject *parent)
    : QObject(parent)
    , m_pacer(pacer)
{
    m_deliveredBatch.setSingleShot(true);
    m_deliveredBatch.setInterval(kDeliveredBatchMs);
    connect(&m_deliveredBatch, &QTimer::timeout, this, [this] { flush(Kind::Delivered); });
}

void MarkerSync::markRead(const QString &roomId, qint64 seq)
{
    if (seq <= 0 || (!m_read.contains(roomId) && m_read.size() >= kMaxRooms))
        return;
    Marker &marker = m_read[roomId];
    if (seq <= marker.wanted)
        return;
    marker.wanted = seq;
    if (m_online && marker.sending == 0)
        send(Kind::Read, roomId);
}

void MarkerSync::markDelivered(const QString &roomId, qint64 seq)
{
    if (seq <= 0 || (!m_delivered.contains(roomId) && m_delivered.size() >= kMaxRooms))
        return;
    Marker &marker = m_delivered[roomId];
    marker.wanted = std::max(marker.wanted, seq);
    if (m_online && !m_deliveredBatch.isActive())
        m_deliveredBatch.start();
}

void MarkerSync::setOnline(bool online)
{
    m_online = online;
    if (!online)
        return;
    flush(Kind::Read);
    flush(Kind::Delivered);
}

void MarkerSync::clear()
{
    m_read.clear();
    m_delivered.clear();
    m_deliveredBatch.stop();
}

void MarkerSync::forget(const QString &roomId)
{
    m_read.remove(roomId);
    m_delivered.remove(roomId);
}

void MarkerSync::flush(Kind kind)
{
    if (!m_online)
        return;
    const QHash<QString, Marker> &markers = kind == Kind::Read ? m_read : m_delivered;
    const QStringList rooms = markers.keys();
    for (const QString &roomId : rooms) {
        if (markers.value(roomId).sending == 0)
            send(kind, roomId);
    }
}

void MarkerSync::send(Kind kind, const QString &roomId)
{
    QHash<QString, Marker> &markers = kind == Kind::Read ? m_read : m_delivered;
    Marker &marker = markers[roomId];
    const qint64 seq = marker.wanted;
    marker.sending = seq;
    const QString type = kind == Kind::Read ? u"markRead"_s : u"markDelivered"_s;
    m_pacer->request(type, { { "roomId"_L1, roomId }, { "seq"_L1, seq } }, this,
        [this, kind, roomId, seq](const QJsonObject &reply) {
            QHash<QString, Marker> &markers = kind == Kind::Read ? m_read : m_delivered;
            const auto marker = markers.find(roomId);
            if (marker == markers.end() || marker->sending != seq)
                return; // cleared meanwhile
            marker->sending = 0;
            const bool failed = ReplyError::isError(reply);
            const QString code = reply.value("code"_L1).toString();
            if (!failed || ReplyError::isPermanent(code)) {
                const bool newer = marker->wanted > seq;
                if (!newer)
                    markers.erase(marker);
                if (!failed && kind == Kind::Read)
                    Q_EMIT unreadChanged(roomId, reply.value("unread"_L1).toInteger());
                if (newer && m_online)
                    send(kind, roomId);
            }
            // Other failures (offline, a timeout) keep the marker for the next time online.
        });
}

} // namespace Confab
