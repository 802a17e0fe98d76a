#pragma once

#include <protocol/event.h>

#include <QString>

#include <functional>

namespace Confab {

// Human text for events: a message's text, or a sentence for membership and rename events.
// `nameOf` turns a user id into a display name.
namespace EventText {
using NameLookup = std::function<QString(const QString &userId)>;

QString note(const Event &event, const NameLookup &nameOf, const QString &myUserId);
// A message's text, or a label of its attachment when it has no text.
QString body(const Event &event);
QString preview(const Event &event, const NameLookup &nameOf, const QString &myUserId,
    bool isGroup);
}

} // namespace Confab
