#pragma once

#include "net/outboxentry.h"

#include <QList>
#include <QString>

#include <optional>

namespace Confab {

// Messages waiting for the server's `sent`, in the order they were written. Every change
// is written at once (atomically, through QSaveFile) to a JSON file, so a message
// survives a crash or a restart of the client and is re-sent with the same clientMsgId.
class Outbox {
public:
    Outbox() = default;

    // Switches to `path` (empty: memory only) and loads what it holds.
    bool load(const QString &path);
    QString path() const { return m_path; }

    void add(const OutboxEntry &entry);
    bool remove(const QString &clientMsgId);
    // Replaces the entry of the same clientMsgId; false when there is none.
    bool update(const OutboxEntry &entry);
    std::optional<OutboxEntry> find(const QString &clientMsgId) const;
    bool contains(const QString &clientMsgId) const;
    const QList<OutboxEntry> &entries() const { return m_entries; }
    QList<OutboxEntry> entriesFor(const QString &roomId) const;
    bool isEmpty() const { return m_entries.isEmpty(); }
    void clear();

    static QString defaultPath(const QString &userId);

private:
    bool save() const;

    QString m_path;
    QList<OutboxEntry> m_entries;
};

} // namespace Confab
