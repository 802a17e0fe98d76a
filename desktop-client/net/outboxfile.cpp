#include "net/outboxfile.h"

#include "net/clientlogging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace Confab {

using namespace Qt::StringLiterals;

OutboxFile::OutboxFile()
{
    m_thread.setMaxThreadCount(1);
    m_thread.setExpiryTimeout(5000);
}

OutboxFile::~OutboxFile()
{
    m_thread.waitForDone();
}

void OutboxFile::write(const QString &path, const QByteArray &contents)
{
    QMutexLocker lock(&m_mutex);
    m_path = path;
    m_next = contents;
    m_pending = true;
    if (m_running)
        return; // the running task picks it up
    m_running = true;
    m_thread.start([this] { drain(); });
}

void OutboxFile::drain()
{
    for (;;) {
        QString path;
        QByteArray contents;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_pending) {
                m_running = false;
                return;
            }
            path = m_path;
            contents = std::exchange(m_next, {});
            m_pending = false;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qCWarning(lcClientOutbox) << "cannot write" << path << file.errorString();
            continue;
        }
        file.write(contents);
        if (!file.commit())
            qCWarning(lcClientOutbox) << "cannot commit" << path << file.errorString();
    }
}

QByteArray OutboxFile::readKeepingCorrupt(const QString &path, ReadResult *result)
{
    *result = ReadResult::Read;
    QFile file(path);
    if (!file.exists()) {
        *result = ReadResult::Missing;
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcClientOutbox) << "cannot read" << path << file.errorString();
        *result = ReadResult::Unreadable;
        return {};
    }
    const QByteArray contents = file.readAll();
    file.close();
    QJsonParseError error;
    if (QJsonDocument::fromJson(contents, &error).isObject())
        return contents;
    const QString aside
        = path + u".corrupt-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    qCWarning(lcClientOutbox) << "corrupt outbox" << path << error.errorString() << "- kept as"
                              << aside;
    *result = QFile::rename(path, aside) ? ReadResult::KeptAside : ReadResult::Unreadable;
    return {};
}

} // namespace Confab
