#include "store/attachmentrepository.h"

#include "store/sqlquery.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
const QString kColumns = u"id, %1, sha256, size, name, mime, kind, duration_ms"_s;

AttachmentRow readRow(const QSqlQuery &query)
{
    return { query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
        query.value(3).toLongLong(), query.value(4).toString(), query.value(5).toString(),
        query.value(6).toString(), query.value(7).toLongLong() };
}

std::optional<AttachmentRow> firstRow(QSqlQuery &query)
{
    if (!query.next())
        return std::nullopt;
    return readRow(query);
}

QVariant durationValue(const AttachmentRow &row)
{
    return row.kind == "voice"_L1 ? QVariant(row.durationMs)
                                  : QVariant(QMetaType::fromType<qint64>());
}
} // namespace

QJsonObject AttachmentRow::toJson() const
{
    QJsonObject json { { "attachmentId"_L1, id }, { "name"_L1, name }, { "mime"_L1, mime },
        { "size"_L1, size }, { "sha256"_L1, sha256 }, { "kind"_L1, kind } };
    if (kind == "voice"_L1)
        json.insert("durationMs"_L1, durationMs);
    return json;
}

void AttachmentRepository::insert(const AttachmentRow &row, qint64 ts)
{
    runCached(m_db,
        u"INSERT INTO attachments (id, uploader_id, sha256, size, name, mime, kind, duration_ms,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        { row.id, row.ownerId, row.sha256, row.size, row.name, row.mime, row.kind,
            durationValue(row), ts });
}

std::optional<AttachmentRow> AttachmentRepository::find(const QString &id) const
{
    return firstRow(runCached(m_db,
        u"SELECT "_s + kColumns.arg(u"uploader_id"_s) + u" FROM attachments WHERE id = ?"_s,
        { id }));
}

std::optional<AttachmentRow> AttachmentRepository::findByContent(
    const QString &uploaderId, const QString &sha256) const
{
    return firstRow(runCached(m_db,
        u"SELECT "_s + kColumns.arg(u"uploader_id"_s)
            + u" FROM attachments WHERE uploader_id = ? AND sha256 = ?"_s,
        { uploaderId, sha256 }));
}

bool AttachmentRepository::maySee(const QString &attachmentId, const QString &userId) const
{
    if (cachedValue(m_db, u"SELECT 1 FROM attachments WHERE id = ? AND uploader_id = ?"_s,
            { attachmentId, userId })
            .isValid())
        return true;
    return cachedValue(m_db,
        u"SELECT 1 FROM events e JOIN members m ON m.room_id = e.room_id"
        " WHERE e.attachment_id = ? AND m.user_id = ? LIMIT 1"_s,
        { attachmentId, userId })
        .isValid();
}

qint64 AttachmentRepository::bytesOwnedBy(const QString &userId) const
{
    const qint64 stored = cachedValue(m_db,
        u"SELECT COALESCE(SUM(size), 0) FROM attachments WHERE uploader_id = ?"_s, { userId }, 0)
                              .toLongLong();
    const qint64 pending = cachedValue(
        m_db, u"SELECT COALESCE(SUM(size), 0) FROM uploads WHERE user_id = ?"_s, { userId }, 0)
                               .toLongLong();
    return stored + pending;
}

void AttachmentRepository::insertUpload(const AttachmentRow &row, qint64 ts)
{
    runCached(m_db,
        u"INSERT INTO uploads (id, user_id, sha256, size, name, mime, kind, duration_ms, "
        u"created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        { row.id, row.ownerId, row.sha256, row.size, row.name, row.mime, row.kind,
            durationValue(row), ts });
}

std::optional<AttachmentRow> AttachmentRepository::findUpload(const QString &id) const
{
    return firstRow(runCached(
        m_db, u"SELECT "_s + kColumns.arg(u"user_id"_s) + u" FROM uploads WHERE id = ?"_s, { id }));
}

std::optional<AttachmentRow> AttachmentRepository::findUploadByContent(
    const QString &userId, const QString &sha256, qint64 size) const
{
    return firstRow(runCached(m_db,
        u"SELECT "_s + kColumns.arg(u"user_id"_s)
            + u" FROM uploads WHERE user_id = ? AND sha256 = ? AND size = ?"_s,
        { userId, sha256, size }));
}

void AttachmentRepository::removeUpload(const QString &id)
{
    runCached(m_db, u"DELETE FROM uploads WHERE id = ?"_s, { id });
}

QStringList AttachmentRepository::uploadsOlderThan(qint64 ts) const
{
    QSqlQuery &query = runCached(m_db, u"SELECT id FROM uploads WHERE created_at < ?"_s, { ts });
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    return ids;
}

} // namespace Confab::Server
