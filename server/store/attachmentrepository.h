#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Confab::Server {

// A file's metadata. The name is what the uploader called it: never a path on disk.
struct AttachmentRow {
    QString id;
    QString ownerId; // uploader
    QString sha256;
    qint64 size = 0;
    QString name;
    QString mime;
    QString kind; // file, image, voice
    qint64 durationMs = 0; // voice only

    QJsonObject toJson() const;
};

// The `attachments` table (completed uploads) and the `uploads` table (unfinished ones):
// both describe files by the same columns.
class AttachmentRepository {
public:
    explicit AttachmentRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void insert(const AttachmentRow &attachment, qint64 ts);
    std::optional<AttachmentRow> find(const QString &id) const;
    std::optional<AttachmentRow> findByContent(const QString &uploaderId, const QString &sha256) const;
    // True when the user uploaded it or shares a room where it was posted.
    bool maySee(const QString &attachmentId, const QString &userId) const;
    qint64 bytesOwnedBy(const QString &userId) const;

    void insertUpload(const AttachmentRow &upload, qint64 ts);
    std::optional<AttachmentRow> findUpload(const QString &id) const;
    std::optional<AttachmentRow> findUploadByContent(const QString &userId, const QString &sha256,
        qint64 size) const;
    void removeUpload(const QString &id);
    QStringList uploadsOlderThan(qint64 ts) const;

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
