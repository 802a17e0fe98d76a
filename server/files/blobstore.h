#pragma once

#include <QByteArray>
#include <QString>

namespace Confab::Server {

// Files on disk under the data directory: finished content in blobs/<aa>/<sha256>, named by
// its hash, and unfinished uploads in partial/<uploadId>. Paths are built only from
// server-made hex names. Blocking file I/O: use it from the files worker only.
class BlobStore {
public:
    enum class Finish { Stored, Mismatch, Failed };

    explicit BlobStore(const QString &dataDir);

    bool prepare() const;
    QString blobPath(const QString &sha256) const;
    QString partialPath(const QString &uploadId) const;

    // Size of the partial file, creating it empty when missing; -1 on failure.
    qint64 openPartial(const QString &uploadId) const;
    // Appends when the partial file is exactly `offset` bytes long; its new size, or -1.
    qint64 append(const QString &uploadId, qint64 offset, const QByteArray &data) const;
    // Checks the SHA-256 of the partial file and moves it into place, flushed to disk.
    Finish finish(const QString &uploadId, const QString &sha256) const;
    bool storeEmpty(const QString &sha256) const;
    void removePartial(const QString &uploadId) const;
    // Up to `maxBytes` of a blob from `offset`; a null array when it cannot be read.
    QByteArray read(const QString &sha256, qint64 offset, qint64 maxBytes) const;

private:
    QString m_blobDir;
    QString m_partialDir;
};

} // namespace Confab::Server
