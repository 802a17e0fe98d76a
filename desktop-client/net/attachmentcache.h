#pragma once

#include <protocol/attachment.h>

#include <QHash>
#include <QObject>

namespace Confab {

// Where attachments are kept on this device: `<dir>/<sha256>/<name>`, one folder per
// content, so a file opens in the system's application under its own name. A name from a
// message is reduced to a plain file name; it never becomes a path. Partial downloads wait
// in `<dir>/partial/`. The index of what is there is read in the background.
class AttachmentCache : public QObject {
    Q_OBJECT
public:
    explicit AttachmentCache(QObject *parent = nullptr);

    // Defaults to the app's cache folder; empty: the default.
    void setDirectory(const QString &dir);
    QString directory() const { return m_dir; }

    // The local copy of `attachment`, or empty when there is none yet.
    QString cachedPath(const Attachment &attachment) const;
    QString finalPath(const Attachment &attachment) const;
    QString partialPath(const Attachment &attachment) const;
    // Records a file that is now in place (a finished download, an own upload).
    void add(const Attachment &attachment, const QString &path);
    // Copies or moves a local file into the cache in the background.
    void adopt(const Attachment &attachment, const QString &source, bool move);

    static QString safeFileName(const QString &name);

Q_SIGNALS:
    void added(const QString &sha256, const QString &path);

private:
    QString m_dir;
    QHash<QString, QString> m_paths; // sha256 -> file
    quint64 m_generation = 0;
};

} // namespace Confab
