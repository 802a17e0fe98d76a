#pragma once

#include <QColor>
#include <QString>

class QPainter;
class QRect;

namespace Confab::Avatar {

// A stable colour for an id (the same person or room always gets the same one).
QColor colorFor(const QString &key);
// Up to two initials of a display name ("Bob Smith" -> "BS", "alice" -> "A").
QString initials(const QString &name);
// A filled circle with the initials, as in the room list and the conversation header.
void paint(QPainter *painter, const QRect &rect, const QString &name, const QString &key);

}
