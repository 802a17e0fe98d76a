#include "models/eventtext.h"

#include <QCoreApplication>

namespace Confab::EventText {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Confab::EventText", text); }
}

QString note(const Event &event, const NameLookup &nameOf, const QString &myUserId)
{
    const QString who = event.userId == myUserId ? tr("You") : nameOf(event.userId);
    const QString by = event.byId == myUserId ? tr("you") : nameOf(event.byId);
    const bool self = event.byId.isEmpty() || event.byId == event.userId;
    if (event.kind == Event::MemberJoined) {
        if (self)
            return tr("%1 joined").arg(who);
        return tr("%1 added %2").arg(event.byId == myUserId ? tr("You") : nameOf(event.byId), who);
    }
    if (event.kind == Event::MemberLeft) {
        if (self)
            return tr("%1 left").arg(who);
        return tr("%1 was removed by %2").arg(who, by);
    }
    if (event.kind == Event::RoomRenamed) {
        const QString actor = event.byId == myUserId ? tr("You") : nameOf(event.byId);
        return tr("%1 renamed the group to \"%2\"").arg(actor, event.name);
    }
    return event.text;
}

QString preview(const Event &event, const NameLookup &nameOf, const QString &myUserId,
    bool isGroup)
{
    if (!event.isMessage())
        return note(event, nameOf, myUserId);
    QString text = event.text.simplified();
    if (text.isEmpty() && !event.attachment.isEmpty())
        text = tr("Attachment");
    if (event.senderId == myUserId)
        return tr("You: %1").arg(text);
    if (isGroup)
        return tr("%1: %2").arg(nameOf(event.senderId), text);
    return text;
}

} // namespace Confab::EventText
