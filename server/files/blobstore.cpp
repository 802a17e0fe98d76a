#include "files/blobstore.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// Data must be on disk before the database says it is there.
bool syncFile(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true;
#endif
}

void syncDirectory(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path)
#endif
}

// Creates a blob prefix folder; a new one is flushed into its parent, or a crash could lose
// the folder with the file renamed into it.
bool makeDurableDirectory(const QString &path)
{
    if (QFileInfo::exists(path))
        return true;
    if (!QDir().mkpath(path))
        return false;
    syncDirectory(QFileInfo(path).absolutePath());
    return true;
}

} // namespace

BlobStore::BlobStore(const QString &dataDir)
    : m_blobDir(QDir(dataDir).absoluteFilePath(u"blobs"_s))
    , m_partialDir(QDir(dataDir).absoluteFilePath(u"partial"_s))
{
}

bool BlobStore::prepare() const
{
    return QDir().mkpath(m_blobDir) && QDir().mkpath(m_partialDir);
}

QString BlobStore::blobPath(const QString &sha256) const
{
    return m_blobDir + u'/' + sha256.left(2) + u'/' + sha256;
}

QString BlobStore::partialPath(const QString &uploadId) const
{
    return m_partialDir + u'/' + uploadId;
}

qint64 BlobStore::openPartial(const QString &uploadId) const
{
    QFile file(partialPath(uploadId));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(lcStore) << "cannot open partial upload:" << file.errorString();
        return -1;
    }
    return file.size();
}

qint64 BlobStore::append(const QString &uploadId, qint64 offset, const QByteArray &data) const
{
    QFile file(partialPath(uploadId));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.size() != offset)
        return -1;
    if (file.write(data) != data.size() || !file.flush()) {
        qCWarning(lcStore) << "cannot write upload data:" << file.errorString();
        return -1;
    }
    return file.size();
}

BlobStore::Finish BlobStore::finish(const QString &uploadId, const QString &sha256) const
{
    QFile file(partialPath(uploadId));
    if (!file.open(QIODevice::ReadWrite))
        return Finish::Failed;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Finish::Failed;
    if (QString::fromLatin1(hash.result().toHex()) != sha256) {
        file.remove();
        return Finish::Mismatch;
    }
    if (!syncFile(file))
        return Finish::Failed;
    file.close();
    const QString target = blobPath(sha256);
    const QString targetDir = QFileInfo(target).absolutePath();
    if (!makeDurableDirectory(targetDir))
        return Finish::Failed;
    if (QFileInfo::exists(target)) {
        // Same content from someone else: it is stored once.
        file.remove();
        return Finish::Stored;
    }
    if (!file.rename(target))
        return Finish::Failed;
    syncDirectory(targetDir);
    return Finish::Stored;
}

bool BlobStore::storeEmpty(const QString &sha256) const
{
    const QString target = blobPath(sha256);
    const QString targetDir = QFileInfo(target).absolutePath();
    if (!makeDurableDirectory(targetDir))
        return false;
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    file.close();
    syncDirectory(targetDir);
    return true;
}

void BlobStore::removePartial(const QString &uploadId) const
{
    QFile::remove(partialPath(uploadId));
}

QByteArray BlobStore::read(const QString &sha256, qint64 offset, qint64 maxBytes) const
{
    QFile file(blobPath(sha256));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    QByteArray data = file.read(maxBytes);
    if (data.isNull())
        data = QByteArray(""); // empty but not null: the end of the file
    return data;
}

} // namespace Confab::Server
