#include "net/filework.h"

#include "net/clientlogging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Confab::FileWork {

namespace {

QThreadPool *ioThread()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(1);
        p->setExpiryTimeout(-1);
        return p;
    }();
    return pool;
}

std::optional<QString> sha256Of(const QString &path, qint64 *size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return std::nullopt;
    if (size)
        *size = file.size();
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

QFuture<Digest> digest(const QString &path)
{
    return QtConcurrent::run([path] {
        Digest digest;
        qint64 size = -1;
        if (const std::optional<QString> sha = sha256Of(path, &size)) {
            digest.size = size;
            digest.sha256 = *sha;
        }
        return digest;
    });
}

QFuture<std::optional<QByteArray>> read(const QString &path, qint64 offset, qint64 length)
{
    return QtConcurrent::run(ioThread(), [path, offset, length]() -> std::optional<QByteArray> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
            return std::nullopt;
        QByteArray data = file.read(length);
        if (data.size() != length)
            return std::nullopt; // the file changed under us

        return data;
    });
}

QFuture<qint64> resumeOffset(const QString &partialPath, const QString &finalPath)
{
    return QtConcurrent::run(ioThread(), [partialPath, finalPath] {
        return QFileInfo::exists(finalPath) ? qint64(-1) : QFileInfo(partialPath).size();
    });
}

QFuture<bool> write(const QString &path, qint64 offset, const QByteArray &data)
{
    return QtConcurrent::run(ioThread(), [path, offset, data] {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        const QIODevice::OpenMode mode
            = offset == 0 ? QIODevice::WriteOnly | QIODevice::Truncate : QIODevice::ReadWrite;
        if (!file.open(mode) || !file.seek(offset) || file.write(data) != data.size()) {
            qCWarning(lcClientFiles) << "cannot write" << path << file.errorString();
            return false;
        }
        return true;
    });
}

QFuture<bool> finish(const QString &partialPath, const QString &sha256, const QString &finalPath)
{
    return QtConcurrent::run(ioThread(), [partialPath, sha256, finalPath] {
        if (sha256Of(partialPath, nullptr) != sha256) {
            qCWarning(lcClientFiles) << "downloaded data does not match its sha256; dropped";
            QFile::remove(partialPath);
            return false;
        }
        QDir().mkpath(QFileInfo(finalPath).absolutePath());
        QFile::remove(finalPath);
        return QFile::rename(partialPath, finalPath);
    });
}

QFuture<bool> remove(const QString &path)
{
    return QtConcurrent::run(ioThread(), [path] { return QFile::remove(path); });
}

QFuture<bool> place(const QString &source, const QString &target, bool move)
{
    return QtConcurrent::run(ioThread(), [source, target, move] {
        if (QFileInfo::exists(target)) {
            if (move)
                QFile::remove(source);
            return true;
        }
        QDir().mkpath(QFileInfo(target).absolutePath());
        return move ? QFile::rename(source, target) : QFile::copy(source, target);
    });
}

} // namespace Confab::FileWork
