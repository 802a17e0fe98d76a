#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

class JsonWriter;

// One entry of a room's ordered log (protocol "Event").
struct Event {
    static inline const QString Message = QStringLiteral("message");
    static inline const QString MemberJoined = QStringLiteral("memberJoined");
    static inline const QString MemberLeft = QStringLiteral("memberLeft");
    static inline const QString RoomRenamed = QStringLiteral("roomRenamed");

    QString roomId;
    qint64 seq = 0;
    qint64 ts = 0;
    QString kind;
    QString senderId; // messages
    QString clientMsgId; // messages
    QString text; // messages
    QJsonObject attachment; // messages, optional
    qint64 replyTo = 0; // messages, 0 = none
    QString userId; // memberJoined, memberLeft: who joined or left
    QString byId; // membership and rename events: who did it
    QString name; // roomRenamed

    bool isMessage() const { return kind == Message; }
    QJsonObject toJson() const;
    // The same JSON as toJson(), written straight to `out`.
    void writeJson(JsonWriter &out) const;
    static std::optional<Event> fromJson(const QJsonObject &json);
};

} // namespace Confab
