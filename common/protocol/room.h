#pragma once

#include "protocol/event.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Confab {

struct RoomMember {
    QString userId;
    QString username;
    QString displayName;
    QString role; // "owner" or "member"
    bool online = false;
    qint64 lastSeen = 0;
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;

    QJsonObject toJson() const;
    // The same JSON as toJson(), written straight to `out`.
    void writeJson(JsonWriter &out) const;
    static RoomMember fromJson(const QJsonObject &json);
};

// A room as one member sees it (protocol "Room"): readSeq and unread are the viewer's.
struct Room {
    static inline const QString Direct = QStringLiteral("direct");
    static inline const QString Group = QStringLiteral("group");

    QString roomId;
    QString kind;
    QString name;
    QString ownerId;
    qint64 lastSeq = 0;
    qint64 readSeq = 0;
    qint64 unread = 0;
    std::optional<Event> lastEvent;
    QList<RoomMember> members;

    QJsonObject toJson() const;
    // The same JSON as toJson(), written straight to `out`.
    void writeJson(JsonWriter &out) const;
    static std::optional<Room> fromJson(const QJsonObject &json);
};

} // namespace Confab
