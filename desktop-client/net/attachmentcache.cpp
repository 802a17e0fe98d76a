#include "net/attachmentcache.h"

#include "net/filework.h"

#include <protocol/ids.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kMaxNameLength = 120;

bool isSha256(const QString &text)
{
    return isLowerHex(text, 64);
}

QHash<QString, QString> scan(const QString &dir)
{
    QHash<QString, QString> paths;
    QDirIterator folders(dir, QDir::Dirs | QDir::NoDotAndDotDot);
    while (folders.hasNext()) {
        const QFileInfo folder = folders.nextFileInfo();
        if (!isSha256(folder.fileName()))
            continue;
        const QFileInfoList files = QDir(folder.filePath()).entryInfoList(QDir::Files);
        if (!files.isEmpty())
            paths.insert(folder.fileName(), files.constFirst().filePath());
    }
    return paths;
}
}

AttachmentCache::AttachmentCache(QObject *parent)
    : QObject(parent)
{
    setDirectory({});
}

void AttachmentCache::setDirectory(const QString &dir)
{
    m_dir = dir.isEmpty() ? QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                .absoluteFilePath(u"attachments"_s)
                          : dir;
    m_paths.clear();
    const quint64 generation = ++m_generation;
    FileWork::whenDone(
        QtConcurrent::run(scan, m_dir), this, [this, generation](QHash<QString, QString> found) {
            if (generation != m_generation)
                return;
            for (auto it = found.cbegin(); it != found.cend(); ++it) {
                if (!m_paths.contains(it.key()))
                    add(Attachment { {}, {}, {}, 0, it.key(), {}, 0 }, it.value());
            }
        });
}

QString AttachmentCache::cachedPath(const Attachment &attachment) const
{
    return m_paths.value(attachment.sha256);
}

QString AttachmentCache::finalPath(const Attachment &attachment) const
{
    return QDir(m_dir).absoluteFilePath(attachment.sha256 + u'/' + safeFileName(attachment.name));
}

QString AttachmentCache::partialPath(const Attachment &attachment) const
{
    return QDir(m_dir).absoluteFilePath(u"partial/"_s + attachment.sha256);
}

void AttachmentCache::add(const Attachment &attachment, const QString &path)
{
    if (!isSha256(attachment.sha256))
        return;
    m_paths.insert(attachment.sha256, path);
    Q_EMIT added(attachment.sha256, path);
}

void AttachmentCache::adopt(const Attachment &attachment, const QString &source, bool move)
{
    if (!isSha256(attachment.sha256) || m_paths.contains(attachment.sha256))
        return;
    const QString target = finalPath(attachment);
    FileWork::whenDone(
        FileWork::place(source, target, move), this, [this, attachment, target](bool placed) {
            if (placed)
                add(attachment, target);
        });
}

QString AttachmentCache::safeFileName(const QString &name)
{
    // The last path element only, without characters that some file systems refuse.
    QString base = name.section(u'/', -1).section(u'\\', -1);
    static const QString forbidden = u"<>:\"|?*"_s;
    for (QChar &c : base) {
        if (c.unicode() < 0x20 || forbidden.contains(c))
            c = u'_';
    }
    while (base.startsWith(u'.') || base.startsWith(u' '))
        base.remove(0, 1);
    base = base.trimmed();
    if (base.size() > kMaxNameLength) {
        const QString suffix = QFileInfo(base).suffix().left(16);
        base = suffix.isEmpty() ? base.left(kMaxNameLength)
                                : base.left(kMaxNameLength - suffix.size() - 1) + u'.' + suffix;
    }
    return base.isEmpty() ? u"file"_s : base;
}

} // namespace Confab
