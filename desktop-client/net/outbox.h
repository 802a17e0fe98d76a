#pragma once

#include "net/outboxentry.h"
#include "net/outboxfile.h"

#include <QList>
#include <QString>

#include <optional>

namespace Confab {

// Messages waiting for the server's `sent`, in the order they were written, and those the
// server refused until the user decides. Every change goes to a JSON file (atomically, on a
// thread of its own: see OutboxFile), so a message survives a restart of the client and is
// sent again with the same clientMsgId.
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
    void waitForWrites() { m_file.waitForWrites(); }

    static QString defaultPath(const QString &userId);

private:
    void save();

    OutboxFile m_file;
    QString m_path;
    bool m_writable = true;
    QList<OutboxEntry> m_entries;
};

} // namespace Confab
