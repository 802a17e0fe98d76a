#include "models/eventtext.h"

#include "models/filetext.h"

#include <QCoreApplication>

namespace Confab::EventText {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("Confab::EventText", text); }
}

QString note(const Event &event, const NameLookup &nameOf, const QString &myUserId)
{
    const bool self = event.byId.isEmpty() || event.byId == event.userId;
    const bool iAmSubject = event.userId == myUserId;
    const bool iDidIt = event.byId == myUserId;
    if (event.kind == Event::MemberJoined) {
        if (self)
            return iAmSubject ? tr("You joined") : tr("%1 joined").arg(nameOf(event.userId));
        if (iDidIt)
            return tr("You added %1").arg(nameOf(event.userId));
        if (iAmSubject)
            return tr("%1 added you").arg(nameOf(event.byId));
        return tr("%1 added %2").arg(nameOf(event.byId), nameOf(event.userId));
    }
    if (event.kind == Event::MemberLeft) {
        if (self)
            return iAmSubject ? tr("You left") : tr("%1 left").arg(nameOf(event.userId));
        if (iDidIt)
            return tr("You removed %1").arg(nameOf(event.userId));
        if (iAmSubject)
            return tr("%1 removed you").arg(nameOf(event.byId));
        return tr("%1 removed %2").arg(nameOf(event.byId), nameOf(event.userId));
    }
    if (event.kind == Event::RoomRenamed) {
        if (iDidIt)
            return tr("You renamed the group to \"%1\"").arg(event.name);
        return tr("%1 renamed the group to \"%2\"").arg(nameOf(event.byId), event.name);
    }
    return event.text;
}

QString body(const Event &event)
{
    const QString text = event.text.simplified();
    if (!text.isEmpty() || event.attachment.isEmpty())
        return text;
    const std::optional<Attachment> attachment = Attachment::fromJson(event.attachment);
    return attachment ? FileText::label(*attachment) : tr("Attachment");
}

QString preview(const Event &event, const NameLookup &nameOf, const QString &myUserId,
    bool isGroup)
{
    if (!event.isMessage())
        return note(event, nameOf, myUserId);
    const QString text = body(event);
    if (event.senderId == myUserId)
        return tr("You: %1").arg(text);
    if (isGroup)
        return tr("%1: %2").arg(nameOf(event.senderId), text);
    return text;
}

} // namespace Confab::EventText
