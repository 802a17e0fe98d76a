#include "net/outbox.h"

#include "net/clientlogging.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace Confab {

using namespace Qt::StringLiterals;

bool Outbox::load(const QString &path)
{
    m_file.waitForWrites(); // what the previous path still had to write
    m_path = path;
    m_entries.clear();
    m_writable = true;
    if (path.isEmpty())
        return true;
    OutboxFile::ReadResult result;
    const QByteArray contents = OutboxFile::readKeepingCorrupt(path, &result);
    // A file that is there but could not be read (or moved aside) is never written over:
    // what it holds may still be sent once it can be read again.
    m_writable = result != OutboxFile::ReadResult::Unreadable;
    const QJsonArray array
        = QJsonDocument::fromJson(contents).object().value("messages"_L1).toArray();
    for (const QJsonValue &value : array) {
        OutboxEntry entry = OutboxEntry::fromJson(value.toObject());
        if (!entry.clientMsgId.isEmpty() && !entry.roomId.isEmpty())
            m_entries.append(entry);
    }
    qCDebug(lcClientOutbox) << "loaded" << m_entries.size() << "queued messages from" << path;
    return result == OutboxFile::ReadResult::Read || result == OutboxFile::ReadResult::Missing;
}

void Outbox::add(const OutboxEntry &entry)
{
    if (contains(entry.clientMsgId))
        return;
    m_entries.append(entry);
    save();
}

bool Outbox::remove(const QString &clientMsgId)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).clientMsgId == clientMsgId) {
            m_entries.removeAt(i);
            save();
            return true;
        }
    }
    return false;
}

bool Outbox::update(const OutboxEntry &entry)
{
    for (OutboxEntry &existing : m_entries) {
        if (existing.clientMsgId == entry.clientMsgId) {
            existing = entry;
            save();
            return true;
        }
    }
    return false;
}

std::optional<OutboxEntry> Outbox::find(const QString &clientMsgId) const
{
    for (const OutboxEntry &entry : m_entries) {
        if (entry.clientMsgId == clientMsgId)
            return entry;
    }
    return std::nullopt;
}

bool Outbox::contains(const QString &clientMsgId) const
{
    return find(clientMsgId).has_value();
}

QList<OutboxEntry> Outbox::entriesFor(const QString &roomId) const
{
    QList<OutboxEntry> out;
    for (const OutboxEntry &entry : m_entries) {
        if (entry.roomId == roomId)
            out.append(entry);
    }
    return out;
}

void Outbox::clear()
{
    m_entries.clear();
    save();
}

QString Outbox::defaultPath(const QString &userId)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).absoluteFilePath(u"outbox-"_s + userId + u".json"_s);
}

void Outbox::save()
{
    if (m_path.isEmpty())
        return;
    if (!m_writable) {
        qCWarning(lcClientOutbox) << "not writing" << m_path << "- it could not be read";
        return;
    }
    QJsonArray array;
    for (const OutboxEntry &entry : std::as_const(m_entries))
        array.append(entry.toJson());
    m_file.write(m_path,
        QJsonDocument(QJsonObject { { "version"_L1, 1 }, { "messages"_L1, array } })
            .toJson(QJsonDocument::Compact));
}

} // namespace Confab
