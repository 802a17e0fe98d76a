#include "models/drafts.h"

#include <QSettings>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kSaveDelayMs = 1500;
constexpr int kMaxRooms = 1000; // beyond it a new room's draft is kept for this run only
constexpr qsizetype kMaxSavedLength = 64 * 1024;

QString groupOf(const QString &userId)
{
    return u"drafts/"_s + userId;
}
} // namespace

Drafts::Drafts(QObject *parent)
    : QObject(parent)
{
    m_saveSoon.setSingleShot(true);
    m_saveSoon.setInterval(kSaveDelayMs);
    connect(&m_saveSoon, &QTimer::timeout, this, &Drafts::save);
}

Drafts::~Drafts()
{
    save();
}

void Drafts::setUser(const QString &userId)
{
    if (userId == m_userId)
        return;
    save();
    m_userId = userId;
    m_texts.clear();
    if (userId.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(groupOf(userId));
    const QStringList rooms = settings.childKeys();
    for (const QString &roomId : rooms)
        m_texts.insert(roomId, settings.value(roomId).toString());
}

void Drafts::setText(const QString &roomId, const QString &text)
{
    if (roomId.isEmpty() || text == m_texts.value(roomId))
        return;
    if (text.isEmpty())
        m_texts.remove(roomId);
    else
        m_texts.insert(roomId, text);
    if (m_texts.size() <= kMaxRooms || text.isEmpty()) {
        m_unsaved.insert(roomId);
        m_saveSoon.start();
    }
}

void Drafts::forgetAll()
{
    m_saveSoon.stop();
    m_unsaved.clear();
    m_texts.clear();
    if (!m_userId.isEmpty())
        QSettings().remove(groupOf(m_userId));
    m_userId.clear();
}

void Drafts::save()
{
    m_saveSoon.stop();
    if (m_unsaved.isEmpty() || m_userId.isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(groupOf(m_userId));
    for (const QString &roomId : std::as_const(m_unsaved)) {
        const QString text = m_texts.value(roomId);
        if (text.isEmpty() || text.size() > kMaxSavedLength)
            settings.remove(roomId);
        else
            settings.setValue(roomId, text);
    }
    m_unsaved.clear();
}

} // namespace Confab
